package io.takerflow.feeds.okx;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.RestTradePage;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * OKX {@code GET /api/v5/market/history-trades?instId=..&type=1&after=N&limit=100}: with {@code type=1} pages by
 * trade id, {@code after} returning the trades older than N, newest first, at most 100. The answer is
 * {@code {"code":"0","msg":"","data":[{"instId","side","sz","px","tradeId","ts"}]}}; {@code side} is the taker's,
 * as on the WebSocket. The limit is 20 requests per 2 s per IP; one feed asks at most every 150 ms.
 */
final class OkxTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final OkxTradeHistory INSTANCE = new OkxTradeHistory();
    /** OKX's largest page. */
    static final int PAGE = 100;

    private static final RestTradePage READER = RestTradePage.labelled("data", "tradeId", "px", "sz", "side", "ts",
        "buy", "sell", false, false);

    private OkxTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://www.okx.com");
    }

    @Override
    public Paging paging()
    {
        return Paging.DOWN_FROM_ID;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final long cursor)
    {
        return TradeHistory.resolve(base, "/api/v5/market/history-trades?instId=" + symbol + "&type=1&after=" +
            cursor + "&limit=" + PAGE);
    }

    @Override
    public long requestIntervalNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(150);
    }

    @Override
    public boolean readPage(final JsonCursor json, final PageSink sink)
    {
        return READER.read(json, sink);
    }
}
