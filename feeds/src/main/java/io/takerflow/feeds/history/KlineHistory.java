package io.takerflow.feeds.history;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.TrustManagerFactory;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.ScaledDecimal;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.json.JsonCursor;
import io.takerflow.feeds.net.AdditionalTrust;
import io.takerflow.feeds.net.Loopback;

/**
 * Warms the Z-score history from Binance USD-M klines ({@code GET /fapi/v1/klines}): each closed bar becomes one
 * HISTORY_SAMPLE with its taker buy base volume (column 9) and taker sell volume (volume, column 5, minus taker
 * buy), both exact. Pages through {@code limit=1500} bars at a time. Not a hot path.
 */
public final class KlineHistory
{
    private static final int PAGE = 1500;

    private final URI base;
    private final HttpClient client;

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
        final String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (base.getHost() == null || !(scheme.equals("https") || scheme.equals("http")))
        {
            throw new IllegalArgumentException("history.url: '" + base +
                "' must be https:// (http:// only on loopback)");
        }
        Loopback.checkPlaintext("history.url", base);
        this.base = base;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .sslContext(AdditionalTrust.sslContext(AdditionalTrust.withJdkDefaults(trust))).build();
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
        int published = 0;
        long from = startMs;
        while (from < endMs)
        {
            final URI uri = URI.create(base + "/fapi/v1/klines?symbol=" + symbol.toUpperCase(Locale.ROOT) +
                "&interval=" + interval + "&startTime=" + from + "&endTime=" + (endMs - 1) + "&limit=" + PAGE);
            final byte[] body = get(uri);
            final UnsafeBuffer buffer = new UnsafeBuffer(body);
            final JsonCursor json = new JsonCursor().wrap(buffer, 0, body.length);
            int bars = 0;
            long lastOpen = -1;
            if (!json.beginArray())
            {
                throw new IOException("klines from " + uri + " are not a JSON array: " + sample(body));
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
                    else if (column == 9 && json.readDecimal())
                    {
                        buyMantissa = json.mantissa();
                        buyScale = json.scale();
                    }
                    else if (column != 0 && column != 5 && column != 6 && column != 9)
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
                publisher.publishHistorySample(Venue.BINANCE_USDM, instrumentId, openMs * 1_000_000L, clock.nanoTime(),
                    buy, scale, Math.max(0, volume - buy), scale);
                published++;
            }
            if (json.failed())
            {
                throw new IOException("klines from " + uri + " are malformed: " + sample(body));
            }
            if (bars < PAGE || lastOpen < 0)
            {
                break;
            }
            from = lastOpen + 1;
        }
        return published;
    }

    private byte[] get(final URI uri) throws IOException
    {
        try
        {
            final HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200)
            {
                throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " +
                    sample(response.body()));
            }
            return response.body();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, ex);
        }
    }

    private static String sample(final byte[] body)
    {
        return new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
    }
}
