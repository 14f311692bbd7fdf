package io.takerflow.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.handler.ssl.SslContext;
import io.takerflow.engine.input.Venue;

/**
 * Knobs of the loopback exchange simulator.
 *
 * @param port                 TCP port on 127.0.0.1, 0 for any free port.
 * @param seed                 random seed of the order-flow model.
 * @param tradesPerSecond      offered trades per second per subscribed symbol, per venue.
 * @param phaseNs              length of each market phase.
 * @param dropEvery            skip every N-th trade id on the wire (a gap the client must see), 0 for never.
 * @param malformedEvery       after every N-th trade also send a malformed frame, 0 for never.
 * @param pingIntervalNs       WebSocket ping interval on Binance connections, 0 for none.
 * @param connectionLifetimeNs close each connection after this long, Binance after a {@code serverShutdown}
 *                             notice, 0 for never.
 * @param shutdownGraceNs      how long a Binance connection stays open after its {@code serverShutdown} notice.
 * @param heartbeatIntervalNs  Coinbase heartbeat interval.
 * @param oversizedEvery       after every N-th trade also send a 64 KiB frame (a client's frame limit test), 0 for
 *                             never.
 * @param tls                  serve {@code wss} with this server context (loopback TLS tests), null for plain
 *                             {@code ws}.
 * @param muteAfterShutdownNotice after a Binance {@code serverShutdown} notice, send nothing more on that connection
 *                             but keep it open until the grace period ends (the server stops streaming but keeps
 *                             the socket).
 * @param tickNs               how often the sender wakes to put due trades on the wire; trades are scheduled
 *                             at exact times and sent at the first tick at or after them.
 */
public record SimulatorSettings(
    int port,
    long seed,
    Map<Venue, Double> tradesPerSecond,
    long phaseNs,
    int dropEvery,
    int malformedEvery,
    long pingIntervalNs,
    long connectionLifetimeNs,
    long shutdownGraceNs,
    long heartbeatIntervalNs,
    int oversizedEvery,
    SslContext tls,
    boolean muteAfterShutdownNotice,
    long tickNs)
{
    /**
     * @return a builder with the defaults: 20 trades/s per venue, 20 s phases, no faults, Binance pings every
     * 3 minutes as the venue does, Coinbase heartbeats every second.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @param venue a venue.
     * @return its offered trade rate per symbol.
     */
    public double rate(final Venue venue)
    {
        return tradesPerSecond.get(venue);
    }

    /**
     * Builds {@link SimulatorSettings}.
     */
    public static final class Builder
    {
        private int port;
        private long seed = 42;
        private final Map<Venue, Double> rates = new EnumMap<>(Venue.class);
        private long phaseNs = TimeUnit.SECONDS.toNanos(20);
        private int dropEvery;
        private int malformedEvery;
        private long pingIntervalNs = TimeUnit.MINUTES.toNanos(3);
        private long connectionLifetimeNs;
        private long shutdownGraceNs = TimeUnit.SECONDS.toNanos(2);
        private long heartbeatIntervalNs = TimeUnit.SECONDS.toNanos(1);
        private long tickNs = TimeUnit.MILLISECONDS.toNanos(1);
        private int oversizedEvery;
        private SslContext tls;
        private boolean muteAfterShutdownNotice;

        Builder()
        {
            for (final Venue venue : Venue.values())
            {
                rates.put(venue, 20.0);
            }
        }

        /**
         * @param port TCP port on 127.0.0.1, 0 for any free one.
         * @return this.
         */
        public Builder port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * @param seed the order-flow model's random seed.
         * @return this.
         */
        public Builder seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /**
         * @param perSecond offered trades per second per symbol on every venue.
         * @return this.
         */
        public Builder tradesPerSecond(final double perSecond)
        {
            for (final Venue venue : Venue.values())
            {
                rates.put(venue, perSecond);
            }
            return this;
        }

        /**
         * @param venue     a venue.
         * @param perSecond its offered trades per second per symbol (0: no trades).
         * @return this.
         */
        public Builder tradesPerSecond(final Venue venue, final double perSecond)
        {
            rates.put(venue, perSecond);
            return this;
        }

        /**
         * @param duration how long each market phase lasts.
         * @param unit     its unit.
         * @return this.
         */
        public Builder phase(final long duration, final TimeUnit unit)
        {
            this.phaseNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param n skip every n-th trade id on the wire (a gap clients must report), 0 for never.
         * @return this.
         */
        public Builder dropEvery(final int n)
        {
            this.dropEvery = n;
            return this;
        }

        /**
         * @param n after every n-th trade also send a truncated frame, 0 for never.
         * @return this.
         */
        public Builder malformedEvery(final int n)
        {
            this.malformedEvery = n;
            return this;
        }

        /**
         * @param interval WebSocket ping interval on Binance connections, 0 for none.
         * @param unit     its unit.
         * @return this.
         */
        public Builder pingInterval(final long interval, final TimeUnit unit)
        {
            this.pingIntervalNs = unit.toNanos(interval);
            return this;
        }

        /**
         * @param lifetime close each connection after this long (Binance after a {@code serverShutdown}), 0 for never.
         * @param unit     its unit.
         * @return this.
         */
        public Builder connectionLifetime(final long lifetime, final TimeUnit unit)
        {
            this.connectionLifetimeNs = unit.toNanos(lifetime);
            return this;
        }

        /**
         * @param grace how long a Binance connection stays open after its {@code serverShutdown}.
         * @param unit  its unit.
         * @return this.
         */
        public Builder shutdownGrace(final long grace, final TimeUnit unit)
        {
            this.shutdownGraceNs = unit.toNanos(grace);
            return this;
        }

        /**
         * @param interval Coinbase heartbeat interval.
         * @param unit     its unit.
         * @return this.
         */
        public Builder heartbeatInterval(final long interval, final TimeUnit unit)
        {
            this.heartbeatIntervalNs = unit.toNanos(interval);
            return this;
        }

        /**
         * @param mute true to stop streaming on a connection once its {@code serverShutdown} notice is sent, while
         *             keeping the socket open for the grace period.
         * @return this.
         */
        public Builder muteAfterShutdownNotice(final boolean mute)
        {
            this.muteAfterShutdownNotice = mute;
            return this;
        }

        /**
         * @param n after every n-th trade also send a 64 KiB frame, 0 for never.
         * @return this.
         */
        public Builder oversizedEvery(final int n)
        {
            this.oversizedEvery = n;
            return this;
        }

        /**
         * @param serverContext serve {@code wss} with this context, null for plain {@code ws}.
         * @return this.
         */
        public Builder tls(final SslContext serverContext)
        {
            this.tls = serverContext;
            return this;
        }

        /**
         * @param interval how often the sender puts due trades on the wire.
         * @param unit     its unit.
         * @return this.
         */
        public Builder tick(final long interval, final TimeUnit unit)
        {
            this.tickNs = unit.toNanos(interval);
            return this;
        }

        /**
         * @return the settings.
         * @throws IllegalArgumentException naming the first knob out of range.
         */
        public SimulatorSettings build()
        {
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("simulator port must be 0..65535, was " + port);
            }
            for (final Map.Entry<Venue, Double> rate : rates.entrySet())
            {
                if (!(rate.getValue() >= 0) || rate.getValue() > 5_000_000)
                {
                    throw new IllegalArgumentException("simulator rate for " + rate.getKey().id() +
                        " must be 0..5,000,000 trades/s, was " + rate.getValue());
                }
            }
            if (phaseNs <= 0 || dropEvery < 0 || malformedEvery < 0 || pingIntervalNs < 0 || connectionLifetimeNs < 0 ||
                shutdownGraceNs < 0 || heartbeatIntervalNs <= 0 || tickNs <= 0 || oversizedEvery < 0)
            {
                throw new IllegalArgumentException("simulator durations and counts must be >= 0 (phase, heartbeat, " +
                    "tick > 0)");
            }
            return new SimulatorSettings(port, seed, Map.copyOf(rates), phaseNs, dropEvery, malformedEvery,
                pingIntervalNs, connectionLifetimeNs, shutdownGraceNs, heartbeatIntervalNs, oversizedEvery, tls,
                muteAfterShutdownNotice, tickNs);
        }
    }
}
