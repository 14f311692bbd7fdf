package io.takerflow.feeds.coinbase;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.RestTradePage;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Coinbase Advanced Trade {@code GET /api/v3/brokerage/market/products/{product_id}/ticker?limit=1000} ("Get Public
 * Market Trades", no authentication): the latest trades of a product, newest first, in
 * {@code {"trades":[{"trade_id","product_id","price","size","time","side",..}],"best_bid","best_ask"}}. It covers only
 * the newest trades ({@link Paging#LATEST}): a gap is recovered as far back as one page reaches, the rest is reported.
 * Public answers are cached for about a second, so a page whose newest trade is older than the gap's end is asked
 * for again.
 * <p>
 * {@code side} is the MAKER's side, as on the WebSocket's {@code market_trades} ({@link CoinbaseAdvancedTradeDecoder}):
 * the taker is the opposite. Coinbase's schema words it as the side that "took liquidity", but the recordings say
 * maker (the fixtures README: 75 of 78 live trades and every walking run), and so does a recorded answer of this very
 * endpoint (nautilus_trader's {@code http_ticker.json}: the two newest trades, labelled SELL, printed at 68,923.67,
 * which is the {@code best_ask} of the same answer: buyers lifting the offer). {@code size} is in the base currency,
 * as on the WebSocket; {@code trade_id} a quoted number; {@code time} ISO-8601. Public endpoints allow 10 requests per
 * second per IP; one feed asks at most every 200 ms.
 */
final class CoinbaseAdvancedTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final CoinbaseAdvancedTradeHistory INSTANCE = new CoinbaseAdvancedTradeHistory();
    /** The most trades one answer holds. */
    static final int PAGE = 1000;

    private static final RestTradePage READER = RestTradePage.labelled("trades", "trade_id", "price", "size", "side",
        "time", "BUY", "SELL", true, true);

    private CoinbaseAdvancedTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://api.coinbase.com");
    }

    @Override
    public Paging paging()
    {
        return Paging.LATEST;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final Span span)
    {
        return TradeHistory.resolve(base, "/api/v3/brokerage/market/products/" + symbol + "/ticker?limit=" + PAGE);
    }

    @Override
    public int pageSize()
    {
        return PAGE;
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
