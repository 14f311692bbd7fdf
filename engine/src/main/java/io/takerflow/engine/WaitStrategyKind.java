package io.takerflow.engine;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How ring consumers wait for events, and how producers wait on a full ring. Busy-spin needs a core per
 * spinning thread; on a 2-core machine use {@link #YIELDING} (the default) or {@link #BLOCKING}.
 */
public enum WaitStrategyKind
{
    /** Lock and condition: least CPU, most latency. For laptops and shared machines. */
    BLOCKING,
    /** Spin briefly, then {@code Thread.yield()}: low latency without owning a core. */
    YIELDING,
    /** Spin on the sequence: lowest latency, burns a core per consumer. For isolated, co-located cores. */
    BUSY_SPIN;

    /**
     * @return the Disruptor wait strategy for consumers.
     */
    public WaitStrategy consumerWaitStrategy()
    {
        switch (this)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            default:
                return new YieldingWaitStrategy();
        }
    }

    /**
     * @return a fresh idle strategy for one producer waiting on a full ring.
     */
    public IdleStrategy producerIdleStrategy()
    {
        switch (this)
        {
            case BLOCKING:
                return new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MICROSECONDS.toNanos(100));
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            default:
                return new YieldingIdleStrategy();
        }
    }

    /**
     * @param name a strategy name, any case, {@code -} or {@code _}.
     * @return the strategy.
     * @throws IllegalArgumentException naming the choices.
     */
    public static WaitStrategyKind parse(final String name)
    {
        final String normalized = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (final WaitStrategyKind kind : values())
        {
            if (kind.name().equals(normalized))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException("waitStrategy must be one of blocking, yielding, busy-spin; was '" + name +
            "'");
    }
}
