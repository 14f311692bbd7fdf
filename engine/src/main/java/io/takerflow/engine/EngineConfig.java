package io.takerflow.engine;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import com.lmax.disruptor.EventHandler;

import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalListener;

/**
 * Everything a {@link TakerflowEngine} needs: instruments, markets, ring size, wait strategy, clock tick
 * interval, counters file and any handlers that run beside the signal handler (the journal). Validated by
 * {@link Builder#build()} with messages that name the setting.
 */
public final class EngineConfig
{
    private final InstrumentCatalog instruments;
    private final List<MarketConfig> markets;
    private final int ringSize;
    private final WaitStrategyKind waitStrategy;
    private final long tickIntervalNs;
    private final Path countersFile;
    private final Path errorLogFile;
    private final EpochNanoClock clock;
    private final List<EventHandler<InputEvent>> parallelHandlers;
    private final List<SignalListener> listeners;
    private final Path latencyFile;
    private final Path latencyLog;
    private final long latencyIntervalNs;

    private EngineConfig(final Builder builder)
    {
        this.instruments = builder.instruments;
        this.markets = List.copyOf(builder.markets);
        this.ringSize = builder.ringSize;
        this.waitStrategy = builder.waitStrategy;
        this.tickIntervalNs = builder.tickIntervalNs;
        this.countersFile = builder.countersFile;
        this.errorLogFile = builder.errorLogFile;
        this.clock = builder.clock;
        this.parallelHandlers = List.copyOf(builder.parallelHandlers);
        this.listeners = List.copyOf(builder.listeners);
        this.latencyFile = builder.latencyFile;
        this.latencyLog = builder.latencyLog;
        this.latencyIntervalNs = builder.latencyIntervalNs;
    }

    /**
     * @param instruments the catalog the markets refer to.
     * @return a builder with a 65,536-slot ring, yielding wait strategy and 100 ms clock ticks.
     */
    public static Builder builder(final InstrumentCatalog instruments)
    {
        return new Builder(instruments);
    }

    /**
     * @return the instruments the engine knows.
     */
    public InstrumentCatalog instruments()
    {
        return instruments;
    }

    /**
     * @return the markets whose signals are computed.
     */
    public List<MarketConfig> markets()
    {
        return markets;
    }

    /**
     * @return the ring size (slots, a power of two).
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @return how the engine's threads wait for events.
     */
    public WaitStrategyKind waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @return how often the engine's ticker publishes a CLOCK_TICK; 0 when ticks are off.
     */
    public long tickIntervalNs()
    {
        return tickIntervalNs;
    }

    /**
     * @return where counters are mapped for other processes, or null for in-memory counters.
     */
    public Path countersFile()
    {
        return countersFile;
    }

    /**
     * @return where the distinct error log is mapped for other processes, or null for an in-memory log.
     */
    public Path errorLogFile()
    {
        return errorLogFile;
    }

    /**
     * @return the clock producers stamp receive times with (the signal handler never reads it).
     */
    public EpochNanoClock clock()
    {
        return clock;
    }

    /**
     * @return extra ring handlers that run in parallel with the signal handler (journal, fanout).
     */
    public List<EventHandler<InputEvent>> parallelHandlers()
    {
        return parallelHandlers;
    }

    /**
     * @return signal listeners added at start.
     */
    public List<SignalListener> listeners()
    {
        return listeners;
    }

    /**
     * @return where the latency figures are mapped for {@code takerflow stat}, or null for none.
     */
    public Path latencyFile()
    {
        return latencyFile;
    }

    /**
     * @return where the HdrHistogram interval log goes, or null for none.
     */
    public Path latencyLog()
    {
        return latencyLog;
    }

    /**
     * @return how often the latency telemetry closes an interval.
     */
    public long latencyIntervalNs()
    {
        return latencyIntervalNs;
    }

    /**
     * Collects the engine's settings.
     */
    public static final class Builder
    {
        private final InstrumentCatalog instruments;
        private final List<MarketConfig> markets = new ArrayList<>();
        private int ringSize = 1 << 16;
        private WaitStrategyKind waitStrategy = WaitStrategyKind.YIELDING;
        private long tickIntervalNs = TimeUnit.MILLISECONDS.toNanos(100);
        private Path countersFile;
        private Path errorLogFile;
        private EpochNanoClock clock = new OffsetEpochNanoClock();
        private final List<EventHandler<InputEvent>> parallelHandlers = new ArrayList<>();
        private final List<SignalListener> listeners = new ArrayList<>();
        private Path latencyFile;
        private Path latencyLog;
        private long latencyIntervalNs = io.takerflow.engine.latency.LatencyTelemetry.DEFAULT_INTERVAL_NS;

        private Builder(final InstrumentCatalog instruments)
        {
            this.instruments = instruments;
        }

        /**
         * @param market a market whose signals are computed.
         * @return this.
         */
        public Builder market(final MarketConfig market)
        {
            markets.add(market);
            return this;
        }

        /**
         * @param slots ring capacity, a power of two.
         * @return this.
         */
        public Builder ringSize(final int slots)
        {
            this.ringSize = slots;
            return this;
        }

        /**
         * @param kind how the engine's threads wait for events (default: yielding).
         * @return this.
         */
        public Builder waitStrategy(final WaitStrategyKind kind)
        {
            this.waitStrategy = kind;
            return this;
        }

        /**
         * @param interval how often to tick; 0 turns the ticker off (time then advances with trades only).
         * @param unit     its unit.
         * @return this.
         */
        public Builder tickInterval(final long interval, final TimeUnit unit)
        {
            this.tickIntervalNs = unit.toNanos(interval);
            return this;
        }

        /**
         * @param file where to map counters so that {@code takerflow stat} can read them from another process.
         * @return this.
         */
        public Builder countersFile(final Path file)
        {
            this.countersFile = file;
            return this;
        }

        /**
         * @param file where to map the engine's distinct error log ({@link EngineErrors}) so that
         *             {@code takerflow stat} can read it from another process.
         * @return this.
         */
        public Builder errorLogFile(final Path file)
        {
            this.errorLogFile = file;
            return this;
        }

        /**
         * @param clock the clock that stamps receive and publish times (the system clock unless a test drives time).
         * @return this.
         */
        public Builder clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * @param handler a consumer that sees every event in ring order, in parallel with the signal handler
         *                (e.g. the journal writer).
         * @return this.
         */
        public Builder parallelHandler(final EventHandler<InputEvent> handler)
        {
            parallelHandlers.add(handler);
            return this;
        }

        /**
         * @param listener a synchronous listener registered before the first event.
         * @return this.
         */
        public Builder listener(final SignalListener listener)
        {
            listeners.add(listener);
            return this;
        }

        /**
         * @param file where to map the per-venue, per-stage latency percentiles so that {@code takerflow stat} can
         *             read them from another process.
         * @return this.
         */
        public Builder latencyFile(final Path file)
        {
            this.latencyFile = file;
            return this;
        }

        /**
         * @param file where to write an HdrHistogram interval log of every venue's and subscriber's stages.
         * @return this.
         */
        public Builder latencyLog(final Path file)
        {
            this.latencyLog = file;
            return this;
        }

        /**
         * @param interval how often the latency telemetry closes an interval (default 1 s).
         * @param unit     its unit.
         * @return this.
         */
        public Builder latencyInterval(final long interval, final TimeUnit unit)
        {
            this.latencyIntervalNs = unit.toNanos(interval);
            return this;
        }

        /**
         * @return the validated configuration.
         * @throws IllegalArgumentException naming the first bad setting.
         */
        public EngineConfig build()
        {
            if (instruments == null || instruments.size() == 0)
            {
                throw new IllegalArgumentException("instruments: at least one instrument must be configured");
            }
            if (markets.isEmpty())
            {
                throw new IllegalArgumentException("markets: at least one market must be configured");
            }
            final List<String> names = new ArrayList<>();
            for (final MarketConfig market : markets)
            {
                if (names.contains(market.name()))
                {
                    throw new IllegalArgumentException("markets: market '" + market.name() + "' is configured twice");
                }
                names.add(market.name());
            }
            if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
            {
                throw new IllegalArgumentException("ringSize must be a power of two >= 2, was " + ringSize);
            }
            if (waitStrategy == null)
            {
                throw new IllegalArgumentException("waitStrategy must be set");
            }
            if (tickIntervalNs < 0)
            {
                throw new IllegalArgumentException("tickInterval must be >= 0, was " + tickIntervalNs + " ns");
            }
            if (latencyIntervalNs <= 0)
            {
                throw new IllegalArgumentException("latencyInterval must be > 0, was " + latencyIntervalNs + " ns");
            }
            if (clock == null)
            {
                throw new IllegalArgumentException("clock must be set");
            }
            return new EngineConfig(this);
        }
    }
}
