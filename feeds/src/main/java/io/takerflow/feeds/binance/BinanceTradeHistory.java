package io.takerflow.feeds.binance;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.RestTradePage;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Binance's trade history by id, matching the stream each venue uses: USD-M {@code GET /fapi/v1/aggTrades} (aggregate
 * ids {@code a}, as {@code @aggTrade}; weight 20 of 2,400 per minute) and spot {@code GET /api/v3/historicalTrades}
 * (raw ids {@code id}, as {@code @trade}; weight 25 of 6,000 per minute). Both take {@code fromId} (inclusive) and
 * {@code limit} up to 1,000 and answer oldest first; "buyer is the maker" true means the taker sold.
 */
final class BinanceTradeHistory implements TradeHistory
{
    /** USD-M aggregate trades. */
    static final BinanceTradeHistory USDM = new BinanceTradeHistory(URI.create("https://fapi.binance.com"),
        "/fapi/v1/aggTrades", RestTradePage.buyerMaker("a", "p", "q", "m", "T"),
        TimeUnit.MILLISECONDS.toNanos(1000));
    /** Spot raw trades. */
    static final BinanceTradeHistory SPOT = new BinanceTradeHistory(URI.create("https://api.binance.com"),
        "/api/v3/historicalTrades", RestTradePage.buyerMaker("id", "price", "qty", "isBuyerMaker", "time"),
        TimeUnit.MILLISECONDS.toNanos(500));
    /** Binance's largest page. */
    static final int PAGE = 1000;

    private final URI base;
    private final String path;
    private final RestTradePage page;
    private final long intervalNs;

    private BinanceTradeHistory(final URI base, final String path, final RestTradePage page, final long intervalNs)
    {
        this.base = base;
        this.path = path;
        this.page = page;
        this.intervalNs = intervalNs;
    }

    @Override
    public URI defaultBase()
    {
        return base;
    }

    @Override
    public Paging paging()
    {
        return Paging.UP_FROM_ID;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final long cursor)
    {
        return TradeHistory.resolve(base, path + "?symbol=" + symbol + "&fromId=" + cursor + "&limit=" + PAGE);
    }

    @Override
    public long requestIntervalNs()
    {
        return intervalNs;
    }

    @Override
    public boolean readPage(final JsonCursor json, final PageSink sink)
    {
        return page.read(json, sink);
    }
}
