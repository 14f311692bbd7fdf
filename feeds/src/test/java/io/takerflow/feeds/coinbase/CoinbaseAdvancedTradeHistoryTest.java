package io.takerflow.feeds.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Coinbase Advanced's public market trades ({@code market/products/{id}/ticker}) read from an answer written by hand
 * in its documented format, newest first; the expected values are worked out by hand. {@code side} is the maker's:
 * the SELL-labelled trade printed at the answer's {@code best_ask} is a taker buy, the BUY-labelled one at the
 * {@code best_bid} a taker sell.
 */
final class CoinbaseAdvancedTradeHistoryTest
{
    private static final String ANSWER = "{\"trades\":[" +
        "{\"trade_id\":\"995098700\",\"product_id\":\"BTC-USD\",\"price\":\"68930.01\",\"size\":\"0.00150000\"," +
        "\"time\":\"2026-04-07T00:29:01.250358Z\",\"side\":\"SELL\",\"bid\":\"\",\"ask\":\"\"," +
        "\"exchange\":\"coinbase\"}," +
        "{\"trade_id\":\"995098699\",\"product_id\":\"BTC-USD\",\"price\":\"68929.99\",\"size\":\"0.0412\"," +
        "\"time\":\"2026-04-07T00:29:00.5Z\",\"side\":\"BUY\",\"bid\":\"\",\"ask\":\"\",\"exchange\":\"coinbase\"}]," +
        "\"best_bid\":\"68929.99\",\"best_ask\":\"68930.01\"}";

    @Test
    void readsTheLatestTradesWithTheTakerOppositeTheLabelledMakerSide()
    {
        assertThat(read(ANSWER)).containsExactly(
            "995098700 1775521741250358000 68930.01 0.00150000 BUY",
            "995098699 1775521740500000000 68929.99 0.0412 SELL");
    }

    @Test
    void anAnswerWithoutTradesOrAnErrorIsNotAPage()
    {
        assertThat(read("{\"trades\":[],\"best_bid\":\"1\",\"best_ask\":\"2\"}")).isEmpty();
        assertThat(read("{\"error\":\"NOT_FOUND\",\"message\":\"ProductID is invalid\"}"))
            .containsExactly("invalid");
    }

    @Test
    void asksOnceForTheLargestPageOfTheNewestTrades()
    {
        final TradeHistory history = CoinbaseAdvancedTradeHistory.INSTANCE;
        assertThat(history.paging()).isEqualTo(TradeHistory.Paging.LATEST);
        assertThat(history.pageUri(URI.create("http://127.0.0.1:9/"), "BTC-USD", (TradeHistory.Span)null).toString())
            .isEqualTo("http://127.0.0.1:9/api/v3/brokerage/market/products/BTC-USD/ticker?limit=1000");
        assertThat(history.defaultBase()).isEqualTo(URI.create("https://api.coinbase.com"));
        assertThat(CoinbaseAdvancedProtocol.INSTANCE.tradeHistory()).isSameAs(history);
    }

    private static List<String> read(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final List<String> read = new ArrayList<>();
        final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        final boolean valid = CoinbaseAdvancedTradeHistory.INSTANCE.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            read.add(id + " " + timeNs + " " + BigDecimal.valueOf(pm, ps).toPlainString() + " " +
                BigDecimal.valueOf(qm, qs).toPlainString() + " " + side));
        if (!valid)
        {
            read.add("invalid");
        }
        return read;
    }
}
