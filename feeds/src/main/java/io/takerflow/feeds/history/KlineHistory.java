package io.takerflow.feeds.history;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.TrustManagerFactory;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.ScaledDecimal;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.json.JsonCursor;
import io.takerflow.feeds.net.Loopback;

/**
 * Reads Binance klines with their taker volume: USD-M {@code GET /fapi/v1/klines} (pages of up to 1,500 bars) and
 * spot {@code GET /api/v3/klines} (up to 1,000), both arrays of twelve columns with the volume in column 5, the trade
 * count in column 8 and the taker buy base volume in column 9. Each closed bar gives its taker buy and taker sell
 * volume (volume minus taker buy), both exact, and its trade count: one HISTORY_SAMPLE for the Z-score history
 * ({@link #publish}) or one WINDOW_SAMPLE for the flow window ({@link #read} and {@link WarmStart}). Not a hot path.
 */
public final class KlineHistory
{
    /** What a bar reader is handed, one closed bar at a time, oldest first. */
    @FunctionalInterface
    public interface BarSink
    {
        /**
         * @param openMs       when the bar opened, epoch ms.
         * @param buyMantissa  taker buy base volume digits.
         * @param sellMantissa taker sell base volume digits (volume minus taker buy).
         * @param scale        digits after the point of both.
         * @param trades       trades in the bar, as the venue counts them.
         */
        void bar(long openMs, long buyMantissa, long sellMantissa, int scale, long trades);
    }

    private final Venue venue;
    private final String path;
    private final int page;
    private final URI base;
    private final RestGet http;

    /**
     * @param venue a venue with klines ({@link #hasKlines(Venue)}).
     * @return whether {@code venue} serves klines with taker buy volume that this reader knows.
     */
    public static boolean hasKlines(final Venue venue)
    {
        return venue == Venue.BINANCE_USDM || venue == Venue.BINANCE_SPOT;
    }

    /**
     * @param venue a venue with klines.
     * @return the kline intervals the venue serves, shortest first, as written in the request.
     */
    public static List<String> intervals(final Venue venue)
    {
        return venue == Venue.BINANCE_SPOT ? List.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h",
            "12h", "1d") : List.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d");
    }

    /**
     * @param base REST base, e.g. {@code https://fapi.binance.com} (plain http only on loopback).
     */
    public KlineHistory(final URI base)
    {
        this(base, null);
    }

    /**
     * @param base  REST base, e.g. {@code https://fapi.binance.com} (plain http only on loopback).
     * @param trust certificates trusted for https in addition to the JDK's default anchors (as for the feeds,
     *              {@code feeds.trustStore}), null for the JDK default alone.
     */
    public KlineHistory(final URI base, final TrustManagerFactory trust)
    {
        this(Venue.BINANCE_USDM, base, trust, "history.url");
    }

    /**
     * @param venue   {@link Venue#BINANCE_USDM} or {@link Venue#BINANCE_SPOT}.
     * @param base    REST base, e.g. {@code https://api.binance.com} (plain http only on loopback).
     * @param trust   certificates trusted for https in addition to the JDK's default anchors, null for none.
     * @param setting the setting that named {@code base}, for error messages.
     * @throws IllegalArgumentException naming {@code setting} if the venue has no klines or the base is not allowed.
     */
    public KlineHistory(final Venue venue, final URI base, final TrustManagerFactory trust, final String setting)
    {
        if (!hasKlines(venue))
        {
            throw new IllegalArgumentException(venue.id() + " has no klines with taker volume");
        }
        checkBase(base, setting);
        this.venue = venue;
        this.path = venue == Venue.BINANCE_SPOT ? "/api/v3/klines" : "/fapi/v1/klines";
        this.page = venue == Venue.BINANCE_SPOT ? 1000 : 1500;
        this.base = base;
        this.http = new RestGet(trust);
    }

    /**
     * Checks a klines REST base without building a client: https, or plain http only to a literal loopback address.
     *
     * @param base    the REST base.
     * @param setting the setting that named it, for the message.
     * @return the base.
     * @throws IllegalArgumentException naming {@code setting} if the base is not allowed.
     */
    public static URI checkBase(final URI base, final String setting)
    {
        final String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (base.getHost() == null || !(scheme.equals("https") || scheme.equals("http")))
        {
            throw new IllegalArgumentException(setting + ": '" + base +
                "' must be https:// (http:// only on loopback)");
        }
        Loopback.checkPlaintext(setting, base);
        return base;
    }

    /**
     * Publishes the closed bars of {@code [startMs, endMs)}.
     *
     * @param symbol       e.g. {@code BTCUSDT}.
     * @param interval     a kline interval, e.g. {@code 1h}.
     * @param startMs      first bar open time, epoch ms.
     * @param endMs        end of the range, epoch ms; bars closing after it are skipped.
     * @param instrumentId the flow instrument the samples belong to.
     * @param publisher    where HISTORY_SAMPLE events go.
     * @param clock        stamps the events' receive time.
     * @return bars published.
     * @throws IOException if the venue cannot be reached or answers with something that is not klines.
     */
    public int publish(
        final String symbol,
        final String interval,
        final long startMs,
        final long endMs,
        final int instrumentId,
        final InputPublisher publisher,
        final EpochNanoClock clock) throws IOException
    {
        final InputEvent sample = new InputEvent();
        return read(symbol, interval, startMs, endMs, (openMs, buy, sell, scale, trades) ->
            publisher.publish(sample.historySample()
                .venue(venue)
                .instrumentId(instrumentId)
                .exchangeTimeNs(openMs * 1_000_000L)
                .receiveTimeNs(clock.nanoTime())
                .buyVolumeMantissa(buy)
                .buyVolumeScale(scale)
                .sellVolumeMantissa(sell)
                .sellVolumeScale(scale)));
    }

    /**
     * Reads the closed bars of {@code [startMs, endMs)}, oldest first, paging as needed.
     *
     * @param symbol   e.g. {@code BTCUSDT}.
     * @param interval a kline interval the venue serves, e.g. {@code 1m}.
     * @param startMs  first bar open time, epoch ms.
     * @param endMs    end of the range, epoch ms; bars closing at or after it are skipped.
     * @param sink     handed every bar.
     * @return bars read.
     * @throws IOException if the venue cannot be reached or answers with something that is not klines.
     */
    public int read(
        final String symbol, final String interval, final long startMs, final long endMs, final BarSink sink)
        throws IOException
    {
        int published = 0;
        long from = startMs;
        while (from < endMs)
        {
            final URI uri = URI.create(base + path + "?symbol=" + symbol.toUpperCase(Locale.ROOT) +
                "&interval=" + interval + "&startTime=" + from + "&endTime=" + (endMs - 1) + "&limit=" + page);
            final byte[] body = http.get(uri);
            final UnsafeBuffer buffer = new UnsafeBuffer(body);
            final JsonCursor json = new JsonCursor().wrap(buffer, 0, body.length);
            int bars = 0;
            long lastOpen = -1;
            if (!json.beginArray())
            {
                throw new IOException("klines from " + uri + " are not a JSON array: " + RestGet.sample(body));
            }
            while (json.nextElement())
            {
                if (!json.beginArray())
                {
                    break;
                }
                long openMs = 0;
                long closeMs = 0;
                long volumeMantissa = 0;
                int volumeScale = 0;
                long buyMantissa = 0;
                int buyScale = 0;
                long trades = 0;
                int column = 0;
                while (json.nextElement())
                {
                    if (column == 0 && json.readLong())
                    {
                        openMs = json.mantissa();
                    }
                    else if (column == 5 && json.readDecimal())
                    {
                        volumeMantissa = json.mantissa();
                        volumeScale = json.scale();
                    }
                    else if (column == 6 && json.readLong())
                    {
                        closeMs = json.mantissa();
                    }
                    else if (column == 8 && json.readLong())
                    {
                        trades = json.mantissa();
                    }
                    else if (column == 9 && json.readDecimal())
                    {
                        buyMantissa = json.mantissa();
                        buyScale = json.scale();
                    }
                    else if (column != 0 && column != 5 && column != 6 && column != 8 && column != 9)
                    {
                        json.skipValue();
                    }
                    column++;
                }
                if (json.failed() || column < 10)
                {
                    break;
                }
                bars++;
                lastOpen = openMs;
                if (closeMs >= endMs)
                {
                    continue;
                }
                final int scale = Math.max(volumeScale, buyScale);
                final long volume = volumeMantissa * ScaledDecimal.powerOfTen(scale - volumeScale);
                final long buy = buyMantissa * ScaledDecimal.powerOfTen(scale - buyScale);
                sink.bar(openMs, buy, Math.max(0, volume - buy), scale, trades);
                published++;
            }
            if (json.failed())
            {
                throw new IOException("klines from " + uri + " are malformed: " + RestGet.sample(body));
            }
            if (bars < page || lastOpen < 0)
            {
                break;
            }
            from = lastOpen + 1;
        }
        return published;
    }
}
