package io.takerflow.feeds.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.ShapeAgreement;
import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.FrameDecoder;

class BinanceTradeDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
        "cryptofeed-BINANCE.ws.1.0.txt, BINANCE_SPOT, 2",
        "cryptofeed-BINANCE_FUTURES.ws.1.0.txt, BINANCE_USDM, 91",
        "hftbacktest-binance-spot-btcusdt-20240809.gz, BINANCE_SPOT, 1000",
        "hftbacktest-binance-usdm-ethusdt-20240808.gz, BINANCE_USDM, 1000"})
    void everyTradeInTheRecordingMatchesJackson(final String file, final Venue venue,
        final int atLeast) throws Exception
    {
        final List<Fixtures.Frame> frames = Fixtures.frames(file);
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final List<JsonNode> expected = new ArrayList<>();
        for (final Fixtures.Frame frame : frames)
        {
            final JsonNode event = event(frame.text());
            if (event != null && isTrade(event))
            {
                catalog.add(venue, event.get("s").asText(), 1.0);
            }
        }
        final FrameDecoder decoder = new BinanceTradeDecoder(venue, catalog);
        final CollectingSink sink = new CollectingSink();
        int malformed = 0;
        for (final Fixtures.Frame frame : frames)
        {
            final JsonNode event = event(frame.text());
            final byte[] bytes = frame.text().getBytes(StandardCharsets.UTF_8);
            sink.clear();
            final int result = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, frame.receiveTimeNs(), sink);
            if (event == null)
            {
                malformed += result == FrameDecoder.MALFORMED ? 1 : 0;
                continue;
            }
            if (!isTrade(event))
            {
                assertThat(result).as(frame.text()).isZero();
                assertThat(sink.trades).isEmpty();
                continue;
            }
            expected.add(event);
            assertThat(result).as(frame.text()).isEqualTo(1);
            final InputEvent trade = sink.trades.get(0);
            assertThat(catalog.get(trade.instrumentId()).symbol()).isEqualTo(event.get("s").asText());
            assertThat(trade.venue()).isEqualTo(venue);
            assertThat(BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()))
                .isEqualTo(new BigDecimal(event.get("p").asText()));
            assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()))
                .isEqualTo(new BigDecimal(event.get("q").asText()));
            assertThat(trade.exchangeTimeNs()).isEqualTo(event.get("T").asLong() * 1_000_000L);
            assertThat(trade.receiveTimeNs()).isEqualTo(frame.receiveTimeNs());
            final long id = event.get("e").asText().equals("trade") ? event.get("t").asLong() : event.get("a").asLong();
            assertThat(trade.tradeId()).isEqualTo(id);
            assertThat(trade.takerSide()).isEqualTo(event.get("m").asBoolean() ? TakerSide.SELL : TakerSide.BUY);
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(malformed).isZero();
    }

    /**
     * Every recorded frame of the stream we subscribe to (spot {@code trade}, USD-M {@code aggTrade}, and USD-M
     * {@code trade}) takes the fast path, and it decodes exactly as the field loop does, on the recordings and on
     * damaged copies of them; the current aggTrade layout (with {@code nq}) as well. (Spot {@code aggTrade}, in one
     * recording, is read by the field loop.)
     */
    @ParameterizedTest
    @CsvSource({
        "cryptofeed-BINANCE.ws.1.0.txt, BINANCE_SPOT",
        "cryptofeed-BINANCE_FUTURES.ws.1.0.txt, BINANCE_USDM",
        "hftbacktest-binance-spot-btcusdt-20240809.gz, BINANCE_SPOT",
        "hftbacktest-binance-usdm-ethusdt-20240808.gz, BINANCE_USDM"})
    void recordedTradesTakeTheFastPathAndDecodeAsTheFieldLoopDoes(final String file, final Venue venue)
        throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final List<String> frames = new ArrayList<>();
        int trades = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(file))
        {
            frames.add(frame.text());
            final JsonNode event = event(frame.text());
            if (event != null && isTrade(event))
            {
                trades += venue == Venue.BINANCE_USDM || event.get("e").asText().equals("trade") ? 1 : 0;
                catalog.add(venue, event.get("s").asText(), 1.0);
            }
        }
        if (venue == Venue.BINANCE_USDM)
        {
            catalog.add(venue, "BTCUSDT", 1.0);
            frames.add("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1764057600123,\"a\":" +
                "2874561234,\"s\":\"BTCUSDT\",\"p\":\"86512.30\",\"q\":\"0.015\",\"nq\":\"0.015\",\"f\":6312876540," +
                "\"l\":6312876542,\"T\":1764057600121,\"m\":true}}");
            trades++;
        }
        final BinanceTradeDecoder fast = new BinanceTradeDecoder(venue, catalog);
        final BinanceTradeDecoder general = new BinanceTradeDecoder(venue, catalog);
        general.cursor().shapes(false);
        assertThat(ShapeAgreement.check(fast, fast.cursor(), general, frames, 20_000)).isEqualTo(trades);
    }

    /**
     * Runs of trades with the same trade time, the same m and consecutive ids are one taker order walking the book:
     * a taker buy walks up the asks, a taker sell walks down the bids. A decoder with the side backwards fails here.
     */
    @ParameterizedTest
    @CsvSource({
        "hftbacktest-binance-spot-btcusdt-20240809.gz, BINANCE_SPOT, BTCUSDT",
        "hftbacktest-binance-usdm-ethusdt-20240808.gz, BINANCE_USDM, ETHUSDT"})
    void takerSideMatchesTheDirectionOrdersWalkTheBook(final String file, final Venue venue, final String symbol)
        throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(venue, symbol, 1.0);
        final FrameDecoder decoder = new BinanceTradeDecoder(venue, catalog);
        final CollectingSink sink = new CollectingSink();
        for (final Fixtures.Frame frame : Fixtures.frames(file))
        {
            final byte[] bytes = frame.text().getBytes(StandardCharsets.UTF_8);
            decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, frame.receiveTimeNs(), sink);
        }
        final int[] buyRuns = new int[2];
        final int[] sellRuns = new int[2];
        final List<InputEvent> trades = sink.trades;
        int start = 0;
        for (int i = 1; i <= trades.size(); i++)
        {
            final boolean continues = i < trades.size() &&
                trades.get(i).exchangeTimeNs() == trades.get(i - 1).exchangeTimeNs() &&
                trades.get(i).takerSide() == trades.get(i - 1).takerSide() &&
                trades.get(i).tradeId() == trades.get(i - 1).tradeId() + 1;
            if (!continues)
            {
                final double first = trades.get(start).price();
                final double last = trades.get(i - 1).price();
                if (first != last)
                {
                    final int[] runs = trades.get(start).takerSide() == TakerSide.BUY ? buyRuns : sellRuns;
                    runs[last > first ? 0 : 1]++;
                }
                start = i;
            }
        }
        // recorded: spot BTCUSDT buy runs 282 up / 2 down, sell runs 302 down / 0 up; USD-M ETHUSDT 279/0 and 316/0
        assertThat(buyRuns[0]).as("taker buy runs moving up").isGreaterThan(250);
        assertThat(sellRuns[1]).as("taker sell runs moving down").isGreaterThan(250);
        assertThat(buyRuns[1] * 50).as("taker buy runs moving down, at most 2 %").isLessThanOrEqualTo(buyRuns[0]);
        assertThat(sellRuns[0] * 50).as("taker sell runs moving up, at most 2 %").isLessThanOrEqualTo(sellRuns[1]);
    }

    @Test
    void rawStreamsAggTradeAndServerShutdown()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final FrameDecoder decoder = new BinanceTradeDecoder(Venue.BINANCE_USDM, catalog);
        final CollectingSink sink = new CollectingSink();
        assertThat(decode(decoder, sink, "{\"e\":\"aggTrade\",\"E\":1,\"a\":5,\"s\":\"BTCUSDT\",\"p\":\"95123.40\"," +
            "\"q\":\"0.015\",\"nq\":\"0.015\",\"f\":1,\"l\":2,\"T\":1700000000123,\"m\":true}")).isEqualTo(1);
        assertThat(sink.trades.get(0).toString())
            .isEqualTo("TRADE{binance-usdm #" + perp + " SELL 0.015 @ 95123.40 id=5 t=1700000000123000000 recv=42}");
        assertThat(decode(decoder, sink,
            "{\"e\":\"aggTrade\",\"s\":\"ETHUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1," +
            "\"m\":false}")).as("unknown symbol skipped").isZero();
        assertThat(decode(decoder, sink, "{\"stream\":\"x\",\"data\":{\"e\":\"serverShutdown\",\"E\":1}}")).isZero();
        assertThat(sink.shutdowns).isEqualTo(1);
        assertThat(decode(decoder, sink, "{\"result\":null,\"id\":1}")).isZero();
    }

    @Test
    void malformedFramesEmitNothingAtEveryTruncation() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final FrameDecoder decoder = new BinanceTradeDecoder(Venue.BINANCE_SPOT, catalog);
        final CollectingSink sink = new CollectingSink();
        final String frame = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161601438," +
            "\"s\":\"BTCUSDT\"," + "\"t\":3735693016,\"p\":\"61685.99000000\",\"q\":\"0.00017000\"," +
            "\"T\":1723161601437,\"m\":true," +
            "\"M\":true}}";
        for (int cut = 0; cut < frame.length(); cut++)
        {
            assertThat(decode(decoder, sink, frame.substring(0, cut))).as(frame.substring(0, cut))
                .isEqualTo(FrameDecoder.MALFORMED);
        }
        for (final String bad : new String[] {
            frame.replace("\"61685.99000000\"", "\"61685.99e3\""),
            frame.replace("\"61685.99000000\"", "true"),
            frame.replace("\"m\":true", "\"m\":\"yes\""),
            frame.replace("3735693016", "37356930161234567890123"),
            frame.replace("\"p\":\"61685.99000000\",", ""),
            frame + "x",
            "pong",
            "\u0000\u0001\u0002"})
        {
            assertThat(decode(decoder, sink, bad)).as(bad).isEqualTo(FrameDecoder.MALFORMED);
        }
        assertThat(sink.trades).isEmpty();
        assertThat(decode(decoder, sink, frame)).isEqualTo(1);
    }

    private static int decode(final FrameDecoder decoder, final CollectingSink sink, final String frame)
    {
        final byte[] bytes = ("  " + frame).getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 2, bytes.length - 2, 42, sink);
    }

    private static boolean isTrade(final JsonNode event)
    {
        final String type = event.path("e").asText();
        return type.equals("trade") || type.equals("aggTrade");
    }

    private static JsonNode event(final String frame)
    {
        try
        {
            final JsonNode root = JACKSON.readTree(frame);
            return root.has("data") && root.get("data").isObject() ? root.get("data") : root;
        }
        catch (final Exception ex)
        {
            return null;
        }
    }
}
