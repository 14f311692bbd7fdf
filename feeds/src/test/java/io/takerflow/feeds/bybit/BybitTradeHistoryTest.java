package io.takerflow.feeds.bybit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Bybit's recent public trades read from an answer written by hand in its documented format, newest first; the
 * expected values are worked out by hand: {@code side} is the taker's, and a trade's {@code execId} becomes the same
 * 64-bit id as its WebSocket copy's {@code i} (compared with {@link BybitTradeDecoder} decoding the same ids).
 */
final class BybitTradeHistoryTest
{
    private static final String LINEAR = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\"," +
        "\"list\":[{\"execId\":\"9b2b1d3e-0000-5b31-9112-a178eb6023af\",\"symbol\":\"BTCUSDT\"," +
        "\"price\":\"16578.00\",\"size\":\"0.250\",\"side\":\"Sell\",\"time\":\"1672304486866\"," +
        "\"isBlockTrade\":false}," +
        "{\"execId\":\"20f43950-d8dd-5b31-9112-a178eb6023af\",\"symbol\":\"BTCUSDT\",\"price\":\"16578.50\"," +
        "\"size\":\"0.001\",\"side\":\"Buy\",\"time\":\"1672304486865\",\"isBlockTrade\":false}]}," +
        "\"retExtInfo\":{},\"time\":1672304487000}";
    /** The same two trades as the WebSocket pushes them. */
    private static final String PUSH =
        "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1672304486868," +
        "\"data\":[{\"T\":1672304486865,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.001\",\"p\":\"16578.50\"," +
        "\"L\":\"PlusTick\",\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\",\"BT\":false}," +
        "{\"T\":1672304486866,\"s\":\"BTCUSDT\",\"S\":\"Sell\",\"v\":\"0.250\",\"p\":\"16578.00\"," +
        "\"L\":\"MinusTick\",\"i\":\"9b2b1d3e-0000-5b31-9112-a178eb6023af\",\"BT\":false}]}";

    @Test
    void readsTheLatestTradesWithTheTakersSideAndTheWebSocketsIds()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BYBIT_LINEAR, "BTCUSDT", 1.0);
        final CollectingSink sink = new CollectingSink();
        final byte[] push = PUSH.getBytes(StandardCharsets.US_ASCII);
        new BybitTradeDecoder(Venue.BYBIT_LINEAR, catalog).decode(new UnsafeBuffer(push), 0, push.length, 5, sink);
        final long buyId = sink.trades.get(0).tradeId();
        final long sellId = sink.trades.get(1).tradeId();
        assertThat(read(BybitTradeHistory.LINEAR, LINEAR)).containsExactly(
            sellId + " 1672304486866000000 16578.00 0.250 SELL",
            buyId + " 1672304486865000000 16578.50 0.001 BUY");
    }

    @Test
    void spotIdsAreTheirNumbers()
    {
        assertThat(read(BybitTradeHistory.SPOT, LINEAR.replace("9b2b1d3e-0000-5b31-9112-a178eb6023af",
            "2290000000061666328").replace("20f43950-d8dd-5b31-9112-a178eb6023af", "2290000000061666327")))
            .containsExactly("2290000000061666328 1672304486866000000 16578.00 0.250 SELL",
                "2290000000061666327 1672304486865000000 16578.50 0.001 BUY");
    }

    @Test
    void anErrorAnswerIsNotAPage()
    {
        assertThat(read(BybitTradeHistory.LINEAR, "{\"retCode\":10001,\"retMsg\":\"params error\",\"result\":{}," +
            "\"retExtInfo\":{},\"time\":1672304487000}")).containsExactly("invalid");
    }

    @Test
    void asksOnceForTheLatestTradesOfItsCategory()
    {
        final URI base = URI.create("http://127.0.0.1:9/");
        assertThat(BybitTradeHistory.LINEAR.paging()).isEqualTo(TradeHistory.Paging.LATEST);
        assertThat(BybitTradeHistory.LINEAR.pageUri(base, "BTCUSDT", (TradeHistory.Span)null).toString())
            .isEqualTo("http://127.0.0.1:9/v5/market/recent-trade?category=linear&symbol=BTCUSDT&limit=1000");
        assertThat(BybitTradeHistory.SPOT.pageUri(base, "BTCUSDT", (TradeHistory.Span)null).toString())
            .isEqualTo("http://127.0.0.1:9/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=60");
        assertThat(BybitProtocol.LINEAR.tradeHistory()).isSameAs(BybitTradeHistory.LINEAR);
        assertThat(BybitProtocol.SPOT.tradeHistory()).isSameAs(BybitTradeHistory.SPOT);
    }

    private static List<String> read(final TradeHistory history, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final List<String> read = new ArrayList<>();
        final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        final boolean valid = history.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            read.add(id + " " + timeNs + " " + BigDecimal.valueOf(pm, ps).toPlainString() + " " +
                BigDecimal.valueOf(qm, qs).toPlainString() + " " + side));
        if (!valid)
        {
            read.add("invalid");
        }
        return read;
    }
}
