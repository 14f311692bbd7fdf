package io.takerflow.feeds.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.agrona.concurrent.UnsafeBuffer;

import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Gate futures' REST trade history ({@code futures/{settle}/trades}) read from a page written by hand in its
 * documented format, newest first; the expected values are worked out by hand: {@code size} > 0 is a taker buy,
 * < 0 a taker sell, the size its absolute value in contracts (the WebSocket's unit), the time from
 * {@code create_time_ms} (seconds with three decimals) or else {@code create_time}.
 */
final class GateFuturesTradeHistoryTest
{
    private static final String PAGE = "[" +
        "{\"id\":121234233,\"create_time\":1707741394.011,\"create_time_ms\":1707741394.011," +
        "\"contract\":\"BTC_USDT\",\"size\":-50,\"price\":\"48216.5\"}," +
        "{\"id\":121234232,\"create_time\":1707741393.457,\"create_time_ms\":1707741393.457," +
        "\"contract\":\"BTC_USDT\",\"size\":3,\"price\":\"48217.1\"}," +
        "{\"id\":121234231,\"create_time\":1707741393,\"contract\":\"BTC_USDT\",\"size\":120,\"price\":\"48218\"," +
        "\"is_internal\":true}]";

    @Test
    void readsAPageWithTheTakersSideFromTheSignOfSizeInContracts()
    {
        assertThat(read(PAGE)).containsExactly(
            "121234233 1707741394011000000 48216.5 50 SELL",
            "121234232 1707741393457000000 48217.1 3 BUY",
            "121234231 1707741393000000000 48218 120 BUY");
    }

    @Test
    void takesAnIntegerTooLargeForSecondsAsMilliseconds()
    {
        assertThat(read("[{\"id\":7,\"create_time\":1707741393,\"create_time_ms\":1707741393457,\"contract\":" +
            "\"BTC_USDT\",\"size\":-1,\"price\":\"48217.1\"}]"))
            .containsExactly("7 1707741393457000000 48217.1 1 SELL");
    }

    @Test
    void anEmptyPageIsValidAndATradeWithoutSizeOrAnErrorSpoilsThePage()
    {
        assertThat(read("[]")).isEmpty();
        assertThat(read("[{\"id\":7,\"create_time\":1707741393,\"contract\":\"BTC_USDT\",\"price\":\"1\"}]"))
            .containsExactly("invalid");
        assertThat(read("{\"label\":\"TOO_MANY_REQUESTS\",\"message\":\"Request Rate limit Exceeded\"}"))
            .containsExactly("invalid");
    }

    @Test
    void walksTheGapsSpanInWholeSecondsByOffset()
    {
        final TradeHistory history = GateFuturesTradeHistory.INSTANCE;
        assertThat(history.paging()).isEqualTo(TradeHistory.Paging.SPAN_BY_OFFSET);
        assertThat(history.pageSize()).isEqualTo(1000);
        final URI base = URI.create("http://127.0.0.1:9/");
        assertThat(history.pageUri(base, "BTC_USDT", span(1000)).toString()).isEqualTo(
            "http://127.0.0.1:9/api/v4/futures/usdt/trades?contract=BTC_USDT&limit=1000&offset=1000" +
            "&from=1707741393&to=1707741395");
        assertThat(history.pageUri(base, "BTC_USD", span(0)).toString()).startsWith(
            "http://127.0.0.1:9/api/v4/futures/btc/trades?contract=BTC_USD&limit=1000&offset=0&");
        assertThat(history.pageUri(base, "BTC_USDT_20200814", span(0)).toString()).startsWith(
            "http://127.0.0.1:9/api/v4/delivery/usdt/trades?contract=BTC_USDT_20200814&");
        assertThat(GateFuturesProtocol.INSTANCE.tradeHistory()).isSameAs(history);
    }

    private static TradeHistory.Span span(final long skip)
    {
        return new TradeHistory.Span()
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
                return skip;
            }
        };
    }

    private static List<String> read(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final List<String> read = new ArrayList<>();
        final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        final boolean valid = GateFuturesTradeHistory.INSTANCE.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            read.add(id + " " + timeNs + " " + BigDecimal.valueOf(pm, ps).toPlainString() + " " +
                BigDecimal.valueOf(qm, qs).toPlainString() + " " + side));
        if (!valid)
        {
            read.add("invalid");
        }
        return read;
    }
}
