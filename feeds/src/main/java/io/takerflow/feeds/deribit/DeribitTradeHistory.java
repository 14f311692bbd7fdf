package io.takerflow.feeds.deribit;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.RestTradePage;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Deribit {@code GET /api/v2/public/get_last_trades_by_instrument?instrument_name=..&start_seq=N&end_seq=M
 * &count=1000&sorting=asc}: pages by {@code trade_seq}, the id the WebSocket's trades carry. The documentation:
 * {@code start_seq} "The sequence number of the first trade to be returned", {@code end_seq} "The sequence number of
 * the last trade to be returned", {@code count} "Number of requested items, default - 10, maximum - 1000", and
 * {@code sorting} "asc" (by trade id). A page holds one explicit range of sequence numbers, oldest first, so it
 * walks up from the gap's first missing trade. The answer is JSON-RPC:
 * {@code {"jsonrpc":"2.0","result":{"trades":[{"trade_seq","timestamp","price","amount","direction",..}],
 * "has_more":..}}}; {@code direction} is "Trade direction of the taker", as on the WebSocket, and {@code amount} is
 * in the same unit as there (USD for inverse instruments). Deribit's limits are credit-based: a non-matching request
 * costs 500 credits from a pool of 50,000 refilled at 10,000 per second (about 20 requests per second sustained;
 * unauthenticated requests are limited per IP); one feed asks at most every 200 ms.
 */
final class DeribitTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final DeribitTradeHistory INSTANCE = new DeribitTradeHistory();
    /** Deribit's largest page. */
    static final int PAGE = 1000;

    private static final RestTradePage READER = RestTradePage.labelled("result.trades", "trade_seq", "price",
        "amount", "direction", "timestamp", "buy", "sell", false, false);

    private DeribitTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://www.deribit.com");
    }

    @Override
    public Paging paging()
    {
        return Paging.UP_FROM_ID;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final long cursor)
    {
        return TradeHistory.resolve(base, "/api/v2/public/get_last_trades_by_instrument?instrument_name=" + symbol +
            "&start_seq=" + cursor + "&end_seq=" + (cursor + PAGE - 1) + "&count=" + PAGE + "&sorting=asc");
    }

    @Override
    public long requestIntervalNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(200);
    }

    @Override
    public boolean readPage(final JsonCursor json, final PageSink sink)
    {
        return READER.read(json, sink);
    }
}
