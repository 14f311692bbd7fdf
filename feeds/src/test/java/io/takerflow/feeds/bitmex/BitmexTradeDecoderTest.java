package io.takerflow.feeds.bitmex;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.ShapeAgreement;
import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.FrameDecoder;

/**
 * BitMEX {@code trade} as recorded by cryptofeed (2021-07, {@code trade}, {@code quote} and {@code orderBookL2} of
 * ten symbols). Taker side: every trade insert is compared with the last {@code quote} BitMEX stamped strictly
 * before it: a taker buy prints at or above that ask, a taker sell at or below that bid (17 of 17), and a six-fill
 * {@code XBTUSD} buy in one millisecond walks the offers up 32,184 to 32,187. A decoder reading {@code side} as the
 * maker's fails both.
 */
class BitmexTradeDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final String RECORDING = "cryptofeed-BITMEX.ws.1.0.txt";

    private record Decoded(InputEvent trade, JsonNode json)
    {
    }

    private static InstrumentCatalog catalog()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        for (final String symbol : List.of("XRPU21", "UNIUSDT", "ADAUSDT", "SOLUSDT", "TRXU21", "EOSUSDT", "TRXUSDT",
            "BCHUSD", "MATICUSDT"))
        {
            catalog.add(Venue.BITMEX, symbol, 1.0);
        }
        catalog.add(Venue.BITMEX, "XBTUSD", SizeConvention.INVERSE, 1.0);
        return catalog;
    }

    /** Decodes the recording; quotes by symbol go to {@code quotes}, in arrival order. */
    private static List<Decoded> decodeRecording(final InstrumentCatalog catalog,
        final Map<String, List<JsonNode>> quotes, final CollectingSink sink) throws Exception
    {
        final BitmexTradeDecoder decoder = new BitmexTradeDecoder(catalog);
        final List<Decoded> decoded = new ArrayList<>();
        int partials = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final byte[] bytes = frame.text().getBytes(StandardCharsets.UTF_8);
            final int before = sink.trades.size();
            final int subscribedBefore = sink.subscribed;
            final int result = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, frame.receiveTimeNs(), sink);
            final JsonNode message = JACKSON.readTree(frame.text());
            final String table = message.path("table").asText();
            final String action = message.path("action").asText();
            if (table.equals("quote"))
            {
                message.get("data").forEach(q -> quotes.computeIfAbsent(q.get("symbol").asText(), s ->
                    new ArrayList<>()).add(q));
            }
            if (table.equals("trade") && action.equals("insert"))
            {
                assertThat(result).as(frame.text()).isEqualTo(message.get("data").size());
                for (int i = 0; i < result; i++)
                {
                    decoded.add(new Decoded(sink.trades.get(before + i), message.get("data").get(i)));
                }
            }
            else
            {
                assertThat(result).as(frame.text()).isZero();
            }
            if (table.equals("trade") && action.equals("partial"))
            {
                partials++;
                assertThat(sink.subscribed).as("a partial proves the subscription").isEqualTo(subscribedBefore + 1);
            }
        }
        assertThat(partials).isEqualTo(10);
        return decoded;
    }

    @Test
    void recordedInsertsTakeTheFastPathAndDecodeAsTheFieldLoopDoes() throws Exception
    {
        final BitmexTradeDecoder fast = new BitmexTradeDecoder(catalog());
        final BitmexTradeDecoder general = new BitmexTradeDecoder(catalog());
        general.cursor().shapes(false);
        final List<String> frames = new ArrayList<>();
        int inserts = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            frames.add(frame.text());
            inserts += frame.text().startsWith("{\"table\":\"trade\",\"action\":\"insert\"") ? 1 : 0;
        }
        frames.add("{\"table\":\"trade\",\"action\":\"insert\",\"data\":[{\"timestamp\":\"2025-11-25T08:00:00.123Z\"," +
            "\"symbol\":\"XBTUSD\",\"side\":\"Sell\",\"size\":100,\"price\":86512.5,\"tickDirection\":\"MinusTick\"," +
            "\"trdMatchID\":\"00000000-006d-1000-0000-0011f5f5d9d1\",\"grossValue\":115591," +
            "\"homeNotional\":0.00115591," +
            "\"foreignNotional\":100,\"trdType\":\"Regular\"}]}");
        assertThat(inserts).isPositive();
        assertThat(ShapeAgreement.check(fast, fast.cursor(), general, frames, 20_000)).isEqualTo(inserts + 1);
    }

    @Test
    void everyInsertedTradeMatchesJacksonAndNoPartialIsATrade() throws Exception
    {
        final InstrumentCatalog catalog = catalog();
        final CollectingSink sink = new CollectingSink();
        final List<Decoded> decoded = decodeRecording(catalog, new HashMap<>(), sink);
        assertThat(decoded).hasSize(17);
        assertThat(sink.trades).hasSize(17);
        assertThat(sink.rejections).isEmpty();
        for (final Decoded d : decoded)
        {
            final InputEvent trade = d.trade();
            final JsonNode json = d.json();
            assertThat(catalog.get(trade.instrumentId()).symbol()).isEqualTo(json.get("symbol").asText());
            assertThat(BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()))
                .isEqualTo(json.get("price").decimalValue());
            assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()))
                .isEqualTo(json.get("size").decimalValue());
            final Instant time = Instant.parse(json.get("timestamp").asText());
            assertThat(trade.exchangeTimeNs()).isEqualTo(time.getEpochSecond() * 1_000_000_000L + time.getNano());
            assertThat(trade.takerSide().name()).isEqualToIgnoringCase(json.get("side").asText());
        }
    }

    @Test
    void takerBuysLiftTheAskAndTakerSellsHitTheBidQuotedJustBefore() throws Exception
    {
        final Map<String, List<JsonNode>> quotes = new HashMap<>();
        final List<Decoded> decoded = decodeRecording(catalog(), quotes, new CollectingSink());
        int checked = 0;
        for (final Decoded d : decoded)
        {
            final String symbol = d.json().get("symbol").asText();
            final String time = d.json().get("timestamp").asText();
            JsonNode touch = null;
            for (final JsonNode quote : quotes.getOrDefault(symbol, List.of()))
            {
                final String quoted = quote.get("timestamp").asText();
                if (quoted.compareTo(time) < 0 && (touch == null || quoted.compareTo(touch.get("timestamp")
                    .asText()) >= 0))
                {
                    touch = quote;
                }
            }
            if (touch == null)
            {
                continue;
            }
            checked++;
            final double price = d.trade().price();
            if (d.trade().takerSide() == TakerSide.BUY)
            {
                assertThat(price).as(symbol + " " + time + " taker buy at or above the ask")
                    .isGreaterThanOrEqualTo(touch.get("askPrice").asDouble());
            }
            else
            {
                assertThat(price).as(symbol + " " + time + " taker sell at or below the bid")
                    .isLessThanOrEqualTo(touch.get("bidPrice").asDouble());
            }
        }
        assertThat(checked).isEqualTo(17);
    }

    @Test
    void aTakerBuyRunWalksTheOffersUp() throws Exception
    {
        final List<Decoded> decoded = decodeRecording(catalog(), new HashMap<>(), new CollectingSink());
        int walks = 0;
        for (int i = 1; i < decoded.size(); i++)
        {
            final InputEvent before = decoded.get(i - 1).trade();
            final InputEvent after = decoded.get(i).trade();
            if (after.instrumentId() == before.instrumentId() && after.exchangeTimeNs() == before.exchangeTimeNs() &&
                after.takerSide() == before.takerSide() && after.price() != before.price())
            {
                walks++;
                assertThat(after.price() > before.price()).as("a taker " + after.takerSide() + " run")
                    .isEqualTo(after.takerSide() == TakerSide.BUY);
            }
        }
        assertThat(walks).isEqualTo(5);
    }

    @Test
    void repliesErrorsAndPongs()
    {
        final CollectingSink sink = new CollectingSink();
        assertThat(decode("pong", sink)).isZero();
        assertThat(decode("{\"info\":\"Welcome to the BitMEX Realtime API.\",\"version\":\"x\"}", sink)).isZero();
        assertThat(decode("{\"success\":true,\"subscribe\":\"trade:XBTUSD\",\"request\":{\"op\":\"subscribe\"," +
            "\"args\":[\"trade:XBTUSD\"]}}", sink)).isZero();
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(decode("{\"status\":400,\"error\":\"Unknown or expired symbol: trade:XBTUSDX\",\"meta\":{}," +
            "\"request\":{\"op\":\"subscribe\",\"args\":[\"trade:XBTUSDX\"]}}", sink)).isZero();
        assertThat(sink.rejections).hasSize(1);
        assertThat(decode("{\"table\":\"trade\",\"action\":\"insert\"}", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode("{\"table\":\"trade\",\"action\":\"insert\",\"data\":[{\"symbol\":\"XBTUSD\"}]}", sink))
            .isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
    }

    @Test
    void xbtusdAndXbtFuturesAreInverseOtherContractsNeedTheirMultiplier()
    {
        assertThat(BitmexProtocol.INSTANCE.sizeConvention("XBTUSD")).isEqualTo(SizeConvention.INVERSE);
        assertThat(BitmexProtocol.INSTANCE.sizeConvention("XBTZ21")).isEqualTo(SizeConvention.INVERSE);
        assertThat(BitmexProtocol.INSTANCE.sizeConvention("XBTUSDT")).isEqualTo(SizeConvention.LINEAR);
        assertThat(BitmexProtocol.INSTANCE.contractSizeNeeded("XBTUSDT")).contains("multiplier");
        // hand-worked: the recorded partial's 1,000 USD of XBTUSD at 32,175 is 1000 / 32175 = 0.031080031 BTC,
        // which BitMEX itself reports as homeNotional 0.03108
        final InstrumentCatalog catalog = catalog();
        assertThat(catalog.get(catalog.find(Venue.BITMEX, "XBTUSD")).baseUnits(1000, 32175))
            .isCloseTo(0.031080031080031, org.assertj.core.data.Offset.offset(1e-15));
    }

    private static int decode(final String frame, final CollectingSink sink)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return new BitmexTradeDecoder(catalog()).decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink);
    }
}
