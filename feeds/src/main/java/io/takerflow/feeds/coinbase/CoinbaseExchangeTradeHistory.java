package io.takerflow.feeds.coinbase;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.RestTradePage;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Coinbase Exchange {@code GET /products/{id}/trades?after=N&limit=1000}: the trades older than trade id N, newest
 * first (cursor pagination; {@code after} pages to older trades). {@code side} is the maker's side, as on the
 * WebSocket: the taker is the opposite. Public endpoints allow 10 requests per second per IP; one feed asks at most
 * every 150 ms.
 */
final class CoinbaseExchangeTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final CoinbaseExchangeTradeHistory INSTANCE = new CoinbaseExchangeTradeHistory();
    /** Coinbase's largest page. */
    static final int PAGE = 1000;

    private static final RestTradePage READER = RestTradePage.labelled(null, "trade_id", "price", "size", "side",
        "time", "buy", "sell", true, true);

    private CoinbaseExchangeTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://api.exchange.coinbase.com");
    }

    @Override
    public Paging paging()
    {
        return Paging.DOWN_FROM_ID;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final long cursor)
    {
        return TradeHistory.resolve(base, "/products/" + symbol + "/trades?after=" + cursor + "&limit=" + PAGE);
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
