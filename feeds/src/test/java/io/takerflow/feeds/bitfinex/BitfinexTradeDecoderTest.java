package io.takerflow.feeds.bitfinex;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.FrameDecoder;

/**
 * Bitfinex's decoder on the cryptofeed recording (v2 with {@code conf} flag 65536, 2021-04: seven trade channels'
 * snapshots among tickers, books and heartbeats), and on hand-written live messages.
 */
class BitfinexTradeDecoderTest
{
    private static final String RECORDING = "cryptofeed-BITFINEX.ws.11.0.txt";
    private static final ObjectMapper JACKSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static InstrumentCatalog catalog()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        for (final String pair : List.of("BFTUSD", "IOTETH", "DOGUSD", "MNABTC", "ODEUSD", "TESTBTC:TESTUSD", "SNGUSD"))
        {
            catalog.add(Venue.BITFINEX, pair, 1.0);
        }
        return catalog;
    }

    @Test
    void snapshotsAreNotFlowButSeedTheNewestIdAndTheSequenceHasNoHole() throws Exception
    {
        final InstrumentCatalog catalog = catalog();
        final FrameDecoder decoder = new BitfinexTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        final Map<Long, String> channels = new HashMap<>();
        final List<long[]> expectedSeeds = new ArrayList<>();
        int frames = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            assertThat(decode(decoder, frame.text(), sink)).as(frame.text()).isZero();
            frames++;
            if (message.isObject() && message.path("event").asText().equals("subscribed") &&
                message.get("channel").asText().equals("trades"))
            {
                channels.put(message.get("chanId").asLong(), message.get("symbol").asText().substring(1));
            }
            else if (message.isArray() && channels.containsKey(message.get(0).asLong()) && message.get(1).isArray())
            {
                long newest = 0;
                for (final JsonNode trade : message.get(1))
                {
                    newest = Math.max(newest, trade.get(0).asLong());
                }
                expectedSeeds.add(new long[] {catalog.find(Venue.BITFINEX, channels.get(message.get(0).asLong())),
                    newest});
            }
        }
        assertThat(frames).isGreaterThan(1_600);
        assertThat(sink.trades).isEmpty();
        assertThat(sink.subscribed).isEqualTo(7);
        assertThat(sink.lastTradeIds).hasSize(7).usingRecursiveFieldByFieldElementComparator()
            .containsExactlyElementsOf(expectedSeeds);
        assertThat(sink.lostMessages).as("the recording's sequence runs 1 to 1670 without a hole").isEmpty();
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void everySnapshotTradeIsDecodedExactlyAsSentOldestFirst() throws Exception
    {
        final InstrumentCatalog catalog = catalog();
        final FrameDecoder decoder = new BitfinexTradeDecoder(catalog).keepSnapshots();
        final CollectingSink sink = new CollectingSink();
        final Map<Long, String> channels = new HashMap<>();
        int checked = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            sink.clear();
            final int result = decode(decoder, frame.text(), sink);
            if (message.isObject() && message.path("event").asText().equals("subscribed") &&
                message.get("channel").asText().equals("trades"))
            {
                channels.put(message.get("chanId").asLong(), message.get("symbol").asText().substring(1));
            }
            if (!message.isArray() || !channels.containsKey(message.get(0).asLong()) || !message.get(1).isArray())
            {
                assertThat(result).isZero();
                continue;
            }
            final List<JsonNode> expected = new ArrayList<>();
            message.get(1).forEach(expected::add);
            expected.sort(Comparator.comparingLong(t -> t.get(0).asLong()));
            assertThat(result).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++)
            {
                final JsonNode trade = expected.get(i);
                final InputEvent got = sink.trades.get(i);
                final BigDecimal amount = trade.get(2).decimalValue();
                assertThat(catalog.get(got.instrumentId()).symbol()).isEqualTo(channels.get(message.get(0).asLong()));
                assertThat(got.tradeId()).isEqualTo(trade.get(0).asLong());
                assertThat(got.exchangeTimeNs()).isEqualTo(trade.get(1).asLong() * 1_000_000L);
                assertThat(BigDecimal.valueOf(got.quantityMantissa(), got.quantityScale()))
                    .isEqualByComparingTo(amount.abs());
                assertThat(BigDecimal.valueOf(got.priceMantissa(), got.priceScale()))
                    .isEqualByComparingTo(trade.get(3).decimalValue());
                assertThat(got.takerSide()).isEqualTo(amount.signum() > 0 ? TakerSide.BUY : TakerSide.SELL);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(210);
    }

    /**
     * Bitfinex: "The order that causes the trade determines if it is a buy or a sell", AMOUNT positive for a buy.
     * Checked on the data: in execution order, consecutive trades of one pair in the same millisecond with the same
     * sign are one taker order walking the book. An independent count over the raw snapshots (in Python, from
     * {@code shared/fixtures}) finds 14 steps up and none down between buys, 41 down and none up between sells;
     * a decoder with the side inverted gets 0 buy steps up.
     */
    @Test
    void takerBuysWalkTheBookUpAndTakerSellsDown() throws Exception
    {
        final FrameDecoder decoder = new BitfinexTradeDecoder(catalog()).keepSnapshots();
        final CollectingSink sink = new CollectingSink();
        final int[] steps = new int[4];
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            sink.clear();
            decode(decoder, frame.text(), sink);
            for (int i = 1; i < sink.trades.size(); i++)
            {
                final InputEvent before = sink.trades.get(i - 1);
                final InputEvent after = sink.trades.get(i);
                final int move = BigDecimal.valueOf(after.priceMantissa(), after.priceScale())
                    .compareTo(BigDecimal.valueOf(before.priceMantissa(), before.priceScale()));
                if (before.exchangeTimeNs() == after.exchangeTimeNs() && before.takerSide() == after.takerSide() &&
                    move != 0)
                {
                    steps[(after.takerSide() == TakerSide.BUY ? 0 : 2) + (move > 0 ? 0 : 1)]++;
                }
            }
        }
        assertThat(steps).as("buy up, buy down, sell up, sell down").containsExactly(14, 0, 0, 41);
    }

    @Test
    void onlyTheExecutedMessageOfATradeIsBookedAndALostMessageIsReported()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BITFINEX, "BTCUSD", 1.0);
        final FrameDecoder decoder = new BitfinexTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        decode(decoder, "{\"event\":\"info\",\"version\":2,\"serverId\":\"x\",\"platform\":{\"status\":1}}", sink);
        decode(decoder, "{\"event\":\"conf\",\"status\":\"OK\",\"flags\":65536}", sink);
        decode(decoder, "{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":17,\"symbol\":\"tBTCUSD\"," +
            "\"pair\":\"BTCUSD\"}", sink);
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(decode(decoder,
            "[17,[[401597395,1574694478808,0.005,7245.3],[401597394,1574694478800,-0.1,7245.4]],1]",
            sink)).isZero();
        assertThat(sink.lastTradeIds).containsExactly(new long[] {0, 401597395});
        assertThat(decode(decoder, "[17,\"te\",[401597396,1574694479000,-5e-7,7245.2],2]", sink)).isEqualTo(1);
        assertThat(decode(decoder, "[17,\"tu\",[401597396,1574694479000,-5e-7,7245.2],3]", sink)).isZero();
        assertThat(decode(decoder, "[17,\"hb\",4]", sink)).isZero();
        assertThat(sink.trades).hasSize(1);
        final InputEvent trade = sink.trades.get(0);
        assertThat(trade.takerSide()).isEqualTo(TakerSide.SELL);
        assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()))
            .isEqualByComparingTo("0.0000005");
        assertThat(sink.lostMessages).isEmpty();
        assertThat(decode(decoder, "[17,\"te\",[401597399,1574694479100,1.25,7245.5],7]", sink)).isEqualTo(1);
        assertThat(sink.lostMessages).containsExactly(2L);
        assertThat(sink.trades.get(1).takerSide()).isEqualTo(TakerSide.BUY);
    }

    @Test
    void refusalsRestartNoticesAndBadMessages()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BITFINEX, "BTCUSD", 1.0);
        final FrameDecoder decoder = new BitfinexTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        decode(decoder, "{\"event\":\"error\",\"msg\":\"symbol: invalid\",\"code\":10300,\"channel\":\"trades\"," +
            "\"symbol\":\"tNOPE\"}", sink);
        assertThat(sink.rejections).hasSize(1).first().asString().contains("symbol: invalid");
        decode(decoder, "{\"event\":\"info\",\"code\":20051,\"msg\":\"Stop/Restart Websocket Server (please " +
            "reconnect)\"}", sink);
        assertThat(sink.shutdowns).isEqualTo(1);
        decode(decoder, "{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":17,\"symbol\":\"tBTCUSD\"}", sink);
        assertThat(decode(decoder, "[17,\"te\",[1,2,0,7245.2],2]", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode(decoder, "[17,\"te\",[1,2,1,-3],2]", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode(decoder, "[17,\"te\"", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode(decoder, "[17,\"te\",[1,2,\"x\",3],2]", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
    }

    private static int decode(final FrameDecoder decoder, final String text, final CollectingSink sink)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 0, sink);
    }
}
