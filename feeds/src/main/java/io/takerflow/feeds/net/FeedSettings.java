package io.takerflow.feeds.net;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;

import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.venues.VenueEndpoints;
import io.takerflow.feeds.venues.VenueProtocols;

/**
 * One venue connection's settings. Built with {@link #builder(Venue, List)}; {@code build()} rejects bad values
 * with a message naming the setting.
 *
 * @param venue            the venue.
 * @param endpoint         where to connect (the venue's default unless overridden).
 * @param symbols          wire symbols to subscribe.
 * @param staleAfterNs     silence after which the feed is STALE and reconnected.
 * @param maxFrameBytes    largest (aggregated) frame accepted.
 * @param rotateAfterNs    connection lifetime before a make-before-break rotation, 0 for none.
 * @param rotationOverlapNs longest time both connections stay open during a rotation.
 * @param reconnectMinNs   first reconnect delay.
 * @param reconnectMaxNs   longest reconnect delay.
 * @param pingIntervalNs   client application ping interval, 0 for none.
 * @param trust            trust for {@code wss} certificates: the JDK's default anchors plus any added with
 *                         {@link Builder#trust}, null for the JDK's default alone; hostnames are verified either way.
 * @param rest             the venue's REST base for backfills (its default unless overridden with
 *                         {@code venue.<id>.rest}), null if the venue has no trade history to backfill from, or if
 *                         the stream is on loopback and no REST base was set (a stream on loopback never backfills
 *                         from the internet).
 * @param backfillCapNs    how far back a backfill goes: older missed trades are reported, not fetched; 0 turns
 *                         backfill off.
 */
public record FeedSettings(
    Venue venue,
    URI endpoint,
    List<String> symbols,
    long staleAfterNs,
    int maxFrameBytes,
    long rotateAfterNs,
    long rotationOverlapNs,
    long reconnectMinNs,
    long reconnectMaxNs,
    long pingIntervalNs,
    TrustManagerFactory trust,
    URI rest,
    long backfillCapNs)
{
    /** Default {@link #backfillCapNs()}: one hour, the default flow window. */
    public static final long DEFAULT_BACKFILL_CAP_NS = TimeUnit.HOURS.toNanos(1);

    /**
     * @param venue   the venue.
     * @param symbols wire symbols.
     * @return a builder with the venue's defaults: 30 s stale limit, 1 MiB frames, the venue's rotation and ping
     * rules, reconnect backoff 100 ms doubling to 30 s.
     */
    public static Builder builder(final Venue venue, final List<String> symbols)
    {
        return new Builder(venue, symbols);
    }

    /**
     * @return true if the endpoint uses TLS.
     */
    public boolean tls()
    {
        return endpoint.getScheme().equalsIgnoreCase("wss");
    }

    /**
     * Collects one connection's settings.
     */
    public static final class Builder
    {
        private final Venue venue;
        private final List<String> symbols;
        private URI endpoint;
        private long staleAfterNs = TimeUnit.SECONDS.toNanos(30);
        private int maxFrameBytes = 1 << 20;
        private long rotateAfterNs;
        private long rotationOverlapNs = TimeUnit.SECONDS.toNanos(30);
        private long reconnectMinNs = TimeUnit.MILLISECONDS.toNanos(100);
        private long reconnectMaxNs = TimeUnit.SECONDS.toNanos(30);
        private long pingIntervalNs;
        private TrustManagerFactory trust;
        private URI rest;
        private boolean restConfigured;
        private long backfillCapNs = DEFAULT_BACKFILL_CAP_NS;

        private Builder(final Venue venue, final List<String> symbols)
        {
            final TradeHistory history = VenueProtocols.of(venue).tradeHistory();
            this.rest = history == null ? null : history.defaultBase();
            this.venue = venue;
            this.symbols = List.copyOf(symbols);
            this.endpoint = VenueEndpoints.defaultEndpoint(venue);
            this.rotateAfterNs = VenueEndpoints.rotateAfterNs(venue);
            this.pingIntervalNs = VenueEndpoints.clientPingIntervalNs(venue);
        }

        /**
         * @param endpoint where to connect (default: the venue's public endpoint).
         * @return this.
         */
        public Builder endpoint(final URI endpoint)
        {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * @param duration silence after which the feed is STALE and reconnected (default 30 s).
         * @param unit its unit.
         * @return this.
         */
        public Builder staleAfter(final long duration, final TimeUnit unit)
        {
            this.staleAfterNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param bytes largest (aggregated) frame accepted (default 1 MiB).
         * @return this.
         */
        public Builder maxFrameBytes(final int bytes)
        {
            this.maxFrameBytes = bytes;
            return this;
        }

        /**
         * @param duration connection lifetime before a make-before-break rotation, 0 for none (default: the venue's rule).
         * @param unit its unit.
         * @return this.
         */
        public Builder rotateAfter(final long duration, final TimeUnit unit)
        {
            this.rotateAfterNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param duration longest time both connections stay open during a rotation.
         * @param unit its unit.
         * @return this.
         */
        public Builder rotationOverlap(final long duration, final TimeUnit unit)
        {
            this.rotationOverlapNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param min first reconnect delay (default 100 ms).
         * @param max longest reconnect delay (default 30 s).
         * @param unit their unit.
         * @return this.
         */
        public Builder reconnectBackoff(final long min, final long max, final TimeUnit unit)
        {
            this.reconnectMinNs = unit.toNanos(min);
            this.reconnectMaxNs = unit.toNanos(max);
            return this;
        }

        /**
         * @param trust certificates to trust for {@code wss} (a private CA, a TLS-inspecting proxy) in addition to
         *              the JDK's default trust anchors ({@link AdditionalTrust}).
         * @return this.
         */
        public Builder trust(final TrustManagerFactory trust)
        {
            this.trust = trust;
            return this;
        }

        /**
         * @param rest the venue's REST base URL for backfills ({@code venue.<id>.rest}); plain {@code http://} only
         *             to loopback.
         * @return this.
         */
        public Builder rest(final URI rest)
        {
            this.rest = rest;
            this.restConfigured = true;
            return this;
        }

        /**
         * @param duration how far back a backfill goes (default one hour, the window); 0 turns backfill off.
         * @param unit     its unit.
         * @return this.
         */
        public Builder backfillCap(final long duration, final TimeUnit unit)
        {
            this.backfillCapNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param interval client application ping interval, 0 for none (default: the venue's rule).
         * @param unit its unit.
         * @return this.
         */
        public Builder pingInterval(final long interval, final TimeUnit unit)
        {
            this.pingIntervalNs = unit.toNanos(interval);
            return this;
        }

        /**
         * @return the validated settings.
         * @throws IllegalArgumentException naming the bad setting.
         */
        public FeedSettings build()
        {
            final String where = "venue." + venue.id() + ".";
            if (symbols.isEmpty())
            {
                throw new IllegalArgumentException(where + "symbols: at least one symbol is needed");
            }
            final String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (endpoint.getHost() == null || !(scheme.equals("ws") || scheme.equals("wss")))
            {
                throw new IllegalArgumentException(where + "url: '" + endpoint + "' must be a ws:// or wss:// URL");
            }
            Loopback.checkPlaintext(where + "url", endpoint);
            if (staleAfterNs <= 0)
            {
                throw new IllegalArgumentException("feeds.staleAfter must be > 0");
            }
            if (maxFrameBytes < 1024)
            {
                throw new IllegalArgumentException("feeds.maxFrameBytes must be >= 1024, was " + maxFrameBytes);
            }
            if (rotateAfterNs < 0 || rotationOverlapNs <= 0 || reconnectMinNs <= 0 || reconnectMaxNs < reconnectMinNs ||
                pingIntervalNs < 0)
            {
                throw new IllegalArgumentException(where + "timing settings must be positive (reconnect max >= min)");
            }
            final URI rest = restConfigured || !Loopback.isLoopback(endpoint.getHost()) ? this.rest : null;
            if (rest != null)
            {
                final String restScheme = rest.getScheme() == null ? "" : rest.getScheme().toLowerCase(Locale.ROOT);
                if (rest.getHost() == null || !(restScheme.equals("http") || restScheme.equals("https")))
                {
                    throw new IllegalArgumentException(where + "rest: '" + rest +
                        "' must be an http:// or https:// URL");
                }
                Loopback.checkPlaintext(where + "rest", rest);
            }
            if (backfillCapNs < 0)
            {
                throw new IllegalArgumentException("feeds.backfillCap must be >= 0");
            }
            return new FeedSettings(venue, endpoint, symbols, staleAfterNs, maxFrameBytes, rotateAfterNs,
                rotationOverlapNs, reconnectMinNs, reconnectMaxNs, pingIntervalNs,
                AdditionalTrust.withJdkDefaults(trust), rest, backfillCapNs);
        }
    }
}
