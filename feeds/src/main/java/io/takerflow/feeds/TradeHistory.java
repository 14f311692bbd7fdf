package io.takerflow.feeds;

import java.net.URI;

import io.takerflow.engine.input.TakerSide;
import io.takerflow.feeds.json.JsonCursor;

/**
 * A venue's public REST trade history, paged by trade id or by trade time, which the feed uses to fetch the trades a
 * gap lost (the backfill). A venue offers one through {@link VenueProtocol#tradeHistory()}; the backfill knows no venue
 * by name.
 * <p>
 * To add a venue: say where its REST API lives ({@link #defaultBase()}), which way its pages walk
 * ({@link #paging()}), the URL of one page ({@link #pageUri}; by time also {@link #pageSize()}; a venue queried by POST
 * also its body, {@link #requestBody}), how often it may be asked
 * ({@link #requestIntervalNs()}, from the venue's documented limits, with room to spare), and read one page
 * ({@link #readPage}) in the venue's exact response format, with the taker side right as on the WebSocket.
 * Implementations hold no state and are safe to share.
 */
public interface TradeHistory
{
    /**
     * Which way a venue's pages walk through trade ids.
     */
    enum Paging
    {
        /** A page holds the trades from an id upwards, oldest first (Binance {@code fromId}, inclusive). */
        UP_FROM_ID,
        /**
         * A page holds the trades below an id, newest first (Coinbase Exchange {@code after}, OKX {@code after}:
         * "older than", exclusive).
         */
        DOWN_FROM_ID,
        /**
         * A page holds the trades of a span of exchange time, oldest first, at most {@link #pageSize()} of them
         * (Bitfinex {@code start}/{@code end} in ms, both inclusive, {@code sort=1}). The venue cannot be asked by
         * id, so the backfill asks for the gap's span of time ({@link Span}: from the time of the last trade before
         * the gap to that of the first after it), keeps only the ids strictly inside the gap, and moves the span's
         * start to the time of the last trade of a full page (trades of that same millisecond come again and are
         * dropped by id). The walk is done once a page holds the first trade after the gap; a page short of
         * {@link #pageSize()} that does not comes from a history lagging the WebSocket and is asked for again. For
         * opaque ids (BitMEX {@code startTime}/{@code endTime}) no id marks the gap: the trades of the span whose ids
         * the gate never published are kept, and the walk is done once a page runs past the span's end, or is short
         * and reaches its last millisecond.
         */
        UP_FROM_TIME,
        /**
         * Pages hold the trades of one fixed span of exchange time, newest first, at most {@link #pageSize()} each,
         * the next page skipping the trades earlier ones held ({@link Span#skip()}: Gate futures {@code from}/{@code to}
         * in seconds with {@code limit} and {@code offset}). The span is the gap's, widened to whole seconds; the
         * backfill keeps only the ids inside the gap, and is done with a page short of {@link #pageSize()} or one
         * reaching the last trade before the gap. A first page whose newest trade is older than the gap's end comes
         * from a history lagging the WebSocket: it is not used, and asked for again.
         */
        SPAN_BY_OFFSET,
        /**
         * One page of the newest trades only, newest first, at most {@link #pageSize()} (Coinbase Advanced
         * {@code market/products/{id}/ticker?limit=}, Bybit {@code v5/market/recent-trade}, Hyperliquid
         * {@code recentTrades}, Bitstamp {@code transactions/{pair}/?time=hour}): the venue offers nothing
         * to page back through, so the backfill recovers the gap's trades that page covers (by id, or, for opaque
         * ids, by time and the ids the gate remembers) and reports the rest as not recovered. A page whose newest trade
         * is older than the gap's end (a cached answer) is not used: it is asked for again a second later.
         */
        LATEST
    }

    /**
     * The span of exchange time a {@link Paging#UP_FROM_TIME} or {@link Paging#SPAN_BY_OFFSET} page is asked for.
     * Both ends are inclusive: the trades on each end's own millisecond may be in the gap too.
     */
    interface Span
    {
        /**
         * @return the span's start, epoch ns (the time of the last trade delivered before the gap, or later).
         */
        long fromNs();

        /**
         * @return the span's end, epoch ns (the time of the first trade delivered after the gap).
         */
        long untilNs();

        /**
         * @return for {@link Paging#SPAN_BY_OFFSET}, how many of the span's trades earlier pages held (the offset of
         * this page); 0 otherwise.
         */
        long skip();
    }

    /**
     * Receives the trades of one page, in page order.
     */
    @FunctionalInterface
    interface PageSink
    {
        /**
         * @param tradeId          the venue's trade id, as the WebSocket carries it.
         * @param exchangeTimeNs   trade time, epoch ns.
         * @param priceMantissa    price digits.
         * @param priceScale       price digits after the point.
         * @param quantityMantissa size digits, in the same unit as the WebSocket's.
         * @param quantityScale    size digits after the point.
         * @param takerSide        the aggressor's side.
         */
        void onTrade(long tradeId, long exchangeTimeNs, long priceMantissa, int priceScale, long quantityMantissa,
            int quantityScale, TakerSide takerSide);
    }

    /**
     * @return the venue's public REST base URL (scheme, host and port), e.g. {@code https://fapi.binance.com}.
     */
    URI defaultBase();

    /**
     * @return which way pages walk.
     */
    Paging paging();

    /**
     * @param base   the REST base (default or configured with {@code venue.<id>.rest}).
     * @param symbol the wire symbol.
     * @param cursor for {@link Paging#UP_FROM_ID} the first trade id wanted (inclusive); for
     *               {@link Paging#DOWN_FROM_ID} the id whose older trades are wanted (exclusive). Only the id-paged
     *               venues get this call (the others need not implement it).
     * @return the URL of that page, with the venue's largest page size.
     */
    default URI pageUri(final URI base, final String symbol, final long cursor)
    {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " pages by time or serves its latest " +
            "trades only");
    }

    /**
     * The URL of a page asked for by time, for {@link Paging#UP_FROM_TIME} and {@link Paging#SPAN_BY_OFFSET}, or of
     * the newest trades for {@link Paging#LATEST} (which ignores the span); the id-paged venues never get this call.
     *
     * @param base   the REST base (default or configured with {@code venue.<id>.rest}).
     * @param symbol the wire symbol.
     * @param span   the exchange time wanted.
     * @return the URL of that page, with the venue's largest page size ({@link #pageSize()}).
     */
    default URI pageUri(final URI base, final String symbol, final Span span)
    {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " pages by trade id");
    }

    /**
     * The body a page is asked with, for a venue whose history is queried with a POST rather than a GET: Hyperliquid
     * has one endpoint, {@code POST /info}, that takes its query as JSON ({@code {"type":"recentTrades","coin":..}}).
     * The URL is still {@link #pageUri}'s; every other venue asks with a GET and keeps this default. A POSTed query
     * today serves the latest trades only ({@link Paging#LATEST}), so the body depends on the symbol alone.
     *
     * @param symbol the wire symbol.
     * @return the JSON body to POST (sent as {@code application/json}), or null, the default, to GET the page.
     */
    default String requestBody(final String symbol)
    {
        return null;
    }

    /**
     * @return the most trades one page holds (what {@link #pageUri} asks for): a {@link Paging#UP_FROM_TIME} page
     * holding fewer held every trade its history had for the span, a {@link Paging#SPAN_BY_OFFSET} page holding fewer
     * was the span's last. Only the venues asked by time need it.
     */
    default int pageSize()
    {
        return 0;
    }

    /**
     * @return the least time between two requests, so one feed stays well inside the venue's documented limit.
     */
    long requestIntervalNs();

    /**
     * Reads one page response body.
     *
     * @param json positioned on the body.
     * @param sink receives every trade, in page order.
     * @return false if the body is not a page of valid trades (nothing may be trusted then).
     */
    boolean readPage(JsonCursor json, PageSink sink);

    /**
     * Reads one trade of a page, in the venue's own shape.
     */
    @FunctionalInterface
    interface TradeReader
    {
        /**
         * @param json   positioned on the trade.
         * @param number scratch for a JSON number, one per page.
         * @param sink   receives the trade.
         * @return false if the trade is not valid (the page is then not trusted).
         */
        boolean read(JsonCursor json, JsonDecimal number, PageSink sink);
    }

    /**
     * Reads a page that is a bare JSON array of trades, each read by {@code reader}; a trade that is not valid spoils
     * the page.
     *
     * @param json   positioned on the body.
     * @param sink   receives every trade, in page order.
     * @param reader reads one trade.
     * @return false if the body is not such an array of valid trades, or has anything after it.
     */
    static boolean readArray(final JsonCursor json, final PageSink sink, final TradeReader reader)
    {
        final JsonDecimal number = new JsonDecimal(); // REST: not a hot path
        if (!json.beginArray())
        {
            return false;
        }
        while (json.nextElement())
        {
            if (!reader.read(json, number, sink))
            {
                return false;
            }
        }
        return !json.failed() && json.atEnd();
    }

    /**
     * @param base   a REST base URL.
     * @param path   an absolute path with its query.
     * @return the URL.
     */
    static URI resolve(final URI base, final String path)
    {
        final String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }
}
