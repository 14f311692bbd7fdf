package io.takerflow.feeds.bybit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.ShapeAgreement;
import io.takerflow.feeds.FrameDecoder;

class BybitTradeDecoderTest
{
    /**
     * The public trade push as documented by Bybit v5 (linear: the trade id is a UUID).
     */
    private static final String LINEAR =
        "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1672304486868," +
        "\"data\":[{\"T\":1672304486865,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.001\",\"p\":\"16578.50\"," +
        "\"L\":\"PlusTick\",\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\",\"BT\":false}," +
        "{\"T\":1672304486866,\"s\":\"BTCUSDT\",\"S\":\"Sell\",\"v\":\"0.250\",\"p\":\"16578.00\"," +
        "\"L\":\"MinusTick\",\"i\":\"9b2b1d3e-0000-5b31-9112-a178eb6023af\",\"BT\":false}]}";

    /** The push as Bybit documents it since {@code RPI} and {@code seq} were added. */
    private static final String LINEAR_NOW =
        "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1764057600123,\"data\":[{\"T\":" +
        "1764057600121,\"s\":\"BTCUSDT\",\"S\":\"Sell\",\"v\":\"0.010\",\"p\":\"86515.40\",\"L\":\"PlusTick\"," +
        "\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\",\"BT\":false,\"RPI\":false,\"seq\":478123456789}]}";

    @Test
    void documentedPushesTakeTheFastPathAndDecodeAsTheFieldLoopDoes()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BYBIT_LINEAR, "BTCUSDT", 1.0);
        final BybitTradeDecoder fast = new BybitTradeDecoder(Venue.BYBIT_LINEAR, catalog);
        final BybitTradeDecoder general = new BybitTradeDecoder(Venue.BYBIT_LINEAR, catalog);
        general.cursor().shapes(false);
        final List<String> frames = List.of(LINEAR, LINEAR_NOW, "{\"success\":true,\"ret_msg\":\"\",\"op\":" +
            "\"subscribe\",\"conn_id\":\"c1\"}");
        assertThat(ShapeAgreement.check(fast, fast.cursor(), general, frames, 20_000)).isEqualTo(2);
    }

    @Test
    void sideIsTheTakersAndUuidIdsAreStable()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int btc = catalog.add(Venue.BYBIT_LINEAR, "BTCUSDT", 1.0);
        final FrameDecoder decoder = new BybitTradeDecoder(Venue.BYBIT_LINEAR, catalog);
        final CollectingSink sink = new CollectingSink();
        final byte[] bytes = LINEAR.getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 5, sink)).isEqualTo(2);
        assertThat(sink.trades.get(0).takerSide()).isEqualTo(TakerSide.BUY);
        assertThat(sink.trades.get(1).takerSide()).isEqualTo(TakerSide.SELL);
        assertThat(sink.trades.get(0).toString()).startsWith("TRADE{bybit-linear #" + btc +
            " BUY 0.001 @ 16578.50 id=");
        assertThat(sink.trades.get(1).exchangeTimeNs()).isEqualTo(1672304486866_000_000L);
        final long firstId = sink.trades.get(0).tradeId();
        sink.clear();
        decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 5, sink);
        assertThat(sink.trades.get(0).tradeId()).isEqualTo(firstId).isNotEqualTo(sink.trades.get(1).tradeId());
    }

    @Test
    void spotIdsAreNumericAndRepliesCarryNoTrade()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BYBIT_SPOT, "BTCUSDT", 1.0);
        final FrameDecoder decoder = new BybitTradeDecoder(Venue.BYBIT_SPOT, catalog);
        final CollectingSink sink = new CollectingSink();
        byte[] bytes = LINEAR.replace("20f43950-d8dd-5b31-9112-a178eb6023af", "2290000000061666327")
            .getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 5, sink)).isEqualTo(2);
        assertThat(sink.trades.get(0).tradeId()).isEqualTo(2290000000061666327L);
        bytes = "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"0970e817-426e\",\"op\":\"ping\"}"
            .getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 5, sink)).isZero();
        bytes = LINEAR.replace("\"S\":\"Sell\"", "\"S\":\"Hold\"").getBytes(StandardCharsets.UTF_8);
        sink.clear();
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 5, sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
    }

    @Test
    void dataBeforeTopicDecodesTheSameTradesAsTopicFirst()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BYBIT_LINEAR, "BTCUSDT", 1.0);
        final String data = "\"data\":[{\"T\":1764057600121,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.010\"," +
            "\"p\":\"86515.40\"," + "\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\"},{\"T\":1764057600122," +
            "\"s\":\"BTCUSDT\",\"S\":\"Sell\"," +
            "\"v\":\"0.5\",\"p\":\"86515.30\",\"i\":\"30f43950-d8dd-5b31-9112-a178eb6023af\"}]";
        final String topic = "\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1764057600123";
        final java.util.List<String> decoded = new java.util.ArrayList<>();
        for (final String frame : java.util.List.of("{" + topic + "," + data + "}", "{" + data + "," + topic + "}"))
        {
            final CollectingSink sink = new CollectingSink();
            final byte[] bytes = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(new BybitTradeDecoder(Venue.BYBIT_LINEAR, catalog)
                .decode(new UnsafeBuffer(bytes), 0, bytes.length, 1,
                sink)).isEqualTo(2);
            decoded.add(sink.trades.toString());
        }
        assertThat(decoded.get(0)).isEqualTo(decoded.get(1)).contains("SELL").contains("BUY");
    }
}
