package io.takerflow.feeds.bitmex;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * BitMEX's REST trade history ({@code GET /api/v1/trade}) read from a page written by hand in its documented format,
 * a bare array oldest first for {@code reverse=false}; the expected values are worked out by hand: {@code side} is the
 * taker's, {@code size} stays in USD contracts as on the WebSocket, 2021-07-01T12:00:00Z is 1,625,140,800 s, and the
 * ids are those the WebSocket decoder gives the same two trades.
 */
final class BitmexTradeHistoryTest
{
    private static final String PAGE = "[{\"timestamp\":\"2021-07-01T12:00:00.123Z\",\"symbol\":\"XBTUSD\"," +
        "\"side\":\"Sell\",\"size\":1500,\"price\":33650.5,\"tickDirection\":\"MinusTick\"," +
        "\"trdMatchID\":\"5f4a1c36-0e2b-4d42-8f63-2f7d1e0c9a11\",\"grossValue\":4457670,\"homeNotional\":0.0445767," +
        "\"foreignNotional\":1500,\"trdType\":\"Regular\"}," +
        "{\"timestamp\":\"2021-07-01T12:00:01.500Z\",\"symbol\":\"XBTUSD\",\"side\":\"Buy\",\"size\":100," +
        "\"price\":33651,\"tickDirection\":\"PlusTick\",\"trdMatchID\":\"a03bd7f2-6b1e-9c8d-27aa-0e5c41d3b2f0\"," +
        "\"grossValue\":297170,\"homeNotional\":0.0029717,\"foreignNotional\":100,\"trdType\":\"Regular\"}]";
    /** The same two trades as the WebSocket inserts them. */
    private static final String INSERT = "{\"table\":\"trade\",\"action\":\"insert\",\"data\":[" +
        PAGE.substring(1, PAGE.length() - 1) + "]}";

    @Test
    void readsAPageWithTheTakersSideSizesInContractsAndTheWebSocketsIds()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BITMEX, "XBTUSD", SizeConvention.INVERSE, 1.0);
        final CollectingSink sink = new CollectingSink();
        final byte[] insert = INSERT.getBytes(StandardCharsets.US_ASCII);
        new BitmexTradeDecoder(catalog).decode(new UnsafeBuffer(insert), 0, insert.length, 5, sink);
        assertThat(sink.trades).hasSize(2);
        final long sellId = sink.trades.get(0).tradeId();
        final long buyId = sink.trades.get(1).tradeId();
        assertThat(read(PAGE)).containsExactly(
            sellId + " 1625140800123000000 33650.5 1500 SELL",
            buyId + " 1625140801500000000 33651 100 BUY");
    }

    @Test
    void anEmptyPageIsValidAndAnErrorIsNotAPage()
    {
        assertThat(read("[]")).isEmpty();
        assertThat(read("{\"error\":{\"message\":\"Rate limit exceeded, retry in 1 seconds.\"," +
            "\"name\":\"RateLimitError\"}}")).containsExactly("invalid");
        assertThat(read("[{\"timestamp\":\"2021-07-01T12:00:00.123Z\",\"symbol\":\"XBTUSD\",\"side\":\"Sell\"," +
            "\"price\":33650.5,\"trdMatchID\":\"5f4a1c36-0e2b-4d42-8f63-2f7d1e0c9a11\"}]")).containsExactly("invalid");
    }

    @Test
    void pagesUpByTimeOldestFirstAskingTheSpansEndOneMillisecondLater()
    {
        final TradeHistory history = BitmexTradeHistory.INSTANCE;
        assertThat(history.paging()).isEqualTo(TradeHistory.Paging.UP_FROM_TIME);
        assertThat(history.pageSize()).isEqualTo(1000);
        final TradeHistory.Span span = new TradeHistory.Span()
        {
            @Override
            public long fromNs()
            {
                return 1_625_140_800_123_456_789L;
            }

            @Override
            public long untilNs()
            {
                return 1_625_140_801_999_000_000L;
            }

            @Override
            public long skip()
            {
                return 0;
            }
        };
        assertThat(history.pageUri(URI.create("http://127.0.0.1:9/"), "XBTUSD", span).toString()).isEqualTo(
            "http://127.0.0.1:9/api/v1/trade?symbol=XBTUSD&count=1000&reverse=false" +
            "&startTime=2021-07-01T12:00:00.123Z&endTime=2021-07-01T12:00:02.000Z");
        assertThat(history.defaultBase()).isEqualTo(URI.create("https://www.bitmex.com"));
        assertThat(BitmexProtocol.INSTANCE.tradeHistory()).isSameAs(history);
    }

    private static List<String> read(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final List<String> read = new ArrayList<>();
        final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        final boolean valid = history().readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            read.add(id + " " + timeNs + " " + BigDecimal.valueOf(pm, ps).toPlainString() + " " +
                BigDecimal.valueOf(qm, qs).toPlainString() + " " + side));
        if (!valid)
        {
            read.add("invalid");
        }
        return read;
    }

    private static TradeHistory history()
    {
        return BitmexTradeHistory.INSTANCE;
    }
}
