package io.takerflow.feeds.bybit;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.RestTradePage;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Bybit v5 {@code GET /v5/market/recent-trade?category=linear|spot&symbol=..&limit=..}: the latest public trades only
 * (Bybit: {@code limit} "spot: [1,60], default: 60, others: [1,1000], default: 500"), newest first, in
 * {@code {"retCode":0,"retMsg":"OK","result":{"category","list":[{"execId","symbol","price","size","side","time",
 * "isBlockTrade"}]},..}}. It cannot be asked for an id or a span ({@link Paging#LATEST}), and Bybit's ids are opaque
 * strings, never ordered, so a gap is bounded by the times of the trades either side of it: the trades of one answer
 * within that span whose ids the gate never published are recovered, the rest reported. {@code side} is the TAKER's
 * side, as the WebSocket's {@code S}; {@code execId} is read as the WebSocket's {@code i} is (the number on spot, a
 * stable 64-bit hash of the UUID on linear), so both copies of a trade carry the same id; {@code size} is in the base
 * coin as on the WebSocket; {@code time} epoch ms as a string. Bybit allows 600 requests per 5 s per IP; one feed asks
 * at most every 200 ms.
 */
final class BybitTradeHistory implements TradeHistory
{
    /** Linear perpetuals: up to 1,000 trades an answer. */
    static final BybitTradeHistory LINEAR = new BybitTradeHistory("linear", 1000);
    /** Spot: up to 60 trades an answer. */
    static final BybitTradeHistory SPOT = new BybitTradeHistory("spot", 60);

    private static final RestTradePage READER = RestTradePage.labelled("result.list", "execId", "price", "size",
        "side", "time", "Buy", "Sell", false, false).withStringIds();

    private final String category;
    private final int limit;

    private BybitTradeHistory(final String category, final int limit)
    {
        this.category = category;
        this.limit = limit;
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://api.bybit.com");
    }

    @Override
    public Paging paging()
    {
        return Paging.LATEST;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final Span span)
    {
        return TradeHistory.resolve(base, "/v5/market/recent-trade?category=" + category + "&symbol=" + symbol +
            "&limit=" + limit);
    }

    @Override
    public int pageSize()
    {
        return limit;
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
