package io.takerflow.feeds.bitfinex;

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
 * Bitfinex's REST trade history ({@code trades/t{SYMBOL}/hist}) read from a page written by hand in its documented
 * format, {@code [[ID, MTS, AMOUNT, PRICE], ..]} oldest first for {@code sort=1}; the expected values are worked out
 * by hand: AMOUNT > 0 is a taker buy, < 0 a taker sell, the size its absolute value, exponents read exactly.
 */
final class BitfinexTradeHistoryTest
{
    private static final String PAGE = "[[1535637621,1707741393000,0.0013,48218]," +
        "[1535637622,1707741393000,0.05,48219],[1535637630,1707741393457,-0.00117,48217]," +
        "[1535637631,1707741394011,-2.5e-7,48216.5]]";

    @Test
    void readsAPageWithTheTakersSideFromTheSignOfAmount()
    {
        assertThat(read(PAGE)).containsExactly(
            "1535637621 1707741393000000000 48218 0.0013 BUY",
            "1535637622 1707741393000000000 48219 0.05 BUY",
            "1535637630 1707741393457000000 48217 0.00117 SELL",
            "1535637631 1707741394011000000 48216.5 0.00000025 SELL");
    }

    @Test
    void anEmptyPageIsValidAndATradeMissingItsPriceSpoilsThePage()
    {
        assertThat(read("[]")).isEmpty();
        assertThat(read("[[1535637621,1707741393000,0.0013]]")).containsExactly("invalid");
        assertThat(read("{\"error\":\"ERR_RATE_LIMIT\"}")).containsExactly("invalid");
        assertThat(read("[\"error\",10020,\"limit: invalid\"]")).containsExactly("invalid");
    }

    @Test
    void pagesUpByTimeInMillisecondsBothEndsInclusive()
    {
        final TradeHistory history = BitfinexTradeHistory.INSTANCE;
        assertThat(history.paging()).isEqualTo(TradeHistory.Paging.UP_FROM_TIME);
        assertThat(history.pageSize()).isEqualTo(10_000);
        final TradeHistory.Span span = new TradeHistory.Span()
        {
            @Override
            public long fromNs()
            {
                return 1_707_741_393_000_123_456L;
            }

            @Override
            public long untilNs()
            {
                return 1_707_741_394_011_999_999L;
            }

            @Override
            public long skip()
            {
                return 0;
            }
        };
        assertThat(history.pageUri(URI.create("http://127.0.0.1:9/"), "BTCUSD", span).toString()).isEqualTo(
            "http://127.0.0.1:9/v2/trades/tBTCUSD/hist?limit=10000&start=1707741393000&end=1707741394011&sort=1");
        assertThat(history.defaultBase()).isEqualTo(URI.create("https://api-pub.bitfinex.com"));
        assertThat(BitfinexProtocol.INSTANCE.tradeHistory()).isSameAs(history);
    }

    private static List<String> read(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final List<String> read = new ArrayList<>();
        final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        final boolean valid = BitfinexTradeHistory.INSTANCE.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            read.add(id + " " + timeNs + " " + BigDecimal.valueOf(pm, ps).toPlainString() + " " +
                BigDecimal.valueOf(qm, qs).toPlainString() + " " + side));
        if (!valid)
        {
            read.add("invalid");
        }
        return read;
    }
}
