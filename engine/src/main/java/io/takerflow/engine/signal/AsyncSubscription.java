package io.takerflow.engine.signal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.BitUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import io.takerflow.engine.latency.SignalSource;
import io.takerflow.engine.latency.SubscriberLatency;

/**
 * Delivers signals to a slow strategy on its own thread through a bounded, preallocated queue, so the signal
 * thread never waits for it. When the subscriber falls behind, the {@link OverflowPolicy} decides what is lost
 * and every loss is counted ({@link #drops()} and the engine's {@code subscribers.drops} counter).
 * <p>
 * The queue is single-producer (the signal thread) single-consumer (the subscription thread); dropping the
 * oldest entry is a compare-and-set on the consumer's position, so the two never block each other. The
 * subscription thread is an Agrona {@link AgentRunner}; every exception the subscriber throws goes to the error
 * handler it was given (the engine's, counted in {@code handler.errors}).
 */
public final class AsyncSubscription implements SignalListener, AutoCloseable
{
    private static final int SIGNAL = 0;
    private static final int REGIME_CHANGE = 1;
    /** How long {@link #close()} waits for the subscriber to finish what is queued. */
    public static final long CLOSE_TIMEOUT_MS = 5_000;

    private final SignalListener subscriber;
    private final OverflowPolicy policy;
    private final AtomicCounter engineDrops;
    private final ErrorHandler errors;
    private final Entry[] entries;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final ConflatedSlot[] latest;
    private final AgentRunner runner;
    private final SubscriberLatency latency;
    private final SignalSource source;
    private final EpochNanoClock clock;

    /**
     * Starts the subscription's thread: an Agrona {@link AgentRunner} whose agent delivers the queued signals, with
     * the engine's error handler.
     *
     * @param subscriber     the slow strategy, called on the subscription's thread.
     * @param policy         what to lose when it falls behind.
     * @param capacity       queue entries, rounded up to a power of two.
     * @param marketCount    markets the engine computes (for conflation).
     * @param engineDrops    the engine counter that also counts every drop.
     * @param listenerErrors given every exception the subscriber throws (counted there), and whatever stops the
     *                       subscription's thread.
     * @param name           the thread's name.
     * @param latency        where the subscription's thread records signal-to-subscriber latency, in all and per
     *                       venue of the trade that produced the signal, or null for none.
     * @param source         where the signal thread notes the venue of the trade it applies, or null when
     *                       {@code latency} is null.
     * @param clock          the clock both threads read, or null when {@code latency} is null.
     */
    public AsyncSubscription(
        final SignalListener subscriber,
        final OverflowPolicy policy,
        final int capacity,
        final int marketCount,
        final AtomicCounter engineDrops,
        final ErrorHandler listenerErrors,
        final String name,
        final SubscriberLatency latency,
        final SignalSource source,
        final EpochNanoClock clock)
    {
        if (capacity < 1 || capacity > (1 << 24))
        {
            throw new IllegalArgumentException("subscription capacity must be 1 to 16,777,216, was " + capacity);
        }
        this.subscriber = subscriber;
        this.policy = policy;
        this.engineDrops = engineDrops;
        this.errors = listenerErrors;
        this.latency = latency;
        this.source = source;
        this.clock = clock;
        final int size = BitUtil.findNextPositivePowerOfTwo(capacity);
        this.entries = new Entry[size];
        for (int i = 0; i < size; i++)
        {
            entries[i] = new Entry();
        }
        this.mask = size - 1;
        this.latest = new ConflatedSlot[policy == OverflowPolicy.CONFLATE ? marketCount : 0];
        for (int i = 0; i < latest.length; i++)
        {
            latest[i] = new ConflatedSlot();
        }
        this.runner = new AgentRunner(
            new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)),
            listenerErrors, null, new Delivery(name));
        AgentRunner.startOnThread(runner, runnable ->
        {
            final Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onSignal(final SignalView signal)
    {
        if (policy == OverflowPolicy.CONFLATE)
        {
            latest[signal.marketIndex()].write(signal, now(), venueOrdinal());
        }
        else
        {
            offer(SIGNAL, null, signal);
        }
    }

    @Override
    public void onRegimeChange(final RegimeChange change, final SignalView signal)
    {
        offer(REGIME_CHANGE, change, signal);
    }

    /**
     * @return entries lost to the overflow policy so far.
     */
    public long drops()
    {
        return drops.get();
    }

    /**
     * Stops the subscription thread after it delivers what is already queued. A subscriber that is still busy after
     * {@link #CLOSE_TIMEOUT_MS} is reported to the error handler and left to finish on its own (daemon) thread, so
     * closing never hangs on a stuck strategy.
     */
    @Override
    public void close()
    {
        try
        {
            runner.close((int)CLOSE_TIMEOUT_MS, thread ->
            {
                throw new GaveUp(runner.agent().roleName() + ": the subscriber was still busy " + CLOSE_TIMEOUT_MS +
                    " ms after close; its thread is left to finish");
            });
        }
        catch (final GaveUp ex)
        {
            errors.onError(ex);
        }
    }

    private void offer(final int kind, final RegimeChange change, final SignalView signal)
    {
        final long h = head.get();
        while (h - tail.get() >= entries.length)
        {
            final long t = tail.get();
            if (h - t >= entries.length && tail.compareAndSet(t, t + 1))
            {
                countDrop();
            }
        }
        final Entry entry = entries[(int)(h & mask)];
        entry.kind = kind;
        entry.handedNs = now();
        entry.venueOrdinal = venueOrdinal();
        entry.signal.copyFrom(signal);
        if (change != null)
        {
            entry.change.copyFrom(change);
        }
        head.lazySet(h + 1);
    }

    private long now()
    {
        return latency == null ? 0 : clock.nanoTime();
    }

    private int venueOrdinal()
    {
        return source == null ? SignalSource.NO_VENUE : source.venueOrdinal();
    }

    /**
     * Records the hand-over up to now, just before the subscriber is called: its own work is not the engine's latency.
     */
    private void recordLatency(final int venueOrdinal, final long handedNs)
    {
        if (latency != null)
        {
            latency.record(venueOrdinal, clock.nanoTime() - handedNs);
        }
    }

    private void countDrop()
    {
        countDrops(1);
    }

    private void countDrops(final long count)
    {
        drops.addAndGet(count);
        engineDrops.getAndAdd(count);
    }

    /**
     * The subscription's agent: one queued entry, or every conflated market with a new value, per unit of work; on
     * close it delivers what is still queued.
     */
    private final class Delivery implements Agent
    {
        private final String roleName;
        private final Entry local = new Entry();
        private final SignalSnapshot conflated = new SignalSnapshot();

        Delivery(final String roleName)
        {
            this.roleName = roleName;
        }

        @Override
        public int doWork()
        {
            int work = 0;
            final long t = tail.get();
            if (t < head.get())
            {
                local.copyFrom(entries[(int)(t & mask)]);
                if (tail.compareAndSet(t, t + 1))
                {
                    deliver(local);
                }
                work++;
            }
            else
            {
                for (final ConflatedSlot slot : latest)
                {
                    final long overwritten = slot.readIfNew(conflated);
                    if (overwritten >= 0)
                    {
                        if (overwritten > 0)
                        {
                            countDrops(overwritten);
                        }
                        recordLatency(slot.readVenueOrdinal, slot.readHandedNs);
                        safely(conflated);
                        work++;
                    }
                }
            }
            return work;
        }

        @Override
        public void onClose()
        {
            while (doWork() > 0)
            {
                // deliver what was queued before close
            }
        }

        @Override
        public String roleName()
        {
            return roleName;
        }
    }

    private void deliver(final Entry entry)
    {
        recordLatency(entry.venueOrdinal, entry.handedNs);
        if (entry.kind == REGIME_CHANGE)
        {
            try
            {
                subscriber.onRegimeChange(entry.change, entry.signal);
            }
            catch (final RuntimeException ex)
            {
                errors.onError(ex);
            }
        }
        else
        {
            safely(entry.signal);
        }
    }

    private void safely(final SignalSnapshot signal)
    {
        try
        {
            subscriber.onSignal(signal);
        }
        catch (final RuntimeException ex)
        {
            errors.onError(ex);
        }
    }

    /**
     * Ends the wait in {@link #close()}: thrown from the runner's close-timeout action, before it would interrupt.
     */
    private static final class GaveUp extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        GaveUp(final String message)
        {
            super(message, null, false, false);
        }
    }

    private static final class Entry
    {
        private int kind;
        private long handedNs;
        private int venueOrdinal;
        private final SignalSnapshot signal = new SignalSnapshot();
        private final RegimeChange change = new RegimeChange();

        void copyFrom(final Entry other)
        {
            kind = other.kind;
            handedNs = other.handedNs;
            venueOrdinal = other.venueOrdinal;
            signal.copyFrom(other.signal);
            change.copyFrom(other.change);
        }
    }

    /**
     * The latest signal of one market behind a sequence lock: the writer never waits, the reader retries a torn copy.
     */
    private static final class ConflatedSlot
    {
        private final AtomicLong version = new AtomicLong();
        private long consumed;
        private final SignalSnapshot value = new SignalSnapshot();
        private long handedNs;
        private int venueOrdinal;
        private long readHandedNs;
        private int readVenueOrdinal;

        void write(final SignalView signal, final long handedNs, final int venueOrdinal)
        {
            final long v = version.get();
            version.setOpaque(v + 1);
            VarHandle.storeStoreFence();
            value.copyFrom(signal);
            this.handedNs = handedNs;
            this.venueOrdinal = venueOrdinal;
            version.setRelease(v + 2);
        }

        /**
         * @return -1 if nothing new, else how many values were overwritten before this one was read.
         */
        long readIfNew(final SignalSnapshot out)
        {
            while (true)
            {
                final long before = version.getAcquire();
                if (before == consumed)
                {
                    return -1;
                }
                if ((before & 1) != 0)
                {
                    Thread.onSpinWait();
                    continue;
                }
                out.copyFrom(value);
                final long handed = handedNs;
                final int venue = venueOrdinal;
                VarHandle.loadLoadFence();
                if (version.get() == before)
                {
                    final long overwritten = (before - consumed) / 2 - 1;
                    consumed = before;
                    readHandedNs = handed;
                    readVenueOrdinal = venue;
                    return overwritten;
                }
            }
        }
    }
}
