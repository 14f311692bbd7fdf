package io.takerflow.feeds.history;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;

import javax.net.ssl.TrustManagerFactory;

import org.agrona.concurrent.UnsafeBuffer;

import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Builds flow-window bars of any whole number of milliseconds from Binance's aggregate trades, for windows whose
 * bucket no kline interval divides (a 2-minute window of 10-second buckets on USD-M, whose shortest kline is a
 * minute): USD-M {@code GET /fapi/v1/aggTrades} (weight 20) and spot {@code GET /api/v3/aggTrades}, pages of up to
 * 1,000 objects {@code {"a","p","q","f","l","T","m"}}: {@code m} "was the buyer the maker" (true: the taker sold),
 * {@code f}..{@code l} the raw trades aggregated (the bar's trade count, as a kline counts them).
 * <p>
 * The first page asks for the span by time ({@code startTime}/{@code endTime}, inclusive; Binance refuses a span of an
 * hour or more), the next ones by id ({@code fromId}, inclusive; Binance asks for one or the other, not both) until a
 * trade at or after the span's end appears or a page comes back short. Sizes are summed exactly per bucket (the
 * quantities as sent), every bucket of the span is handed over, empty ones too (a bucket without trades is known to
 * have none). Spans are capped ({@link #LONGEST_SPAN_MS}, {@link #MAX_PAGES}) so a warm start stays far inside the
 * venues' request weights. USD-M aggregates fills of one taker order at one price within 100 ms, as its
 * {@code @aggTrade} stream does, so a fill may be booked up to 100 ms before its bucket ends. Not a hot path.
 */
public final class AggTradeBars
{
    /** Largest page Binance serves. */
    public static final int PAGE = 1000;
    /** Pages one span may take: 40,000 aggregate trades, 800 of USD-M's 2,400 weight a minute. */
    public static final int MAX_PAGES = 40;
    /** Longest span warmed from aggregate trades; longer windows take klines (or fill from live trades). */
    public static final long LONGEST_SPAN_MS = 15 * 60_000L;

    private static final byte[] ID = {'a'};
    private static final byte[] QUANTITY = {'q'};
    private static final byte[] FIRST = {'f'};
    private static final byte[] LAST = {'l'};
    private static final byte[] TIME = {'T'};
    private static final byte[] BUYER_MAKER = {'m'};

    private final String path;
    private final URI base;
    private final RestGet http;

    /**
     * @param venue a venue with aggregate trades.
     * @return whether this reader knows {@code venue}'s aggregate trades.
     */
    public static boolean hasAggTrades(final Venue venue)
    {
        return venue == Venue.BINANCE_USDM || venue == Venue.BINANCE_SPOT;
    }

    /**
     * @param venue   {@link Venue#BINANCE_USDM} or {@link Venue#BINANCE_SPOT}.
     * @param base    REST base, e.g. {@code https://fapi.binance.com} (plain http only on loopback).
     * @param trust   certificates trusted for https in addition to the JDK's default anchors, null for none.
     * @param setting the setting that named {@code base}, for error messages.
     * @throws IllegalArgumentException naming {@code setting} if the venue has no aggregate trades or the base is not
     *                                  allowed.
     */
    public AggTradeBars(final Venue venue, final URI base, final TrustManagerFactory trust, final String setting)
    {
        if (!hasAggTrades(venue))
        {
            throw new IllegalArgumentException(venue.id() + " has no aggregate trades this reader knows");
        }
        KlineHistory.checkBase(base, setting);
        this.path = venue == Venue.BINANCE_SPOT ? "/api/v3/aggTrades" : "/fapi/v1/aggTrades";
        this.base = base;
        this.http = new RestGet(trust);
    }

    /**
     * Reads the trades of {@code [startMs, endMs)} and hands one bar per bucket, oldest first.
     *
     * @param symbol   e.g. {@code BTCUSDT}.
     * @param bucketMs the bar length, ms.
     * @param startMs  the first bar's open time, epoch ms.
     * @param endMs    end of the span, epoch ms, a whole number of buckets after {@code startMs}.
     * @param sink     handed every bar, empty ones too.
     * @return bars handed over.
     * @throws IOException if the venue cannot be reached, answers with something that is not aggregate trades, or the
     *                     span holds more than {@link #MAX_PAGES} pages.
     * @throws IllegalArgumentException if the span is not a whole number of buckets or longer than
     *                                  {@link #LONGEST_SPAN_MS}.
     */
    public int read(
        final String symbol, final long bucketMs, final long startMs, final long endMs, final KlineHistory.BarSink sink)
        throws IOException
    {
        if (bucketMs <= 0 || endMs <= startMs || (endMs - startMs) % bucketMs != 0 ||
            endMs - startMs > LONGEST_SPAN_MS)
        {
            throw new IllegalArgumentException("a span of aggregate trades must be whole buckets of " + bucketMs +
                " ms and at most " + LONGEST_SPAN_MS + " ms, was " + startMs + " to " + endMs);
        }
        final int buckets = (int)((endMs - startMs) / bucketMs);
        final BigDecimal[] buy = new BigDecimal[buckets];
        final BigDecimal[] sell = new BigDecimal[buckets];
        final long[] trades = new long[buckets];
        java.util.Arrays.fill(buy, BigDecimal.ZERO);
        java.util.Arrays.fill(sell, BigDecimal.ZERO);
        final String query = base + path + "?symbol=" + symbol.toUpperCase(Locale.ROOT);
        URI uri = URI.create(query + "&startTime=" + startMs + "&endTime=" + (endMs - 1) + "&limit=" + PAGE);
        for (int pages = 1; ; pages++)
        {
            final byte[] body = http.get(uri);
            final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(body), 0, body.length);
            if (!json.beginArray())
            {
                throw new IOException("aggregate trades from " + uri + " are not a JSON array: " +
                    RestGet.sample(body));
            }
            int count = 0;
            long lastId = -1;
            boolean pastEnd = false;
            while (json.nextElement())
            {
                final Trade trade = readTrade(json);
                if (trade == null)
                {
                    throw new IOException("aggregate trades from " + uri + " are malformed: " + RestGet.sample(body));
                }
                count++;
                lastId = trade.id;
                if (trade.timeMs >= endMs)
                {
                    pastEnd = true;
                }
                else if (trade.timeMs >= startMs)
                {
                    final int bucket = (int)((trade.timeMs - startMs) / bucketMs);
                    if (trade.buyerMaker)
                    {
                        sell[bucket] = sell[bucket].add(trade.quantity);
                    }
                    else
                    {
                        buy[bucket] = buy[bucket].add(trade.quantity);
                    }
                    trades[bucket] += trade.lastTrade - trade.firstTrade + 1;
                }
            }
            if (json.failed())
            {
                throw new IOException("aggregate trades from " + uri + " are malformed: " + RestGet.sample(body));
            }
            if (pastEnd || count < PAGE)
            {
                break;
            }
            if (pages == MAX_PAGES)
            {
                throw new IOException("more than " + MAX_PAGES * PAGE + " aggregate trades of " + symbol + " between " +
                    startMs + " and " + endMs + " ms: too busy a span to warm from them");
            }
            uri = URI.create(query + "&fromId=" + (lastId + 1) + "&limit=" + PAGE);
        }
        for (int i = 0; i < buckets; i++)
        {
            final int scale = Math.max(0, Math.max(buy[i].scale(), sell[i].scale()));
            sink.bar(startMs + i * bucketMs, buy[i].setScale(scale).unscaledValue().longValueExact(),
                sell[i].setScale(scale).unscaledValue().longValueExact(), scale, trades[i]);
        }
        return buckets;
    }

    private static Trade readTrade(final JsonCursor json)
    {
        if (!json.beginObject())
        {
            return null;
        }
        final Trade trade = new Trade();
        int seen = 0;
        while (json.nextField())
        {
            if (json.stringEquals(ID) && json.readLong())
            {
                trade.id = json.mantissa();
                seen |= 1;
            }
            else if (json.stringEquals(QUANTITY) && json.readDecimal())
            {
                trade.quantity = BigDecimal.valueOf(json.mantissa(), json.scale());
                seen |= 2;
            }
            else if (json.stringEquals(FIRST) && json.readLong())
            {
                trade.firstTrade = json.mantissa();
                seen |= 4;
            }
            else if (json.stringEquals(LAST) && json.readLong())
            {
                trade.lastTrade = json.mantissa();
                seen |= 8;
            }
            else if (json.stringEquals(TIME) && json.readLong())
            {
                trade.timeMs = json.mantissa();
                seen |= 16;
            }
            else if (json.stringEquals(BUYER_MAKER))
            {
                final int buyerMaker = json.readBoolean();
                trade.buyerMaker = buyerMaker == 1;
                seen |= buyerMaker < 0 ? 0 : 32;
            }
            else
            {
                json.skipValue();
            }
        }
        return seen == 63 && !json.failed() && trade.lastTrade >= trade.firstTrade && trade.quantity.signum() >= 0 ?
            trade : null;
    }

    /** One aggregate trade as read. */
    private static final class Trade
    {
        long id;
        BigDecimal quantity;
        long firstTrade;
        long lastTrade;
        long timeMs;
        boolean buyerMaker;
    }
}
