package io.takerflow.journal;

import static org.assertj.core.api.Assertions.assertThat;
import io.takerflow.engine.input.InputEvent;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.net.FeedGroup;
import io.takerflow.feeds.net.FeedSettings;
import io.takerflow.feeds.recorded.RecordedFrames;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

/**
 * Journal and replay on real runs: the loopback simulator through the real feeds (with a disconnect and gaps),
 * and recorded Binance traffic; dumps checked against what was published; start-up and run-time failures.
 */
final class JournalTest
{
    @TempDir
    Path dir;

    @Test
    void replayOfASimulatorRunWithDisconnectsGapsAndBackfillsReproducesEverySignalByteForByte() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int usdm = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final int coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final List<MarketConfig> markets = List.of(compressed(MarketConfig.builder("BTC").flowInstruments(usdm)
            .premiumPair(coinbase, spot)));
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().tradesPerSecond(400)
            .dropEvery(61).phase(1, TimeUnit.SECONDS).build());
            Journal journal = Journal.open(JournalSettings.daily(dir), catalog, markets))
        {
            // a backfill that recovered trades has closed (its GAP marked done reached the ring)
            final AtomicBoolean backfillDone = new AtomicBoolean();
            final EngineConfig.Builder config = EngineConfig.builder(catalog).tickInterval(50, TimeUnit.MILLISECONDS)
                .waitStrategy(WaitStrategyKind.BLOCKING).parallelHandler(journal.inputWriter())
                .parallelHandler((event, sequence, endOfBatch) ->
                {
                    if (event.type() == EventType.FEED_STATUS && (event.marks() & InputEvent.BACKFILL_DONE) != 0 &&
                        event.recoveredCount() > 0)
                    {
                        backfillDone.set(true);
                    }
                })
                .listener(journal.signalWriter());
            markets.forEach(config::market);
            try (TakerflowEngine engine = TakerflowEngine.start(config.build()))
            {
                journal.attach(engine);
                final List<FeedSettings> feeds = new ArrayList<>();
                for (final Venue venue : List.of(Venue.BINANCE_USDM, Venue.BINANCE_SPOT, Venue.COINBASE))
                {
                    feeds.add(FeedSettings.builder(venue, List.of(venue == Venue.COINBASE ? "BTC-USD" : "BTCUSDT"))
                        .endpoint(simulator.endpoint(venue)).rest(simulator.restBase())
                        .reconnectBackoff(100, 500, TimeUnit.MILLISECONDS).build());
                }
                try (FeedGroup group = new FeedGroup(engine, feeds, 1, engine.config().clock()).start())
                {
                    // conditions, not fixed sleeps: on a loaded 2-core machine 1.5 s may carry only a few trades
                    awaitTrades(engine, 600);
                    simulator.closeConnections();
                    awaitTrades(engine, engine.counters().trades.get() + 600);
                    // backfills are paced (Binance USD-M one request a second): on a loaded machine the first may
                    // still be running here, so wait for one to close instead of assuming it has
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!backfillDone.get())
                    {
                        assertThat(System.nanoTime()).as("waiting for a backfill to close").isLessThan(deadline);
                        Thread.sleep(20);
                    }
                }
                assertThat(engine.counters().valueOf("journal.failures")).isZero();
            }
        }
        final Replay.Verification verification = Replay.verify(dir);
        assertThat(verification.compared()).as(verification.toString()).isGreaterThan(1000);
        assertThat(verification.identical()).as(verification.toString()).isTrue();

        final String status = dump(JournalDump.What.STATUS, JournalDump.Format.CSV);
        assertThat(status).contains(",DISCONNECTED,").contains(",GAP,").contains(",CONNECTED,");
        assertThat(status).as("backfills opened and closed").contains(",pending,").containsPattern(",done,[1-9]");
        assertThat(dump(JournalDump.What.TRADES, JournalDump.Format.CSV)).as("recovered trades marked")
            .contains(",recovered\n");
    }

    /**
     * Waits until the engine has taken at least {@code count} trades; trades come from all three venues, so a count
     * reached after a forced disconnect means the feeds reconnected and delivered again.
     */
    private static void awaitTrades(final TakerflowEngine engine, final long count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engine.counters().trades.get() < count)
        {
            assertThat(System.nanoTime()).as("waiting for %d trades, have %d", count, engine.counters().trades.get())
                .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void replayOfRecordedBinanceTrafficReproducesEverySignalByteForByte() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final List<MarketConfig> markets = List.of(compressed(MarketConfig.builder("BTC").flowInstruments(spot)));
        final long[] published = {0};
        try (Journal journal = Journal.open(JournalSettings.daily(dir), catalog, markets))
        {
            final EngineConfig.Builder config = EngineConfig.builder(catalog).parallelHandler(journal.inputWriter())
                .listener(journal.signalWriter()).tickInterval(0, TimeUnit.MILLISECONDS);
            markets.forEach(config::market);
            try (TakerflowEngine engine = TakerflowEngine.start(config.build()))
            {
                journal.attach(engine);
                final InputPublisher publisher = engine.newPublisher();
                final FrameDecoder decoder = VenueProtocols.of(Venue.BINANCE_SPOT).newDecoder(catalog);
                final FrameSink sink = trade ->
                {
                    publisher.publish(trade);
                    published[0]++;
                };
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
                RecordedFrames.read(fixture("hftbacktest-binance-spot-btcusdt-20240809.gz"), (time, frame, line) ->
                {
                    final byte[] bytes = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    buffer.wrap(bytes);
                    decoder.decode(buffer, 0, bytes.length, time, sink);
                });
            }
        }
        assertThat(published[0]).isGreaterThan(10_000);
        final Replay.Verification verification = Replay.verify(dir);
        assertThat(verification.identical()).as(verification.toString()).isTrue();
        assertThat(verification.compared()).isGreaterThanOrEqualTo(published[0]);

        final String trades = dump(JournalDump.What.TRADES, JournalDump.Format.CSV);
        assertThat(trades.lines().count()).isEqualTo(published[0] + 1);
        assertThat(trades).contains(",binance-spot,BTCUSDT,1723161601437000000,61685.99000000,0.00017000,SELL," +
            "3735693016,\n");
    }

    @Test
    void dumpWritesExactlyWhatWasPublishedAndReplayHonoursTheRange() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int usdm = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final List<MarketConfig> markets = List.of(MarketConfig.builder("BTC").flowInstruments(usdm).build());
        try (Journal journal = Journal.open(JournalSettings.daily(dir), catalog, markets);
            TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(markets.get(0))
                .tickInterval(0, TimeUnit.MILLISECONDS).parallelHandler(journal.inputWriter())
                .listener(journal.signalWriter()).build()))
        {
            final InputPublisher publisher = engine.newPublisher();
            publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(usdm)
                .exchangeTimeNs(1_000_000_000L).receiveTimeNs(1_000_000_500L).priceMantissa(6_500_012).priceScale(2)
                .quantityMantissa(15).quantityScale(3).takerSide(TakerSide.BUY).tradeId(77));
            publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.BINANCE_USDM)
                .instrumentId(usdm).feedState(FeedState.GAP).missingCount(3).receiveTimeNs(2_000_000_000L));
            publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(usdm)
                .exchangeTimeNs(3_000_000_000L).receiveTimeNs(3_000_000_500L).priceMantissa(6_499_900).priceScale(2)
                .quantityMantissa(1_200).quantityScale(3).takerSide(TakerSide.SELL).tradeId(81));
        }
        assertThat(dump(JournalDump.What.TRADES, JournalDump.Format.CSV)).isEqualTo(
            "seq,time_ns,venue,symbol,exchange_time_ns,price,quantity,taker_side,trade_id,backfill\n" +
                "1,1000000500,binance-usdm,BTCUSDT,1000000000,65000.12,0.015,BUY,77,\n" +
                "3,3000000500,binance-usdm,BTCUSDT,3000000000,64999.00,1.200,SELL,81,\n");
        assertThat(dump(JournalDump.What.STATUS, JournalDump.Format.JSONL)).isEqualTo(
            "{\"kind\":\"status\",\"seq\":2,\"time_ns\":2000000000,\"venue\":\"binance-usdm\",\"symbol\":\"BTCUSDT\"," +
                "\"instrument\":0,\"state\":\"GAP\",\"missing\":3}\n");
        final String signals = dump(JournalDump.What.SIGNALS, JournalDump.Format.CSV);
        assertThat(signals.lines()).hasSize(4).first().isEqualTo(JournalDump.SIGNAL_COLUMNS);
        // after the first trade: all of the flow is buying (none of it backfilled); after the second:
        // B = 0.015, S = 1.2.
        assertThat(signals.lines().skip(1).findFirst().orElseThrow())
            .startsWith("signal,1,1000000500,BTC,0.015,0.0,1.0,1.0,0.0,,1,0,0,,,BALANCED,FLAT,NEUTRAL,");
        final String[] third = signals.lines().skip(3).findFirst().orElseThrow().split(",", -1);
        assertThat(Double.parseDouble(third[6])).isEqualTo((0.015 - 1.2) / (0.015 + 1.2));
        assertThat(third[3]).isEqualTo("BTC");

        final List<Long> times = new ArrayList<>();
        final Replay.Result range = Replay.run(dir, 2_000_000_000L, 3_000_000_000L, 0, signal ->
            times.add(signal.timeNs()), null);
        assertThat(range.events()).isEqualTo(2);
        assertThat(times).containsExactly(2_000_000_000L);
    }

    @Test
    void anUnusableDirectoryFailsAtStartNamingTheSetting() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> Journal.open(JournalSettings.daily(file), new InstrumentCatalog(), List.of()))
            .isInstanceOf(JournalException.class).hasMessageContaining("journal.dir");
        assertThatThrownBy(() -> JournalReader.open(dir.resolve("missing")))
            .isInstanceOf(JournalException.class).hasMessageContaining("no takerflow journal");
        assertThatThrownBy(() -> JournalSettings.rollCycle("fortnightly")).hasMessageContaining("journal.rollCycle");
    }

    @Test
    void aJournalThatFailsAtRunTimeIsReportedToTheErrorHandlerNotOnTheRingAndCountedWhileSignalsCarryOn()
        throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int usdm = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final List<MarketConfig> markets = List.of(MarketConfig.builder("BTC").flowInstruments(usdm).build());
        final List<FeedState> states = new ArrayList<>();
        final long[] signals = {0};
        final List<String> errors = new ArrayList<>();
        final JournalSettings settings = new JournalSettings(dir, TestRollCycles.TEST_SECONDLY, 0);
        try (Journal journal = Journal.open(settings, catalog, markets))
        {
            try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(markets.get(0))
                .tickInterval(0, TimeUnit.MILLISECONDS).parallelHandler(journal.inputWriter())
                .parallelHandler((event, sequence, end) ->
                {
                    if (event.type() == io.takerflow.engine.input.EventType.FEED_STATUS)
                    {
                        synchronized (states)
                        {
                            states.add(event.feedState());
                        }
                    }
                })
                .listener(signal -> signals[0]++).build()))
            {
                journal.attach(engine);
                final InputPublisher publisher = engine.newPublisher();
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(usdm)
                    .exchangeTimeNs(1).receiveTimeNs(1).priceMantissa(100).priceScale(0).quantityMantissa(1)
                    .quantityScale(0).takerSide(TakerSide.BUY).tradeId(1));
                Thread.sleep(200);
                final Path input = dir.resolve("input");
                try (var files = Files.list(input))
                {
                    for (final Path f : files.toList())
                    {
                        Files.delete(f);
                    }
                }
                Files.delete(input);
                Files.writeString(input, "in the way");
                Thread.sleep(1100);
                for (int i = 2; i <= 50; i++)
                {
                    publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(usdm)
                        .exchangeTimeNs(i).receiveTimeNs(i).priceMantissa(100).priceScale(0).quantityMantissa(1)
                        .quantityScale(0).takerSide(TakerSide.BUY).tradeId(i));
                }
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (engine.counters().trades.get() < 50 && System.nanoTime() < deadline)
                {
                    Thread.sleep(10);
                }
                while (engine.counters().valueOf("journal.failures") < 49 && System.nanoTime() < deadline)
                {
                    Thread.sleep(10);
                }
                // the 49 trades after the failure were not journaled, and nothing else was published
                assertThat(engine.counters().valueOf("journal.failures")).isEqualTo(49);
                assertThat(engine.counters().events.get()).isEqualTo(50);
                assertThat(engine.counters().errors.get()).as("the stop, reported once").isEqualTo(1);
                engine.errors().read((count, first, last, text) -> errors.add(count + " " + text));
            }
        }
        assertThat(states).as("errors never travel through the ring").isEmpty();
        assertThat(errors).singleElement().asString().startsWith("1 " + JournalException.class.getName() +
            ": journaling stopped after 1 events");
        assertThat(signals[0]).as("a signal after every trade").isEqualTo(50);
    }

    @Test
    void onlyTheConfiguredNumberOfCyclesIsKept() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int usdm = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final List<MarketConfig> markets = List.of(MarketConfig.builder("BTC").flowInstruments(usdm).build());
        try (Journal journal = Journal.open(new JournalSettings(dir, TestRollCycles.TEST_SECONDLY, 2), catalog,
            markets);
            TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(markets.get(0))
                .tickInterval(0, TimeUnit.MILLISECONDS).parallelHandler(journal.inputWriter())
                .listener(journal.signalWriter()).build()))
        {
            final InputPublisher publisher = engine.newPublisher();
            for (int i = 1; i <= 5; i++)
            {
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(usdm)
                    .exchangeTimeNs(i).receiveTimeNs(i).priceMantissa(100).priceScale(0).quantityMantissa(1)
                    .quantityScale(0).takerSide(TakerSide.BUY).tradeId(i));
                Thread.sleep(1100);
            }
        }
        for (final String queue : List.of("input", "signals"))
        {
            try (var files = Files.list(dir.resolve(queue)))
            {
                assertThat(files.filter(f -> f.toString().endsWith(".cq4")).count()).as(queue).isEqualTo(2);
            }
        }
        final io.takerflow.engine.input.InputEvent event = new io.takerflow.engine.input.InputEvent();
        final List<Long> ids = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            for (int kind = reader.nextInput(event); kind != JournalReader.END; kind = reader.nextInput(event))
            {
                if (kind == JournalReader.INPUT)
                {
                    ids.add(event.tradeId());
                }
            }
        }
        assertThat(ids).as("the last two cycles, each with a run header, still replay").containsExactly(4L, 5L);
        final Replay.Result replay = Replay.run(dir, Long.MIN_VALUE, Long.MAX_VALUE, 0, signal -> {}, null);
        assertThat(replay.events()).isEqualTo(2);
        assertThat(replay.runs()).isEqualTo(1);
    }

    @Test
    void pacedReplayFollowsTheRecordedTimeScaledBySpeed() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int usdm = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final List<MarketConfig> markets = List.of(MarketConfig.builder("BTC").flowInstruments(usdm).build());
        try (Journal journal = Journal.open(JournalSettings.daily(dir), catalog, markets);
            TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(markets.get(0))
                .tickInterval(0, TimeUnit.MILLISECONDS).parallelHandler(journal.inputWriter())
                .listener(journal.signalWriter()).build()))
        {
            final InputPublisher publisher = engine.newPublisher();
            for (int i = 0; i <= 10; i++)
            {
                final long t = 1_000_000_000L + i * 100_000_000L;
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(usdm)
                    .exchangeTimeNs(t).receiveTimeNs(t).priceMantissa(100).priceScale(0).quantityMantissa(1)
                    .quantityScale(0).takerSide(TakerSide.BUY).tradeId(i + 1));
            }
        }
        final List<Long> offsets = new ArrayList<>();
        final long start = System.nanoTime();
        final Replay.Result paced = Replay.run(dir, Long.MIN_VALUE, Long.MAX_VALUE, 4.0,
            signal -> offsets.add(System.nanoTime() - start), null);
        assertThat(paced.events()).isEqualTo(11);
        for (int i = 0; i < offsets.size(); i++)
        {
            assertThat(offsets.get(i)).as("signal %d not before its recorded time / 4", i)
                .isGreaterThanOrEqualTo(i * 25_000_000L);
        }
    }

    private String dump(final JournalDump.What what, final JournalDump.Format format)
    {
        final StringWriter out = new StringWriter();
        JournalDump.write(dir, what, format, new PrintWriter(out));
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private static MarketConfig compressed(final MarketConfig.Builder builder)
    {
        return builder.window(2, TimeUnit.SECONDS).bucket(100, TimeUnit.MILLISECONDS)
            .samplePeriod(500, TimeUnit.MILLISECONDS).historyCapacity(100).minHistorySamples(3)
            .premiumHalfLife(1, TimeUnit.SECONDS).premiumStaleAfter(2, TimeUnit.SECONDS)
            .gapHold(500, TimeUnit.MILLISECONDS).build();
    }

    static Path fixture(final String name)
    {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent())
        {
            final Path candidate = d.resolve("shared/fixtures/recorded").resolve(name);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture " + name +
            " not found in a shared/fixtures/recorded above the checkout");
    }
}
