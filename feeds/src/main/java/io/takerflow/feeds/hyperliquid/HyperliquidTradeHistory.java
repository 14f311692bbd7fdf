package io.takerflow.feeds.hyperliquid;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.RestTradePage;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Hyperliquid {@code POST /info} with {@code {"type":"recentTrades","coin":"BTC"}}: its only public trade history,
 * the latest trades of a coin, newest first (how many is not documented), as a bare array
 * {@code [{"coin","side","px","sz","time","hash","tid","users"}]}. It cannot be asked for an id or a span
 * ({@link Paging#LATEST}), and {@code tid} is neither consecutive nor ordered ({@link io.takerflow.feeds.TradeIds#NONE}),
 * so a reconnect's gap is bounded by the times of the trades either side of it: the trades of one answer within that
 * span whose ids the gate never published are recovered, the rest reported. The query is a JSON body, so this history
 * is asked with a POST ({@link #requestBody}).
 * <p>
 * {@code side} is the aggressor's, as on the WebSocket ({@code B}: the taker bought, {@code A}: sold; Hyperliquid:
 * "Side is aggressing side for trades"); {@code tid} is the WebSocket's number, so both copies of a trade carry the
 * same id; {@code sz} is in the coin and {@code px} a string, as on the WebSocket; {@code time} epoch ms. Hyperliquid
 * allows REST requests a weight of 1,200 a minute per IP, {@code recentTrades} weighing 20 plus one per 20 trades
 * returned: one feed asks at most every 2 s (30 a minute, about half of it).
 */
final class HyperliquidTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final HyperliquidTradeHistory INSTANCE = new HyperliquidTradeHistory();

    private static final RestTradePage READER = RestTradePage.labelled(null, "tid", "px", "sz", "side", "time", "B",
        "A", false, false);

    private HyperliquidTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://api.hyperliquid.xyz");
    }

    @Override
    public Paging paging()
    {
        return Paging.LATEST;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final Span span)
    {
        return TradeHistory.resolve(base, "/info");
    }

    /**
     * @return {@code {"type":"recentTrades","coin":..}}: Hyperliquid's info endpoint takes its query as a JSON body.
     */
    @Override
    public String requestBody(final String symbol)
    {
        return "{\"type\":\"recentTrades\",\"coin\":\"" + symbol + "\"}";
    }

    @Override
    public long requestIntervalNs()
    {
        return TimeUnit.SECONDS.toNanos(2);
    }

    @Override
    public boolean readPage(final JsonCursor json, final PageSink sink)
    {
        return READER.read(json, sink);
    }
}
