package io.takerflow.engine;

import io.takerflow.engine.input.InputPublisher;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.EpochNanoClock;

/**
 * A producer that publishes a CLOCK_TICK at a fixed interval, so windows roll and staleness shows when no
 * trade arrives. It is the only place the engine's time comes from a wall clock, and it goes through the ring,
 * so the journal records it like any other input.
 */
final class ClockTicker implements AutoCloseable
{
    private final Thread thread;
    private volatile boolean running = true;

    ClockTicker(final InputPublisher publisher, final EpochNanoClock clock, final long intervalNs)
    {
        thread = new Thread(() ->
        {
            long next = System.nanoTime() + intervalNs;
            while (running)
            {
                final long wait = next - System.nanoTime();
                if (wait > 0)
                {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                publisher.publishClockTick(clock.nanoTime());
                next += intervalNs;
                if (next < System.nanoTime())
                {
                    next = System.nanoTime() + intervalNs;
                }
            }
        }, "takerflow-ticker");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
