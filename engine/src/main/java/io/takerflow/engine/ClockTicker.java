package io.takerflow.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;

import io.takerflow.engine.input.InputPublisher;

/**
 * A producer that publishes a CLOCK_TICK at a fixed interval, so windows roll and staleness shows when no
 * trade arrives. It is the only place the engine's time comes from a wall clock, and it goes through the ring,
 * so the journal records it like any other input.
 * <p>
 * An Agrona {@link Agent}: the engine runs it under an {@code AgentRunner} with its error handler, and
 * {@link #idleStrategy()} sleeps until the next tick is due (in slices of at most {@link #MAX_SLEEP_NS}, so closing
 * the runner never waits for a long interval).
 */
final class ClockTicker implements Agent
{
    /** Longest single sleep between two checks of whether a tick is due (and whether the runner is closing). */
    static final long MAX_SLEEP_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final InputPublisher publisher;
    private final EpochNanoClock clock;
    private final long intervalNs;
    private long nextTickNs;

    ClockTicker(final InputPublisher publisher, final EpochNanoClock clock, final long intervalNs)
    {
        this.publisher = publisher;
        this.clock = clock;
        this.intervalNs = intervalNs;
    }

    @Override
    public void onStart()
    {
        nextTickNs = System.nanoTime() + intervalNs;
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        if (now - nextTickNs < 0)
        {
            return 0;
        }
        publisher.publishClockTick(clock.nanoTime());
        nextTickNs += intervalNs;
        if (nextTickNs - now < 0)
        {
            nextTickNs = now + intervalNs;
        }
        return 1;
    }

    @Override
    public String roleName()
    {
        return "takerflow-ticker";
    }

    /**
     * @return sleeps until the next tick is due, at most {@link #MAX_SLEEP_NS} at a time.
     */
    IdleStrategy idleStrategy()
    {
        return new UntilNextTick();
    }

    private final class UntilNextTick implements IdleStrategy
    {
        @Override
        public void idle(final int workCount)
        {
            if (workCount <= 0)
            {
                idle();
            }
        }

        @Override
        public void idle()
        {
            final long wait = nextTickNs - System.nanoTime();
            if (wait > 0)
            {
                LockSupport.parkNanos(Math.min(wait, MAX_SLEEP_NS));
            }
        }

        @Override
        public void reset()
        {
        }
    }
}
