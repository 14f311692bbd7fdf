package io.takerflow.feeds.bitfinex;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Bitfinex {@code GET /v2/trades/t{SYMBOL}/hist?limit=10000&start=MS&end=MS&sort=1}: the public trades of a pair in
 * a span of time, in milliseconds, both ends inclusive, oldest first ({@code sort=1}; Bitfinex's documentation:
 * {@code limit} "Number of records in response (max. 10000)", {@code start}/{@code end} millisecond timestamps,
 * {@code sort} "+1: sort in ascending order | -1: sort in descending order (by MTS field)"). Bitfinex cannot be asked
 * by trade id, so this history pages by time ({@link Paging#UP_FROM_TIME}): the backfill asks for the gap's span and
 * keeps the ids inside it.
 * <p>
 * The answer is an array of arrays, {@code [[ID, MTS, AMOUNT, PRICE], ..]}, as in the WebSocket's {@code te}:
 * AMOUNT is signed by the TAKER's side ("How much was bought (positive) or sold (negative)"), the size is its
 * absolute value, in the base currency as on the WebSocket; AMOUNT and PRICE are JSON numbers, read exactly,
 * exponents included. Bitfinex documents 15 requests a minute for this endpoint (an IP over its limit is blocked
 * for 60 s): one feed asks at most every 6 s.
 */
final class BitfinexTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final BitfinexTradeHistory INSTANCE = new BitfinexTradeHistory();
    /** Bitfinex's largest page. */
    static final int PAGE = 10_000;

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private BitfinexTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://api-pub.bitfinex.com");
    }

    @Override
    public Paging paging()
    {
        return Paging.UP_FROM_TIME;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final Span span)
    {
        return TradeHistory.resolve(base, "/v2/trades/t" + symbol + "/hist?limit=" + PAGE + "&start=" +
            Math.floorDiv(span.fromNs(), NANOS_PER_MILLI) + "&end=" + Math.floorDiv(span.untilNs(), NANOS_PER_MILLI) +
            "&sort=1");
    }

    @Override
    public int pageSize()
    {
        return PAGE;
    }

    @Override
    public long requestIntervalNs()
    {
        return TimeUnit.SECONDS.toNanos(6);
    }

    @Override
    public boolean readPage(final JsonCursor json, final PageSink sink)
    {
        return TradeHistory.readArray(json, sink, BitfinexTrade::read);
    }
}
