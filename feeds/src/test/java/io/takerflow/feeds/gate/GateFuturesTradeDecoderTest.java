package io.takerflow.feeds.gate;

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
import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.FrameDecoder;

/**
 * Gate futures {@code futures.trades} as recorded by crypto-msg-parser (five frames, 2021-2022: BTC- and
 * USDT-settled, delivery and perpetual). Taker side: the sign of {@code size}, positive when the taker bought.
 * The evidence is thin, as ../shared/fixtures/README.md says ("probable"): the one same-second run in the
 * recording, two sells ({@code size} -7 and -9) with consecutive ids on {@code BTC_USD_20220603}, steps down from
 * 29,009.9 to 29,008.7, as a taker sell walking the bids does. A decoder reading a negative size as a buy fails.
 */
class GateFuturesTradeDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final String RECORDING = "crypto-msg-parser-GATEIO_FUTURES-trades.jsonl";

    private static InstrumentCatalog catalog()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.GATE_FUTURES, "BTC_USD_20220603", SizeConvention.INVERSE, 1.0);
        catalog.add(Venue.GATE_FUTURES, "BTC_USDT_20210326", SizeConvention.QUANTO, 0.0001);
        catalog.add(Venue.GATE_FUTURES, "BTC_USD", SizeConvention.INVERSE, 1.0);
        catalog.add(Venue.GATE_FUTURES, "BTC_USDT", SizeConvention.QUANTO, 0.0001);
        catalog.add(Venue.GATE_FUTURES, "MOB_USDT", SizeConvention.QUANTO, 1.0);
        return catalog;
    }

    private static int decode(final FrameDecoder decoder, final String frame, final CollectingSink sink)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink);
    }

    @Test
    void everyRecordedTradeMatchesJacksonWithTheSignAsTheTakerSide() throws Exception
    {
        final InstrumentCatalog catalog = catalog();
        final GateFuturesTradeDecoder decoder = new GateFuturesTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        final List<JsonNode> expected = new ArrayList<>();
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final JsonNode result = JACKSON.readTree(frame.text()).get("result");
            assertThat(decode(decoder, frame.text(), sink)).isEqualTo(result.size());
            result.forEach(expected::add);
        }
        assertThat(sink.trades).hasSize(6);
        for (int i = 0; i < expected.size(); i++)
        {
            final InputEvent trade = sink.trades.get(i);
            final JsonNode json = expected.get(i);
            assertThat(catalog.get(trade.instrumentId()).symbol()).isEqualTo(json.get("contract").asText());
            assertThat(BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()))
                .isEqualTo(new BigDecimal(json.get("price").asText()));
            final long size = json.get("size").asLong();
            assertThat(trade.quantityMantissa()).isEqualTo(Math.abs(size));
            assertThat(trade.quantityScale()).isZero();
            assertThat(trade.takerSide()).isEqualTo(size > 0 ? TakerSide.BUY : TakerSide.SELL);
            assertThat(trade.tradeId()).isEqualTo(json.get("id").asLong());
            assertThat(trade.exchangeTimeNs()).isEqualTo(json.has("create_time_ms") ?
                json.get("create_time_ms").asLong() * 1_000_000L : json.get("create_time").asLong() * 1_000_000_000L);
        }
    }

    @Test
    void theRecordedSellRunWalksTheBidsDown() throws Exception
    {
        final CollectingSink sink = new CollectingSink();
        decode(new GateFuturesTradeDecoder(catalog()), Fixtures.frames(RECORDING).get(0).text(), sink);
        assertThat(sink.trades).extracting(InputEvent::takerSide).containsExactly(TakerSide.SELL, TakerSide.SELL);
        assertThat(sink.trades.get(1).tradeId()).isEqualTo(sink.trades.get(0).tradeId() + 1);
        assertThat(sink.trades.get(1).price()).isLessThan(sink.trades.get(0).price());
    }

    @Test
    void subscribeRepliesPongsAndBadTrades()
    {
        final GateFuturesTradeDecoder decoder = new GateFuturesTradeDecoder(catalog());
        final CollectingSink sink = new CollectingSink();
        assertThat(decode(decoder, "{\"time\":1545404023,\"channel\":\"futures.trades\",\"event\":\"subscribe\"," +
            "\"error\":null,\"result\":{\"status\":\"success\"}}", sink)).isZero();
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(decode(decoder, "{\"time\":1545404023,\"channel\":\"futures.pong\",\"event\":\"\",\"error\":null," +
            "\"result\":null}", sink)).isZero();
        assertThat(decode(decoder, "{\"time\":1545404023,\"channel\":\"futures.trades\",\"event\":\"subscribe\"," +
            "\"error\":{\"code\":2,\"message\":\"unknown contract BTC_XYZ\"},\"result\":{\"status\":\"fail\"}}", sink))
            .isZero();
        assertThat(sink.rejections).hasSize(1);
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(decode(decoder, "{\"time\":1,\"channel\":\"futures.trades\",\"event\":\"update\"}", sink))
            .isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode(decoder, "{\"time\":1,\"channel\":\"futures.trades\",\"event\":\"update\",\"result\":" +
            "[{\"size\":0,\"id\":1,\"create_time\":1,\"price\":\"1\",\"contract\":\"BTC_USDT\"}]}", sink))
            .isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
    }

    /**
     * Hand-worked: BTC_USDT's {@code quanto_multiplier} is 0.0001 BTC per contract, so the recorded taker buy of 50
     * contracts at 56,233.3 is 50 x 0.0001 = 0.005 BTC whatever the price; BTC-settled BTC_USD is 1 USD per
     * contract, so its recorded buy of 7 contracts at 56,155.2 is 7 / 56155.2 = 0.0001246545 BTC.
     */
    @Test
    void quantoContractsAreMultipliedAndBtcSettledContractsAreInverse()
    {
        assertThat(GateFuturesProtocol.INSTANCE.sizeConvention("BTC_USDT")).isEqualTo(SizeConvention.QUANTO);
        assertThat(GateFuturesProtocol.INSTANCE.sizeConvention("BTC_USD")).isEqualTo(SizeConvention.INVERSE);
        assertThat(GateFuturesProtocol.INSTANCE.sizeConvention("BTC_USD_20220603")).isEqualTo(SizeConvention.INVERSE);
        assertThat(GateFuturesProtocol.INSTANCE.contractSizeNeeded("BTC_USDT")).contains("quanto_multiplier");
        final InstrumentCatalog catalog = catalog();
        assertThat(catalog.get(catalog.find(Venue.GATE_FUTURES, "BTC_USDT")).baseUnits(50, 56_233.3))
            .isCloseTo(0.005, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(catalog.get(catalog.find(Venue.GATE_FUTURES, "BTC_USD")).baseUnits(7, 56_155.2))
            .isCloseTo(0.000124654528877112, org.assertj.core.data.Offset.offset(1e-18));
    }
}
