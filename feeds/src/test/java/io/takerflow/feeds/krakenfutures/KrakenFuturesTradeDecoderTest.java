package io.takerflow.feeds.krakenfutures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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
import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.FrameDecoder;

/**
 * Kraken Futures v1 {@code trade} as recorded by cryptofeed (2021-07, ten products: a {@code trade_snapshot} of 100
 * each, newest first, then three live trades). Taker side: Kraken documents {@code side} as the taker's; put in
 * execution order (by {@code seq}), runs of same-millisecond fills with consecutive {@code seq} on one side walk
 * the book its way: buys up 6 times and down never, sells down 19 times and up never. A decoder reading
 * {@code side} as the maker's fails that; one that took the snapshot as it comes (newest first) would see every
 * run inverted, which is why snapshots are never flow.
 */
class KrakenFuturesTradeDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final String RECORDING = "cryptofeed-KRAKEN_FUTURES.ws.1.0.txt";
    private static final List<String> PRODUCTS = List.of("FI_ETHUSD_211231", "PI_XRPUSD", "PI_LTCUSD",
        "FI_BCHUSD_210730", "PI_ETHUSD", "FI_XBTUSD_210924", "FI_ETHUSD_210730", "FI_BCHUSD_210924",
        "FI_XRPUSD_210924", "FI_XBTUSD_210730");

    private static InstrumentCatalog catalog()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        PRODUCTS.forEach(p -> catalog.add(Venue.KRAKEN_FUTURES, p, SizeConvention.INVERSE, 1.0));
        return catalog;
    }

    private static int decode(final KrakenFuturesTradeDecoder decoder, final String frame, final CollectingSink sink)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink);
    }

    @Test
    void liveTradesMatchJacksonAndSnapshotsOnlySeedTheLastSeq() throws Exception
    {
        final InstrumentCatalog catalog = catalog();
        final KrakenFuturesTradeDecoder decoder = new KrakenFuturesTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        final List<JsonNode> live = new ArrayList<>();
        final List<long[]> newest = new ArrayList<>();
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            final int result = decode(decoder, frame.text(), sink);
            if (message.path("feed").asText().equals("trade") && !message.has("event"))
            {
                assertThat(result).isEqualTo(1);
                live.add(message);
            }
            else
            {
                assertThat(result).as(frame.text()).isZero();
            }
            if (message.path("feed").asText().equals("trade_snapshot"))
            {
                long max = 0;
                for (final JsonNode trade : message.get("trades"))
                {
                    max = Math.max(max, trade.get("seq").asLong());
                }
                // newest first: the first trade carries the highest seq
                assertThat(message.get("trades").get(0).get("seq").asLong()).isEqualTo(max);
                newest.add(new long[] {catalog.find(Venue.KRAKEN_FUTURES, message.get("product_id").asText()), max});
            }
        }
        assertThat(sink.lastTradeIds).hasSize(10)
            .usingElementComparator(Comparator.comparing(java.util.Arrays::toString))
            .containsExactlyElementsOf(newest);
        assertThat(sink.subscribed).isEqualTo(10);
        assertThat(sink.trades).hasSize(3);
        for (int i = 0; i < live.size(); i++)
        {
            final InputEvent trade = sink.trades.get(i);
            final JsonNode json = live.get(i);
            assertThat(catalog.get(trade.instrumentId()).symbol()).isEqualTo(json.get("product_id").asText());
            assertThat(BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()))
                .isEqualTo(json.get("price").decimalValue());
            assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()))
                .isEqualTo(json.get("qty").decimalValue());
            assertThat(trade.exchangeTimeNs()).isEqualTo(json.get("time").asLong() * 1_000_000L);
            assertThat(trade.tradeId()).isEqualTo(json.get("seq").asLong());
            assertThat(trade.takerSide().name().toLowerCase()).isEqualTo(json.get("side").asText());
        }
    }

    @Test
    void takerRunsInExecutionOrderWalkTheBookTheirWay() throws Exception
    {
        final KrakenFuturesTradeDecoder decoder = new KrakenFuturesTradeDecoder(catalog());
        final CollectingSink sink = new CollectingSink();
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            if (message.path("feed").asText().equals("trade_snapshot"))
            {
                // each snapshot element is itself a complete trade message: decode it as one
                for (final JsonNode trade : message.get("trades"))
                {
                    assertThat(decode(decoder, JACKSON.writeValueAsString(trade), sink)).isEqualTo(1);
                }
            }
            else if (message.path("feed").asText().equals("trade") && !message.has("event"))
            {
                assertThat(decode(decoder, frame.text(), sink)).isEqualTo(1);
            }
        }
        final List<InputEvent> trades = new ArrayList<>(sink.trades);
        assertThat(trades).hasSize(1003);
        trades.sort(Comparator.comparingInt((InputEvent trade) -> trade.instrumentId())
            .thenComparingLong(InputEvent::tradeId));
        int buyUp = 0;
        int buyDown = 0;
        int sellUp = 0;
        int sellDown = 0;
        for (int i = 1; i < trades.size(); i++)
        {
            final InputEvent a = trades.get(i - 1);
            final InputEvent b = trades.get(i);
            if (a.instrumentId() == b.instrumentId() && a.exchangeTimeNs() == b.exchangeTimeNs() &&
                a.takerSide() == b.takerSide() && b.tradeId() == a.tradeId() + 1 && a.price() != b.price())
            {
                final boolean up = b.price() > a.price();
                if (a.takerSide() == TakerSide.BUY)
                {
                    buyUp += up ? 1 : 0;
                    buyDown += up ? 0 : 1;
                }
                else
                {
                    sellUp += up ? 1 : 0;
                    sellDown += up ? 0 : 1;
                }
            }
        }
        assertThat(new int[] {buyUp, buyDown, sellUp, sellDown}).containsExactly(6, 0, 0, 19);
    }

    @Test
    void eventsHeartbeatsAndBadTrades()
    {
        final KrakenFuturesTradeDecoder decoder = new KrakenFuturesTradeDecoder(catalog());
        final CollectingSink sink = new CollectingSink();
        assertThat(decode(decoder, "{\"event\":\"info\",\"version\":1}", sink)).isZero();
        assertThat(decode(decoder, "{\"event\":\"subscribed\",\"feed\":\"heartbeat\"}", sink)).isZero();
        assertThat(decode(decoder, "{\"feed\":\"heartbeat\",\"time\":1534262350627}", sink)).isZero();
        assertThat(sink.subscribed).isZero();
        assertThat(decode(decoder, "{\"event\":\"subscribed\",\"feed\":\"trade\",\"product_ids\":[\"PI_ETHUSD\"]}",
            sink)).isZero();
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(decode(decoder, "{\"event\":\"error\",\"message\":\"Invalid product id\"}", sink)).isZero();
        assertThat(sink.rejections).hasSize(1);
        assertThat(decode(decoder, "{\"feed\":\"trade\",\"product_id\":\"PI_ETHUSD\",\"side\":\"buy\",\"seq\":1," +
            "\"time\":1,\"qty\":1.0}", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode(decoder, "{\"feed\":\"trade_snapshot\",\"product_id\":\"PI_ETHUSD\"}", sink))
            .isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
    }

    @Test
    void perpetualAndFixedMaturityContractsAreInverse()
    {
        assertThat(KrakenFuturesProtocol.INSTANCE.sizeConvention("PI_XBTUSD")).isEqualTo(SizeConvention.INVERSE);
        assertThat(KrakenFuturesProtocol.INSTANCE.sizeConvention("FI_XBTUSD_210924")).isEqualTo(SizeConvention.INVERSE);
        assertThat(KrakenFuturesProtocol.INSTANCE.sizeConvention("PF_XBTUSD")).isEqualTo(SizeConvention.LINEAR);
        // hand-worked: the recorded live PI_ETHUSD buy of 40 USD at 2,005.2 is 40 / 2005.2 = 0.019948135 ETH
        final InstrumentCatalog catalog = catalog();
        assertThat(catalog.get(catalog.find(Venue.KRAKEN_FUTURES, "PI_ETHUSD")).baseUnits(40, 2005.2))
            .isCloseTo(0.019948134849391582, org.assertj.core.data.Offset.offset(1e-15));
    }
}
