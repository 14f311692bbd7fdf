package io.takerflow.feeds.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
 * Deribit {@code trades.*} notifications as recorded by nautilus_trader (2025-12) and crypto-msg-parser (2021).
 * <p>
 * Taker side: Deribit's public trade schema describes {@code direction} as "Trade direction of the taker". The
 * recordings agree: in nautilus' {@code ws_trades.json} two sells at the same millisecond with consecutive
 * {@code trade_seq} (one taker order walking the bids) print 92,294.5 then 92,288.5, downwards. A decoder that read
 * {@code direction} as the maker's side would call that run a buy walking down, and fails here.
 */
class DeribitTradeDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final List<String> RECORDINGS = List.of("nautilus-DERIBIT-ws_trades.json",
        "crypto-msg-parser-DERIBIT-trades.jsonl", "nautilus-DERIBIT-ws_trades_option_combo.json");

    private static InstrumentCatalog catalog()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.DERIBIT, "BTC-PERPETUAL", SizeConvention.INVERSE, 1.0);
        catalog.add(Venue.DERIBIT, "BTC-26MAR21", SizeConvention.INVERSE, 1.0);
        catalog.add(Venue.DERIBIT, "BTC-26MAR21-62000-C", 1.0);
        catalog.add(Venue.DERIBIT, "BTC-CS-19MAY26-70000_75000", 1.0);
        return catalog;
    }

    private static List<InputEvent> decodeAll(final InstrumentCatalog catalog, final String recording,
        final List<JsonNode> expected) throws Exception
    {
        final DeribitTradeDecoder decoder = new DeribitTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        for (final Fixtures.Frame frame : Fixtures.frames(recording))
        {
            final byte[] bytes = frame.text().getBytes(StandardCharsets.UTF_8);
            final int result = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, frame.receiveTimeNs(), sink);
            final JsonNode data = JACKSON.readTree(frame.text()).path("params").path("data");
            assertThat(result).as(recording).isEqualTo(data.size());
            data.forEach(expected::add);
        }
        return new ArrayList<>(sink.trades);
    }

    @Test
    void recordedTradesTakeTheFastPathAndDecodeAsTheFieldLoopDoes() throws Exception
    {
        final DeribitTradeDecoder fast = new DeribitTradeDecoder(catalog());
        final DeribitTradeDecoder general = new DeribitTradeDecoder(catalog());
        general.cursor().shapes(false);
        final List<String> frames = new ArrayList<>();
        for (final String recording : RECORDINGS)
        {
            Fixtures.frames(recording).forEach((frame) -> frames.add(frame.text()));
        }
        final long matched = ShapeAgreement.check(fast, fast.cursor(), general, frames, 20_000);
        assertThat(matched).as("crypto-msg-parser's futures trades; an option's carries iv and takes the field loop")
            .isEqualTo(Fixtures.frames("crypto-msg-parser-DERIBIT-trades.jsonl").stream()
                .filter((frame) -> !frame.text().contains("\"iv\"")).count());
    }

    @Test
    void everyRecordedTradeMatchesJacksonExactlyAsSent() throws Exception
    {
        final InstrumentCatalog catalog = catalog();
        int trades = 0;
        for (final String recording : RECORDINGS)
        {
            final List<JsonNode> expected = new ArrayList<>();
            final List<InputEvent> decoded = decodeAll(catalog, recording, expected);
            assertThat(decoded).as(recording).hasSameSizeAs(expected);
            for (int i = 0; i < decoded.size(); i++)
            {
                final InputEvent trade = decoded.get(i);
                final JsonNode json = expected.get(i);
                assertThat(catalog.get(trade.instrumentId()).symbol()).isEqualTo(json.get("instrument_name").asText());
                assertThat(BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()))
                    .isEqualTo(json.get("price").decimalValue());
                assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()))
                    .isEqualTo(json.get("amount").decimalValue());
                assertThat(trade.exchangeTimeNs()).isEqualTo(json.get("timestamp").asLong() * 1_000_000L);
                assertThat(trade.tradeId()).isEqualTo(json.get("trade_seq").asLong());
                assertThat(trade.takerSide().name().toLowerCase()).isEqualTo(json.get("direction").asText());
                assertThat(trade.venue()).isEqualTo(Venue.DERIBIT);
                trades++;
            }
        }
        assertThat(trades).isEqualTo(7);
    }

    @Test
    void aTakerOrderWalkingTheBookMovesThePriceItsWay() throws Exception
    {
        int walks = 0;
        for (final String recording : RECORDINGS)
        {
            final List<InputEvent> trades = decodeAll(catalog(), recording, new ArrayList<>());
            for (int i = 1; i < trades.size(); i++)
            {
                final InputEvent before = trades.get(i - 1);
                final InputEvent after = trades.get(i);
                final boolean sameTakerOrder = after.instrumentId() == before.instrumentId() &&
                    after.exchangeTimeNs() == before.exchangeTimeNs() && after.takerSide() == before.takerSide() &&
                    after.tradeId() == before.tradeId() + 1;
                if (!sameTakerOrder || after.price() == before.price())
                {
                    continue;
                }
                walks++;
                assertThat(after.price() > before.price())
                    .as(recording + " seq " + after.tradeId() + ": a taker " + after.takerSide() + " walks the book " +
                        (after.takerSide() == TakerSide.BUY ? "up" : "down"))
                    .isEqualTo(after.takerSide() == TakerSide.BUY);
            }
        }
        assertThat(walks).isEqualTo(1);
    }

    @Test
    void theRecordedSellRunIsASell() throws Exception
    {
        final List<InputEvent> trades = decodeAll(catalog(), "nautilus-DERIBIT-ws_trades.json", new ArrayList<>());
        assertThat(trades).extracting(InputEvent::takerSide).containsExactly(TakerSide.SELL, TakerSide.SELL);
        assertThat(trades).extracting(InputEvent::tradeId).containsExactly(271252854L, 271252855L);
    }

    @Test
    void repliesHeartbeatsAndTestRequests()
    {
        final CollectingSink sink = new CollectingSink();
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[\"trades.BTC-PERPETUAL.100ms\"],\"usIn\":1," +
            "\"usOut\":2,\"usDiff\":1,\"testnet\":false}", sink)).isZero();
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"ok\"}", sink)).isZero();
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"version\":\"1.2.26\"}}", sink)).isZero();
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(sink.rejections).isEmpty();
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"heartbeat\"}}", sink))
            .isZero();
        assertThat(sink.keepAliveRequests).isZero();
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}",
            sink)).isZero();
        assertThat(sink.keepAliveRequests).isEqualTo(1);
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"message\":\"Invalid params\",\"data\":" +
            "{\"reason\":\"invalid channel\",\"param\":\"channels\"},\"code\":-32602}}", sink)).isZero();
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}", sink)).isZero();
        assertThat(sink.rejections).hasSize(2);
        assertThat(sink.trades).isEmpty();
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":" +
            "\"trades.BTC-PERPETUAL.100ms\"}}", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":" +
            "\"trades.BTC-PERPETUAL.100ms\",\"data\":[{\"price\":1}]}}", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":" +
            "\"ticker.BTC-PERPETUAL.100ms\",\"data\":{\"best_bid_price\":1}}}", sink)).isZero();
    }

    @Test
    void dataBeforeTheChannelIsStillRead()
    {
        final CollectingSink sink = new CollectingSink();
        assertThat(decode("{\"params\":{\"data\":[{\"trade_seq\":7,\"timestamp\":1616321478553,\"price\":56168.0," +
            "\"instrument_name\":\"BTC-PERPETUAL\",\"direction\":\"buy\",\"amount\":60.0}],\"channel\":" +
            "\"trades.BTC-PERPETUAL.100ms\"},\"method\":\"subscription\",\"jsonrpc\":\"2.0\"}", sink)).isEqualTo(1);
        assertThat(sink.trades.get(0).takerSide()).isEqualTo(TakerSide.BUY);
    }

    @Test
    void perpetualsAndInverseFuturesAreInverseLinearInstrumentsAndOptionsAreNot()
    {
        final DeribitProtocol protocol = DeribitProtocol.INSTANCE;
        assertThat(protocol.sizeConvention("BTC-PERPETUAL")).isEqualTo(SizeConvention.INVERSE);
        assertThat(protocol.sizeConvention("ETH-PERPETUAL")).isEqualTo(SizeConvention.INVERSE);
        assertThat(protocol.sizeConvention("BTC-26MAR21")).isEqualTo(SizeConvention.INVERSE);
        assertThat(protocol.sizeConvention("BTC_USDC-PERPETUAL")).isEqualTo(SizeConvention.LINEAR);
        assertThat(protocol.sizeConvention("BTC-26MAR21-62000-C")).isEqualTo(SizeConvention.LINEAR);
        assertThat(protocol.contractSizeNeeded("BTC-PERPETUAL")).contains("USD");
        assertThat(protocol.subscribeMessages(List.of("BTC-PERPETUAL")))
            .containsExactly("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/subscribe\",\"params\":{\"channels\":" +
                "[\"trades.BTC-PERPETUAL.100ms\"]}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/set_heartbeat\",\"params\":{\"interval\":30}}");
    }

    private static int decode(final String frame, final CollectingSink sink)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return new DeribitTradeDecoder(catalog()).decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink);
    }
}
