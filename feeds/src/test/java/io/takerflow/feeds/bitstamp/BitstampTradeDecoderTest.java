package io.takerflow.feeds.bitstamp;

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

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.FrameDecoder;

/**
 * Bitstamp's decoder on the cryptofeed recording ({@code live_trades} of ten pairs among order book diffs,
 * 2022-01) and on hand-written control messages.
 */
class BitstampTradeDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String RECORDING = "cryptofeed-BITSTAMP.ws.1.0.txt";

    private static InstrumentCatalog catalog()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        for (final String pair : List.of("sgbeur", "ethusd", "xrpeur", "bateur", "usdteur", "usdtusd", "xlmgbp",
            "adaeur", "batbtc", "galaeur", "btcusd"))
        {
            catalog.add(Venue.BITSTAMP, pair, 1.0);
        }
        return catalog;
    }

    /**
     * Every trade exactly as sent, and its side checked on the data: Bitstamp documents {@code type} as "0 (buy) or
     * 1 (sell)", the taker's; the taking order is the newer one, so the larger order id is on the taker's side. In all
     * ten trades of the recording a decoded BUY has the newer buy order and a SELL the newer sell order; inverted,
     * none would.
     */
    @Test
    void everyRecordedTradeIsDecodedAsSentWithTheNewerOrderOnTheTakersSide() throws Exception
    {
        final InstrumentCatalog catalog = catalog();
        final FrameDecoder decoder = new BitstampTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        final List<JsonNode> expected = new ArrayList<>();
        int subscribed = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            final int before = sink.trades.size();
            final int result = decode(decoder, frame.text(), sink);
            if (message.path("event").asText().equals("trade"))
            {
                expected.add(message);
                assertThat(result).isEqualTo(1);
                assertThat(sink.trades).hasSize(before + 1);
            }
            else
            {
                assertThat(result).as(frame.text()).isZero();
                subscribed += message.path("event").asText().equals("bts:subscription_succeeded") &&
                    message.get("channel").asText().startsWith("live_trades_") ? 1 : 0;
            }
        }
        assertThat(sink.subscribed).isEqualTo(subscribed).isPositive();
        assertThat(sink.trades).hasSize(10);
        int newerOnTakerSide = 0;
        for (int i = 0; i < expected.size(); i++)
        {
            final JsonNode data = expected.get(i).get("data");
            final InputEvent got = sink.trades.get(i);
            assertThat(catalog.get(got.instrumentId()).symbol())
                .isEqualTo(expected.get(i).get("channel").asText().substring("live_trades_".length()));
            assertThat(got.tradeId()).isEqualTo(data.get("id").asLong());
            assertThat(BigDecimal.valueOf(got.quantityMantissa(), got.quantityScale()))
                .isEqualByComparingTo(data.get("amount").decimalValue())
                .isEqualByComparingTo(data.get("amount_str").asText());
            assertThat(BigDecimal.valueOf(got.priceMantissa(), got.priceScale()))
                .isEqualByComparingTo(data.get("price").decimalValue())
                .isEqualByComparingTo(data.get("price_str").asText());
            assertThat(got.exchangeTimeNs()).isEqualTo(data.get("microtimestamp").asLong() * 1_000L);
            final boolean buyOrderNewer = data.get("buy_order_id").asLong() > data.get("sell_order_id").asLong();
            newerOnTakerSide += buyOrderNewer == (got.takerSide() == TakerSide.BUY) ? 1 : 0;
        }
        assertThat(newerOnTakerSide).isEqualTo(10);
    }

    @Test
    void numbersWithExponentsControlMessagesAndBadTrades()
    {
        final FrameDecoder decoder = new BitstampTradeDecoder(catalog());
        final CollectingSink sink = new CollectingSink();
        assertThat(decode(decoder, "{\"data\":{\"id\":216000999,\"timestamp\":\"1641343699\",\"amount\":5e-05," +
            "\"amount_str\":\"0.00005000\",\"price\":46500.5,\"price_str\":\"46500.50\",\"type\":1," +
            "\"microtimestamp\":\"1641343699596123\",\"buy_order_id\":1,\"sell_order_id\":2},\"channel\":" +
            "\"live_trades_btcusd\",\"event\":\"trade\"}", sink)).isEqualTo(1);
        final InputEvent trade = sink.trades.get(0);
        assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale())).isEqualByComparingTo("0.00005");
        assertThat(trade.takerSide()).isEqualTo(TakerSide.SELL);
        assertThat(trade.exchangeTimeNs()).isEqualTo(1_641_343_699_596_123_000L);
        assertThat(decode(decoder, "{\"event\":\"bts:error\",\"channel\":\"\",\"data\":{\"code\":null,\"message\":" +
            "\"Bad subscription string.\"}}", sink)).isZero();
        assertThat(sink.rejections).hasSize(1);
        assertThat(decode(decoder, "{\"event\":\"bts:request_reconnect\",\"channel\":\"\",\"data\":\"\"}", sink))
            .isZero();
        assertThat(sink.shutdowns).isEqualTo(1);
        assertThat(decode(decoder, "{\"event\":\"bts:heartbeat\",\"channel\":\"\",\"data\":{\"status\":\"success\"}}",
            sink)).isZero();
        assertThat(decode(decoder,
            "{\"data\":{\"id\":1,\"amount\":1,\"price\":2,\"type\":2,\"microtimestamp\":\"1\"}," +
            "\"channel\":\"live_trades_btcusd\",\"event\":\"trade\"}", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode(decoder, "{\"data\":{\"id\":1,\"amount\":1,\"type\":0,\"microtimestamp\":\"1\"}," +
            "\"channel\":\"live_trades_btcusd\",\"event\":\"trade\"}", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).hasSize(1);
    }

    private static int decode(final FrameDecoder decoder, final String text, final CollectingSink sink)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 0, sink);
    }
}
