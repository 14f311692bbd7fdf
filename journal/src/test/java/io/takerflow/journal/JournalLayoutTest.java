package io.takerflow.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.FlowState;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeReason;
import io.takerflow.engine.signal.SignalLayout;
import io.takerflow.engine.signal.SpotState;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The record layout: every field whole, at its named offset, enums as explicit codes; other versions and unknown
 * codes refused with a message naming the record.
 */
final class JournalLayoutTest
{
    @TempDir
    Path dir;

    private final InstrumentCatalog catalog = new InstrumentCatalog();
    private final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
    private final List<MarketConfig> markets = List.of(MarketConfig.builder("BTC").flowInstruments(perp).build());

    /**
     * A replay must book an inverse instrument's USD sizes as the live run did: the size convention travels in the
     * run header with the multiplier (layout 3).
     */
    @Test
    void eachInstrumentsSizeConventionComesBackFromTheRunHeader() throws Exception
    {
        final InstrumentCatalog sizes = new InstrumentCatalog();
        final int linear = sizes.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final int inverse = sizes.add(Venue.DERIBIT, "BTC-PERPETUAL", SizeConvention.INVERSE, 1.0);
        final int quanto = sizes.add(Venue.GATE_FUTURES, "BTC_USDT", SizeConvention.QUANTO, 0.0001);
        try (Journal journal = Journal.open(JournalSettings.daily(dir), sizes,
            List.of(MarketConfig.builder("BTC").flowInstruments(linear, inverse, quanto).build())))
        {
            journal.inputWriter().onEvent(new InputEvent().trade().venue(Venue.DERIBIT).instrumentId(inverse)
                .exchangeTimeNs(5).receiveTimeNs(6).priceMantissa(922_885).priceScale(1).quantityMantissa(750)
                .quantityScale(0).takerSide(TakerSide.SELL).tradeId(42), 0, true);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.nextInput(new InputEvent())).isEqualTo(JournalReader.HEADER);
            final InstrumentCatalog read = reader.header().instruments();
            assertThat(read.get(linear).sizeConvention()).isEqualTo(SizeConvention.LINEAR);
            assertThat(read.get(inverse).sizeConvention()).isEqualTo(SizeConvention.INVERSE);
            assertThat(read.get(quanto).sizeConvention()).isEqualTo(SizeConvention.QUANTO);
            assertThat(read.get(quanto).contractMultiplier()).isEqualTo(0.0001);
            assertThat(reader.header().toJson())
                .contains("\"symbol\":\"BTC-PERPETUAL\",\"multiplier\":1.0,\"size\":\"inverse\"");
        }
    }

    /**
     * Issue 9, defect 6: a trade of 0.1000000000000000 at 1.0000000000000001 (16 decimals each; venues send up to
     * 18) came back as 1000000000000000 at 1000000000000000.1, because both scales were packed into 4-bit halves.
     */
    @Test
    void pricesAndSizesWithUpTo18DecimalsComeBackExactly() throws Exception
    {
        final InputEvent written = new InputEvent();
        try (Journal journal = Journal.open(JournalSettings.daily(dir), catalog, markets))
        {
            journal.inputWriter().onEvent(written.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(5)
                .receiveTimeNs(6).priceMantissa(10_000_000_000_000_001L).priceScale(16)
                .quantityMantissa(1_000_000_000_000_000L).quantityScale(16).takerSide(TakerSide.SELL)
                .tradeId(42), 0, true);
            journal.inputWriter().onEvent(written.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(7)
                .receiveTimeNs(8).priceMantissa(123_456_789_012_345_678L).priceScale(18).quantityMantissa(1L)
                .quantityScale(18).takerSide(TakerSide.BUY).tradeId(43), 1, true);
        }
        final InputEvent read = new InputEvent();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.HEADER);
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.INPUT);
            assertThat(read.priceMantissa()).isEqualTo(10_000_000_000_000_001L);
            assertThat(read.priceScale()).isEqualTo(16);
            assertThat(read.quantityMantissa()).isEqualTo(1_000_000_000_000_000L);
            assertThat(read.quantityScale()).isEqualTo(16);
            assertThat(read.takerSide()).isEqualTo(TakerSide.SELL);
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.INPUT);
            assertThat(read.priceScale()).isEqualTo(18);
            assertThat(read.quantityScale()).isEqualTo(18);
            assertThat(read.toString()).contains("0.000000000000000001 @ 0.123456789012345678");
        }
    }

    /**
     * A history sample has its own named fields in the slot (buy and sell volume, not price and quantity), but the
     * record layout did not change: the buy volume is stored where a trade's price is, the sell volume where its
     * quantity is, and both come back into the sample's own fields.
     */
    @Test
    void aHistorySampleKeepsItsPlaceInTheRecordAndComesBackInItsOwnFields() throws Exception
    {
        try (Journal journal = Journal.open(JournalSettings.daily(dir), catalog, markets))
        {
            journal.inputWriter().onEvent(new InputEvent().historySample().venue(Venue.BINANCE_USDM).instrumentId(perp)
                .exchangeTimeNs(3_600_000_000_000L).receiveTimeNs(9).buyVolumeMantissa(1_234_567).buyVolumeScale(3)
                .sellVolumeMantissa(7_654_321).sellVolumeScale(4), 0, true);
        }
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.resolve("input"))
            .rollCycle(JournalSettings.daily(dir).rollCycle()).readOnly(true).build())
        {
            final var tailer = queue.createTailer();
            try (DocumentContext header = tailer.readingDocument())
            {
                assertThat(header.isPresent()).isTrue();
            }
            try (DocumentContext record = tailer.readingDocument())
            {
                final Bytes<?> bytes = record.wire().bytes();
                final long at = bytes.readPosition();
                assertThat(bytes.readLong(at + RecordLayout.INPUT_PRICE_OFFSET)).isEqualTo(1_234_567);
                assertThat(bytes.readByte(at + RecordLayout.INPUT_PRICE_SCALE_OFFSET)).isEqualTo((byte)3);
                assertThat(bytes.readLong(at + RecordLayout.INPUT_QUANTITY_OFFSET)).isEqualTo(7_654_321);
                assertThat(bytes.readByte(at + RecordLayout.INPUT_QUANTITY_SCALE_OFFSET)).isEqualTo((byte)4);
            }
        }
        final InputEvent read = new InputEvent();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.HEADER);
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.INPUT);
        }
        assertThat(read.type()).isEqualTo(EventType.HISTORY_SAMPLE);
        assertThat(read.buyVolumeMantissa()).isEqualTo(1_234_567);
        assertThat(read.buyVolumeScale()).isEqualTo(3);
        assertThat(read.sellVolumeMantissa()).isEqualTo(7_654_321);
        assertThat(read.sellVolumeScale()).isEqualTo(4);
        assertThat(read.buyVolume()).isEqualTo(1234.567);
        assertThat(read.sellVolume()).isEqualTo(765.4321);
        assertThat(read.priceMantissa()).as("no price on a history sample").isZero();
        assertThat(read.quantityMantissa()).isZero();
        assertThat(read.exchangeTimeNs()).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void dumpAllPutsEachRunsHeaderBeforeItsEventsAndEachSignalAfterItsEvent() throws Exception
    {
        for (int run = 0; run < 2; run++)
        {
            try (Journal journal = Journal.open(JournalSettings.daily(dir), catalog, markets);
                TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(markets.get(0))
                    .tickInterval(0, TimeUnit.MILLISECONDS).parallelHandler(journal.inputWriter())
                    .listener(journal.signalWriter()).build()))
            {
                final InputPublisher publisher = engine.newPublisher();
                publisher.publishClockTick(1_000 + run);
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(perp)
                    .exchangeTimeNs(2_000).receiveTimeNs(2_000 + run).priceMantissa(6_500_012).priceScale(2)
                    .quantityMantissa(15).quantityScale(3).takerSide(TakerSide.BUY).tradeId(77 + run));
            }
            Thread.sleep(2);
        }
        final StringWriter out = new StringWriter();
        JournalDump.write(dir, JournalDump.What.ALL, JournalDump.Format.CSV, new PrintWriter(out));
        final List<String> kinds = out.toString().lines().skip(1)
            .map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1)))
            .toList();
        assertThat(kinds).containsExactly("run_header,0", "tick,1", "signal,1", "trade,2", "signal,2",
            "run_header,0", "tick,1", "signal,1", "trade,2", "signal,2");
        assertThat(out.toString()).contains("trade,2,2001,binance-usdm,BTCUSDT,0,2000,65000.12,0.015,BUY,78,");
    }

    @Test
    void everyFieldSitsAtItsNamedOffset()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(128);
        final InputEvent event = new InputEvent().feedStatus().venue(Venue.OKX).instrumentId(3).feedState(FeedState.GAP)
            .missingCount(17).receiveTimeNs(99);
        RecordLayout.writeInput(bytes, event, 12345);
        assertThat(bytes.readRemaining()).isEqualTo(RecordLayout.INPUT_LENGTH);
        assertThat(bytes.readByte(RecordLayout.KIND_OFFSET)).isEqualTo((byte)2);
        assertThat(bytes.readByte(RecordLayout.INPUT_TYPE_OFFSET)).as("FEED_STATUS code").isEqualTo((byte)2);
        assertThat(bytes.readByte(RecordLayout.INPUT_VENUE_OFFSET)).as("OKX code").isEqualTo((byte)7);
        assertThat(bytes.readByte(RecordLayout.INPUT_FEED_STATE_OFFSET)).as("GAP code").isEqualTo((byte)4);
        assertThat(bytes.readInt(RecordLayout.INPUT_INSTRUMENT_OFFSET)).isEqualTo(3);
        assertThat(bytes.readLong(RecordLayout.INPUT_RECEIVE_TIME_OFFSET)).isEqualTo(99);
        assertThat(bytes.readLong(RecordLayout.INPUT_MISSING_OFFSET)).isEqualTo(17);
        assertThat(bytes.readLong(RecordLayout.INPUT_SEQUENCE_OFFSET)).isEqualTo(12345);
        final InputEvent read = new InputEvent();
        assertThat(RecordLayout.readInput(bytes, read)).isEqualTo(12345);
        assertThat(read.type()).isEqualTo(EventType.FEED_STATUS);
        assertThat(read.venue()).isEqualTo(Venue.OKX);
        assertThat(read.missingCount()).isEqualTo(17);
        assertThat(bytes.readRemaining()).isZero();
    }

    @Test
    void everyEnumConstantHasAJournalCodeThatReadsBack()
    {
        for (final EventType value : EventType.values())
        {
            assertThat(RecordLayout.TYPES.decode(RecordLayout.TYPES.code(value), "t")).isEqualTo(value);
        }
        for (final Venue value : Venue.values())
        {
            assertThat(RecordLayout.VENUES.decode(RecordLayout.VENUES.code(value), "v")).isEqualTo(value);
        }
        for (final FeedState value : FeedState.values())
        {
            assertThat(RecordLayout.FEED_STATES.decode(RecordLayout.FEED_STATES.code(value), "f")).isEqualTo(value);
        }
        for (final TakerSide value : TakerSide.values())
        {
            assertThat(RecordLayout.SIDES.decode(RecordLayout.SIDES.code(value), "s")).isEqualTo(value);
        }
        for (final FlowState value : FlowState.values())
        {
            assertThat(SignalLayout.FLOW_STATES.constant(SignalLayout.FLOW_STATES.code(value))).isEqualTo(value);
        }
        for (final SpotState value : SpotState.values())
        {
            assertThat(SignalLayout.SPOT_STATES.constant(SignalLayout.SPOT_STATES.code(value))).isEqualTo(value);
        }
        for (final Regime value : Regime.values())
        {
            assertThat(SignalLayout.REGIMES.constant(SignalLayout.REGIMES.code(value))).isEqualTo(value);
        }
        for (final RegimeReason value : RegimeReason.values())
        {
            assertThat(RecordLayout.REASONS.decode(RecordLayout.REASONS.code(value), "r")).isEqualTo(value);
        }
        assertThatThrownBy(() -> RecordLayout.VENUES.decode((byte)0, "venue")).isInstanceOf(JournalException.class)
            .hasMessageContaining("unknown venue code 0");
    }

    @Test
    void anUnknownCodeIsRefusedNamingTheRecordAndField() throws Exception
    {
        try (Journal journal = Journal.open(JournalSettings.daily(dir), catalog, markets))
        {
            journal.inputWriter().onEvent(new InputEvent().setClockTick(5), 0, true);
        }
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(JournalSettings.daily(dir).inputQueue())
            .build();
            ExcerptAppender appender = queue.createAppender())
        {
            final Bytes<?> record = Bytes.allocateElasticOnHeap(128);
            RecordLayout.writeInput(record, new InputEvent().setClockTick(6), 2);
            record.writeByte(RecordLayout.INPUT_VENUE_OFFSET, (byte)99);
            record.writeInt(RecordLayout.INPUT_CHECK_OFFSET,
                RecordLayout.check(record, 0, RecordLayout.INPUT_CHECK_OFFSET));
            try (DocumentContext context = appender.writingDocument())
            {
                context.wire().bytes().write(record);
            }
        }
        final InputEvent read = new InputEvent();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.HEADER);
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.INPUT);
            assertThatThrownBy(() -> reader.nextInput(read)).isInstanceOf(JournalException.class)
                .hasMessageContaining("record 0x").hasMessageContaining("input")
                .hasMessageContaining("unknown venue code 99");
        }
    }

    /**
     * A write fault on a mapped page (a full file system) loses the stores to that page while the document around
     * them may still be committed: the record reads as a run of zeros from a page boundary on. Seen on CI as
     * "unknown record kind 0" at the end of a full journal. The check at the end of every record tells such a record
     * from data: the journal ends before it, and says so.
     */
    @Test
    void aRecordTornByAWriteFaultEndsTheJournalBeforeItAndSaysSo() throws Exception
    {
        for (final int lostFrom : new int[] {0, 1, 40, RecordLayout.INPUT_CHECK_OFFSET})
        {
            final Path journal = dir.resolve("torn-" + lostFrom);
            writeClockTicks(journal, 2);
            appendRaw(journal, torn(lostFrom));
            final InputEvent read = new InputEvent();
            try (JournalReader reader = JournalReader.open(journal))
            {
                assertThat(reader.nextInput(read)).isEqualTo(JournalReader.HEADER);
                assertThat(reader.nextInput(read)).isEqualTo(JournalReader.INPUT);
                assertThat(reader.nextInput(read)).isEqualTo(JournalReader.INPUT);
                assertThat(reader.tornInput()).as("bytes from %d lost", lostFrom).isNull();
                assertThat(reader.nextInput(read)).as("bytes from %d lost", lostFrom).isEqualTo(JournalReader.END);
                assertThat(reader.tornInput()).contains("record 0x").contains("is torn")
                    .contains("the journal ends before it");
            }
        }
    }

    @Test
    void aDamagedRecordWithRecordsAfterItIsAnErrorNotAnEnd() throws Exception
    {
        writeClockTicks(dir, 1);
        appendRaw(dir, torn(40));
        final Bytes<?> whole = Bytes.allocateElasticOnHeap(128);
        RecordLayout.writeInput(whole, new InputEvent().setClockTick(9), 3);
        appendRaw(dir, whole);
        final InputEvent read = new InputEvent();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.HEADER);
            assertThat(reader.nextInput(read)).isEqualTo(JournalReader.INPUT);
            assertThatThrownBy(() -> reader.nextInput(read)).isInstanceOf(JournalException.class)
                .hasMessageContaining("record 0x").hasMessageContaining("does not match")
                .hasMessageContaining("records follow it");
        }
    }

    private void writeClockTicks(final Path journal, final int count) throws Exception
    {
        try (Journal writer = Journal.open(JournalSettings.daily(journal), catalog, markets))
        {
            for (int i = 0; i < count; i++)
            {
                writer.inputWriter().onEvent(new InputEvent().setClockTick(5 + i), i, true);
            }
        }
    }

    /**
     * @return a whole input record with its bytes from {@code lostFrom} on zeroed, as a lost page leaves them.
     */
    private static Bytes<?> torn(final int lostFrom)
    {
        final Bytes<?> record = Bytes.allocateElasticOnHeap(128);
        RecordLayout.writeInput(record, new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(0)
            .exchangeTimeNs(7).receiveTimeNs(8).priceMantissa(6_500_000).priceScale(2).quantityMantissa(3)
            .quantityScale(3).takerSide(TakerSide.SELL).tradeId(77), 3);
        for (int i = lostFrom; i < RecordLayout.INPUT_LENGTH; i++)
        {
            record.writeByte(i, (byte)0);
        }
        return record;
    }

    private static void appendRaw(final Path journal, final Bytes<?> record)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(JournalSettings.daily(journal)
            .inputQueue()).build(); ExcerptAppender appender = queue.createAppender(); DocumentContext context =
            appender.writingDocument())
        {
            context.wire().bytes().write(record);
        }
    }

    @Test
    void anOlderLayoutVersionIsRefusedWithAClearMessage()
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(JournalSettings.daily(dir).inputQueue())
            .build();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            bytes.writeByte((byte)1);
            bytes.writeInt(RecordLayout.MAGIC);
            bytes.writeInt(1);
            bytes.writeLong(123);
            bytes.writeInt(0);
            bytes.writeInt(0);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThatThrownBy(() -> reader.nextInput(new InputEvent())).isInstanceOf(JournalException.class)
                .hasMessageContaining("version 1").hasMessageContaining("older takerflow")
                .hasMessageContaining("reads version " + RecordLayout.VERSION);
        }
        assertThatThrownBy(() -> Journal.open(JournalSettings.daily(dir), catalog, markets))
            .isInstanceOf(JournalException.class).hasMessageContaining("journal.dir").hasMessageContaining("version 1");
    }
}
