package io.takerflow.feeds.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.bitfinex.BitfinexProtocol;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Hyperliquid's {@code recentTrades} answer read from a page written by hand in its documented format, a bare array
 * newest first; the expected values are worked out by hand: {@code side} {@code A} is a taker sell, {@code B} a taker
 * buy, {@code tid} the id as the WebSocket carries it, {@code time} ms turned into ns, sizes in the coin.
 */
final class HyperliquidTradeHistoryTest
{
    private static final String PAGE = "[{\"coin\":\"BTC\",\"side\":\"A\",\"px\":\"104320.0\",\"sz\":\"0.01500\"," +
        "\"hash\":\"0x0000000000000000000000000000000000000000000000000000000000000003\",\"time\":1769916002000," +
        "\"tid\":300003,\"users\":[\"0xbuyer3\",\"0xseller3\"]}," +
        "{\"coin\":\"BTC\",\"side\":\"B\",\"px\":\"104310.5\",\"sz\":\"0.02000\"," +
        "\"hash\":\"0x0000000000000000000000000000000000000000000000000000000000000002\",\"time\":1769916001017," +
        "\"tid\":861288301225461,\"users\":[\"0xbuyer2\",\"0xseller2\"]}]";

    @Test
    void readsTheLatestTradesWithTheAggressorsSide()
    {
        assertThat(read(PAGE)).containsExactly(
            "300003 1769916002000000000 104320.0 0.01500 SELL",
            "861288301225461 1769916001017000000 104310.5 0.02000 BUY");
    }

    @Test
    void anEmptyAnswerIsValidAndAnythingButAnArrayIsNotAPage()
    {
        assertThat(read("[]")).isEmpty();
        assertThat(read("null")).containsExactly("invalid");
        assertThat(read("{\"error\":\"Failed to deserialize the JSON body\"}")).containsExactly("invalid");
        assertThat(read("[{\"coin\":\"BTC\",\"side\":\"S\",\"px\":\"104320.0\",\"sz\":\"0.01500\",\"time\":1," +
            "\"tid\":3}]")).containsExactly("invalid");
    }

    @Test
    void isAskedWithAPostOfItsQueryWhileOtherVenuesKeepAGet()
    {
        final TradeHistory history = HyperliquidTradeHistory.INSTANCE;
        assertThat(history.paging()).isEqualTo(TradeHistory.Paging.LATEST);
        assertThat(history.pageUri(URI.create("http://127.0.0.1:9/"), "BTC", (TradeHistory.Span)null).toString())
            .isEqualTo("http://127.0.0.1:9/info");
        assertThat(history.requestBody("BTC")).isEqualTo("{\"type\":\"recentTrades\",\"coin\":\"BTC\"}");
        assertThat(history.defaultBase()).isEqualTo(URI.create("https://api.hyperliquid.xyz"));
        assertThat(HyperliquidProtocol.INSTANCE.tradeHistory()).isSameAs(history);
        assertThat(BitfinexProtocol.INSTANCE.tradeHistory().requestBody("BTCUSD")).isNull();
    }

    private static List<String> read(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final List<String> read = new ArrayList<>();
        final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        final boolean valid = HyperliquidTradeHistory.INSTANCE.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            read.add(id + " " + timeNs + " " + BigDecimal.valueOf(pm, ps).toPlainString() + " " +
                BigDecimal.valueOf(qm, qs).toPlainString() + " " + side));
        if (!valid)
        {
            read.add("invalid");
        }
        return read;
    }
}
