package io.takerflow.feeds.bitmex;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

import io.takerflow.feeds.RestTradePage;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * BitMEX {@code GET /api/v1/trade?symbol=..&count=1000&reverse=false&startTime=ISO&endTime=ISO}: the public trades of
 * a contract in a span of time, oldest first (BitMEX: table queries take {@code count}, {@code start} and
 * {@code reverse}, "Set {@code reverse=true} to get rows newest-first"; {@code count} at most 1,000). Its trade ids
 * ({@code trdMatchID}) are GUIDs, never ordered ({@link io.takerflow.feeds.TradeIds#NONE}), so a reconnect's gap is
 * bounded by the times of the trades either side of it and walked up by time ({@link Paging#UP_FROM_TIME}): of each
 * page, the trades within the gap's span whose ids the gate never published are recovered; a full page moves the
 * span's start to its last trade's millisecond (its copies dropped by the ids the gate remembers). BitMEX does not
 * say whether {@code endTime} is inclusive, so the span's end is asked one millisecond later (trades past the span
 * are not taken); {@code startTime} is taken as inclusive.
 * <p>
 * The answer is a bare array of the WebSocket's trade objects, {@code [{"timestamp","symbol","side","size","price",
 * "tickDirection","trdMatchID","grossValue","homeNotional","foreignNotional",..}]}: {@code side} is the TAKER's
 * ({@code Buy}/{@code Sell}), as on the WebSocket; {@code size} is in contracts, handed on as the WebSocket's is (USD
 * contracts for the inverse {@code XBTUSD}, which the instrument's convention turns into base units); price and size
 * are JSON numbers read exactly; {@code trdMatchID} is read as {@link BitmexTradeDecoder} reads it, so both copies of
 * a trade carry the same id; {@code timestamp} ISO-8601 with milliseconds. BitMEX allows 30 requests a minute without
 * authentication: one feed asks at most every 3 s (20 a minute).
 */
final class BitmexTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final BitmexTradeHistory INSTANCE = new BitmexTradeHistory();
    /** BitMEX's largest page. */
    static final int PAGE = 1000;

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final DateTimeFormatter ISO_MILLIS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final RestTradePage READER = RestTradePage.labelled(null, "trdMatchID", "price", "size", "side",
        "timestamp", "Buy", "Sell", false, true).withStringIds();

    private BitmexTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://www.bitmex.com");
    }

    @Override
    public Paging paging()
    {
        return Paging.UP_FROM_TIME;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final Span span)
    {
        return TradeHistory.resolve(base, "/api/v1/trade?symbol=" + symbol + "&count=" + PAGE + "&reverse=false" +
            "&startTime=" + iso(Math.floorDiv(span.fromNs(), NANOS_PER_MILLI)) +
            "&endTime=" + iso(Math.floorDiv(span.untilNs(), NANOS_PER_MILLI) + 1));
    }

    @Override
    public int pageSize()
    {
        return PAGE;
    }

    @Override
    public long requestIntervalNs()
    {
        return TimeUnit.SECONDS.toNanos(3);
    }

    @Override
    public boolean readPage(final JsonCursor json, final PageSink sink)
    {
        return READER.read(json, sink);
    }

    private static String iso(final long epochMs)
    {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMs));
    }
}
