package io.takerflow.engine.signal;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One market's signal set-up: which instruments feed its taker flow, which pair makes its Coinbase
 * premium, and every window, limit and threshold. Build with {@link #builder(String)}; {@code build()}
 * rejects bad settings with a message that names the setting.
 */
public final class MarketConfig
{
    /** Instrument id meaning "not configured", for a market without a premium pair. */
    public static final int NONE = -1;

    private final String name;
    private final int[] flowInstruments;
    private final int premiumInstrument;
    private final int referenceInstrument;
    private final long windowNs;
    private final long bucketNs;
    private final long samplePeriodNs;
    private final int historyCapacity;
    private final int minHistorySamples;
    private final long premiumHalfLifeNs;
    private final long premiumStaleNs;
    private final long gapHoldNs;
    private final int minWindowTrades;
    private final double minWindowVolume;
    private final double recoveryFailZ;
    private final long recoveryMaxAgeNs;
    private final long minRegimeDwellNs;
    private final RegimeThresholds thresholds;

    private MarketConfig(final Builder builder)
    {
        this.name = builder.name;
        this.flowInstruments = builder.flowInstruments.clone();
        this.premiumInstrument = builder.premiumInstrument;
        this.referenceInstrument = builder.referenceInstrument;
        this.windowNs = builder.windowNs;
        this.bucketNs = builder.bucketNs;
        this.samplePeriodNs = builder.samplePeriodNs;
        this.historyCapacity = builder.historyCapacity;
        this.minHistorySamples = builder.minHistorySamples;
        this.premiumHalfLifeNs = builder.premiumHalfLifeNs;
        this.premiumStaleNs = builder.premiumStaleNs;
        this.gapHoldNs = builder.gapHoldNs < 0 ? builder.windowNs : builder.gapHoldNs;
        this.minWindowTrades = builder.minWindowTrades;
        this.minWindowVolume = builder.minWindowVolume;
        this.recoveryFailZ = builder.recoveryFailZ;
        this.recoveryMaxAgeNs = builder.recoveryMaxAgeNs;
        this.minRegimeDwellNs = builder.minRegimeDwellNs;
        this.thresholds = builder.thresholds;
    }

    /**
     * @param name the market's name, e.g. {@code BTC}.
     * @return a builder with the documented defaults: 1 h window in 1 min buckets, 1 h samples, 90 days
     * (2,160 samples) of history, 7 days minimum, 60 s premium half-life, 10 s stale limit, at least 100 trades in
     * a window, recovery failing at z -1.0 or after 6 h, every regime held at least 5 min.
     */
    public static Builder builder(final String name)
    {
        return new Builder(name);
    }

    /**
     * @return the market's name, as signals and the journal carry it.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return ids of the instruments whose trades make this market's taker flow.
     */
    public int[] flowInstruments()
    {
        return flowInstruments.clone();
    }

    /**
     * @return id of the premium leg (Coinbase), or {@link #NONE}.
     */
    public int premiumInstrument()
    {
        return premiumInstrument;
    }

    /**
     * @return id of the reference leg (Binance spot) the premium is measured against, or {@link #NONE}.
     */
    public int referenceInstrument()
    {
        return referenceInstrument;
    }

    /**
     * @return the length of the taker-flow window.
     */
    public long windowNs()
    {
        return windowNs;
    }

    /**
     * @return the length of one window bucket; the window is a whole number of them.
     */
    public long bucketNs()
    {
        return bucketNs;
    }

    /**
     * @return how often the flow imbalance is sampled into the Z-score history.
     */
    public long samplePeriodNs()
    {
        return samplePeriodNs;
    }

    /**
     * @return how many samples the Z-score history keeps.
     */
    public int historyCapacity()
    {
        return historyCapacity;
    }

    /**
     * @return how many samples the history needs before a Z-score is published.
     */
    public int minHistorySamples()
    {
        return minHistorySamples;
    }

    /**
     * @return the half-life of the time-weighted EWMA of the premium.
     */
    public long premiumHalfLifeNs()
    {
        return premiumHalfLifeNs;
    }

    /**
     * @return how long a premium leg may go without a trade before the premium is stale.
     */
    public long premiumStaleNs()
    {
        return premiumStaleNs;
    }

    /**
     * @return how long a trade-id gap on a flow instrument keeps the market DEGRADED (default: the flow window,
     * because the window is missing trades until the gap has rolled out of it). A gap on a premium leg does not
     * degrade: the premium is a last price, and the next trade replaces it.
     */
    public long gapHoldNs()
    {
        return gapHoldNs;
    }

    /**
     * @return the fewest trades a flow window (and a sampled period) must hold; below it the window is
     * {@link SignalFlags#THIN}: no Z-score, no state change, and such a period is not sampled.
     */
    public int minWindowTrades()
    {
        return minWindowTrades;
    }

    /**
     * @return the least taker volume (base units, buy plus sell) a flow window (and a sampled period) must hold;
     * below it the window is {@link SignalFlags#THIN}.
     */
    public double minWindowVolume()
    {
        return minWindowVolume;
    }

    /**
     * @return a RECOVERING regime fails (back to NEUTRAL) when the Z-score falls below this.
     */
    public double recoveryFailZ()
    {
        return recoveryFailZ;
    }

    /**
     * @return a RECOVERING regime ends (back to NEUTRAL) when spot buyers have not returned within this.
     */
    public long recoveryMaxAgeNs()
    {
        return recoveryMaxAgeNs;
    }

    /**
     * @return every regime is held at least this long before another change is taken.
     */
    public long minRegimeDwellNs()
    {
        return minRegimeDwellNs;
    }

    /**
     * @return the Z-score and premium levels at which flow and spot states enter and exit.
     */
    public RegimeThresholds thresholds()
    {
        return thresholds;
    }

    @Override
    public String toString()
    {
        return "MarketConfig{" + name + " flow=" + Arrays.toString(flowInstruments) +
            " premium=" + premiumInstrument + "/" + referenceInstrument +
            " window=" + windowNs + "ns bucket=" + bucketNs + "ns samplePeriod=" + samplePeriodNs +
            "ns history=" + historyCapacity + " min=" + minHistorySamples + " minWindowTrades=" + minWindowTrades +
            " minWindowVolume=" + minWindowVolume + " recoveryFailZ=" + recoveryFailZ + " recoveryMaxAge=" +
            recoveryMaxAgeNs + "ns minRegimeDwell=" + minRegimeDwellNs + "ns}";
    }

    /**
     * Collects a market's settings; every duration in nanoseconds unless a {@link TimeUnit} is given.
     */
    public static final class Builder
    {
        private final String name;
        private int[] flowInstruments = new int[0];
        private int premiumInstrument = NONE;
        private int referenceInstrument = NONE;
        private long windowNs = TimeUnit.HOURS.toNanos(1);
        private long bucketNs = TimeUnit.MINUTES.toNanos(1);
        private long samplePeriodNs = TimeUnit.HOURS.toNanos(1);
        private int historyCapacity = 90 * 24;
        private int minHistorySamples = 7 * 24;
        private long premiumHalfLifeNs = TimeUnit.SECONDS.toNanos(60);
        private long premiumStaleNs = TimeUnit.SECONDS.toNanos(10);
        private long gapHoldNs = -1;
        private int minWindowTrades = 100;
        private double minWindowVolume = 0;
        private double recoveryFailZ = -1.0;
        private long recoveryMaxAgeNs = TimeUnit.HOURS.toNanos(6);
        private long minRegimeDwellNs = TimeUnit.MINUTES.toNanos(5);
        private RegimeThresholds thresholds = RegimeThresholds.DEFAULT;

        private Builder(final String name)
        {
            this.name = name;
        }

        /**
         * @param instrumentIds instruments whose trades make the taker flow (aggregated in base units).
         * @return this.
         */
        public Builder flowInstruments(final int... instrumentIds)
        {
            this.flowInstruments = instrumentIds.clone();
            return this;
        }

        /**
         * @param premiumInstrumentId   the Coinbase leg.
         * @param referenceInstrumentId the Binance leg it is measured against.
         * @return this.
         */
        public Builder premiumPair(final int premiumInstrumentId, final int referenceInstrumentId)
        {
            this.premiumInstrument = premiumInstrumentId;
            this.referenceInstrument = referenceInstrumentId;
            return this;
        }

        /**
         * @param duration the taker-flow window (default one hour).
         * @param unit its unit.
         * @return this.
         */
        public Builder window(final long duration, final TimeUnit unit)
        {
            this.windowNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param duration one window bucket (default one minute); the window must be a whole number of them.
         * @param unit its unit.
         * @return this.
         */
        public Builder bucket(final long duration, final TimeUnit unit)
        {
            this.bucketNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param duration how often the flow imbalance is sampled into the Z-score history (default one hour).
         * @param unit its unit.
         * @return this.
         */
        public Builder samplePeriod(final long duration, final TimeUnit unit)
        {
            this.samplePeriodNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param samples how many closed periods the Z-score history keeps (default 2,160 = 90 days of hours).
         * @return this.
         */
        public Builder historyCapacity(final int samples)
        {
            this.historyCapacity = samples;
            return this;
        }

        /**
         * @param samples how many samples the history needs before z is published (default 168 = 7 days).
         * @return this.
         */
        public Builder minHistorySamples(final int samples)
        {
            this.minHistorySamples = samples;
            return this;
        }

        /**
         * @param duration the half-life of the premium's EWMA (default 60 s).
         * @param unit its unit.
         * @return this.
         */
        public Builder premiumHalfLife(final long duration, final TimeUnit unit)
        {
            this.premiumHalfLifeNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param duration how long a premium leg may go without a trade before the premium is stale (default 10 s).
         * @param unit its unit.
         * @return this.
         */
        public Builder premiumStaleAfter(final long duration, final TimeUnit unit)
        {
            this.premiumStaleNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param duration how long a trade-id gap on a flow instrument keeps the market DEGRADED (default: the window).
         * @param unit its unit.
         * @return this.
         */
        public Builder gapHold(final long duration, final TimeUnit unit)
        {
            this.gapHoldNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param trades the fewest trades a window must hold to publish a Z-score (default 100); a period with
         *               fewer is not sampled into the history.
         * @return this.
         */
        public Builder minWindowTrades(final int trades)
        {
            this.minWindowTrades = trades;
            return this;
        }

        /**
         * @param volume the least taker volume, base units, a window must hold to publish a Z-score (default 0:
         *               only the trade count decides); a period with less is not sampled.
         * @return this.
         */
        public Builder minWindowVolume(final double volume)
        {
            this.minWindowVolume = volume;
            return this;
        }

        /**
         * @param z a RECOVERING regime fails when the Z-score falls below this (default -1.0); must be below
         *          {@code sellersExitZ}.
         * @return this.
         */
        public Builder recoveryFailZ(final double z)
        {
            this.recoveryFailZ = z;
            return this;
        }

        /**
         * @param duration a RECOVERING regime ends when spot buyers have not returned within this (default 6 h).
         * @param unit its unit.
         * @return this.
         */
        public Builder recoveryMaxAge(final long duration, final TimeUnit unit)
        {
            this.recoveryMaxAgeNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param duration every regime is held at least this long before another change is taken (default 5 min).
         * @param unit its unit.
         * @return this.
         */
        public Builder minRegimeDwell(final long duration, final TimeUnit unit)
        {
            this.minRegimeDwellNs = unit.toNanos(duration);
            return this;
        }

        /**
         * @param thresholds the Z-score and premium levels at which flow and spot states enter and exit.
         * @return this.
         */
        public Builder thresholds(final RegimeThresholds thresholds)
        {
            this.thresholds = thresholds;
            return this;
        }

        /**
         * @return the validated configuration.
         * @throws IllegalArgumentException naming the first bad setting.
         */
        public MarketConfig build()
        {
            final String where = "market '" + name + "': ";
            if (name == null || name.isBlank())
            {
                throw new IllegalArgumentException("market name must not be blank");
            }
            if (flowInstruments.length == 0)
            {
                throw new IllegalArgumentException(where + "flow needs at least one instrument");
            }
            for (final int id : flowInstruments)
            {
                if (id < 0)
                {
                    throw new IllegalArgumentException(where + "flow instrument id must be >= 0, was " + id);
                }
            }
            if ((premiumInstrument == NONE) != (referenceInstrument == NONE) ||
                (premiumInstrument != NONE && (premiumInstrument < 0 || referenceInstrument < 0)))
            {
                throw new IllegalArgumentException(where + "premium needs both a premium and a reference instrument");
            }
            if (premiumInstrument != NONE && premiumInstrument == referenceInstrument)
            {
                throw new IllegalArgumentException(where + "premium and reference must be different instruments");
            }
            requirePositive(where, "bucket", bucketNs);
            requirePositive(where, "window", windowNs);
            requirePositive(where, "samplePeriod", samplePeriodNs);
            requirePositive(where, "premiumHalfLife", premiumHalfLifeNs);
            requirePositive(where, "premiumStaleAfter", premiumStaleNs);
            if (windowNs % bucketNs != 0)
            {
                throw new IllegalArgumentException(where + "window (" + windowNs +
                    " ns) must be a whole number of buckets (" + bucketNs + " ns)");
            }
            if (windowNs / bucketNs > 1_000_000)
            {
                throw new IllegalArgumentException(where + "window / bucket must be at most 1,000,000 buckets, was " +
                    windowNs / bucketNs);
            }
            if (historyCapacity < 2 || historyCapacity > 10_000_000)
            {
                throw new IllegalArgumentException(where + "historyCapacity must be 2 to 10,000,000, was " +
                    historyCapacity);
            }
            if (minHistorySamples < 2 || minHistorySamples > historyCapacity)
            {
                throw new IllegalArgumentException(where + "minHistorySamples must be 2 to historyCapacity (" +
                    historyCapacity + "), was " + minHistorySamples);
            }
            if (gapHoldNs < -1)
            {
                throw new IllegalArgumentException(where + "gapHold must be >= 0, was " + gapHoldNs);
            }
            if (thresholds == null)
            {
                throw new IllegalArgumentException(where + "thresholds must be set");
            }
            if (minWindowTrades < 1)
            {
                throw new IllegalArgumentException(where + "minWindowTrades must be >= 1, was " + minWindowTrades);
            }
            if (!(minWindowVolume >= 0) || Double.isInfinite(minWindowVolume))
            {
                throw new IllegalArgumentException(where + "minWindowVolume must be a number >= 0, was " +
                    minWindowVolume);
            }
            if (!Double.isFinite(recoveryFailZ) || !(recoveryFailZ < thresholds.sellersExitZ()))
            {
                throw new IllegalArgumentException(where + "recoveryFailZ (" + recoveryFailZ +
                    ") must be a number below sellersExitZ (" + thresholds.sellersExitZ() +
                    "), or a recovery would fail the moment it starts");
            }
            requirePositive(where, "recoveryMaxAge", recoveryMaxAgeNs);
            if (minRegimeDwellNs < 0)
            {
                throw new IllegalArgumentException(where + "minRegimeDwell must be >= 0, was " + minRegimeDwellNs +
                    " ns");
            }
            if (recoveryMaxAgeNs <= minRegimeDwellNs)
            {
                throw new IllegalArgumentException(where + "recoveryMaxAge (" + recoveryMaxAgeNs +
                    " ns) must be longer than minRegimeDwell (" + minRegimeDwellNs + " ns)");
            }
            return new MarketConfig(this);
        }

        private static void requirePositive(final String where, final String setting, final long value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(where + setting + " must be > 0, was " + value + " ns");
            }
        }
    }
}
