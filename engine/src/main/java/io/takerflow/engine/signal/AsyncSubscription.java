package io.takerflow.engine.signal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.BitUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import io.takerflow.engine.latency.StageRecorder;

/**
 * Delivers signals to a slow strategy on its own thread through a bounded, preallocated queue, so the signal
 * thread never waits for it. When the subscriber falls behind, the {@link OverflowPolicy} decides what is lost
 * and every loss is counted ({@link #drops()} and the engine's {@code subscribers.drops} counter).
 * <p>
 * The queue is single-producer (the signal thread) single-consumer (the subscription thread); dropping the
 * oldest entry is a compare-and-set on the consumer's position, so the two never block each other.
 */
public final class AsyncSubscription implements SignalListener, AutoCloseable
{
    private static final int SIGNAL = 0;
    private static final int REGIME_CHANGE = 1;

    private final SignalListener subscriber;
    private final OverflowPolicy policy;
    private final AtomicCounter engineDrops;
    private final AtomicCounter errors;
    private final Entry[] entries;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final ConflatedSlot[] latest;
    private final Thread thread;
    private final StageRecorder latency;
    private final EpochNanoClock clock;
    private volatile boolean running = true;

    /**
     * @param subscriber  the slow strategy, called on the subscription's thread.
     * @param policy      what to lose when it falls behind.
     * @param capacity    queue entries, rounded up to a power of two.
     * @param marketCount markets the engine computes (for conflation).
     * @param engineDrops the engine counter that also counts every drop.
     * @param errors      the engine counter for exceptions thrown by the subscriber.
     * @param name        the thread's name.
     */
    public AsyncSubscription(
        final SignalListener subscriber,
        final OverflowPolicy policy,
        final int capacity,
        final int marketCount,
        final AtomicCounter engineDrops,
        final AtomicCounter errors,
        final String name)
    {
        this(subscriber, policy, capacity, marketCount, engineDrops, errors, name, null, null);
    }

    /**
     * As {@link #AsyncSubscription(SignalListener, OverflowPolicy, int, int, AtomicCounter, AtomicCounter, String)},
     * also recording how long each signal took from the signal thread to the subscriber.
     *
     * @param subscriber  the slow strategy, called on the subscription's thread.
     * @param policy      what to lose when it falls behind.
     * @param capacity    queue entries, rounded up to a power of two.
     * @param marketCount markets the engine computes (for conflation).
     * @param engineDrops the engine counter that also counts every drop.
     * @param errors      the engine counter for exceptions thrown by the subscriber.
     * @param name        the thread's name.
     * @param latency     where the subscription's thread records signal-to-subscriber latency, or null for none.
     * @param clock       the clock both threads read, or null when {@code latency} is null.
     */
    public AsyncSubscription(
        final SignalListener subscriber,
        final OverflowPolicy policy,
        final int capacity,
        final int marketCount,
        final AtomicCounter engineDrops,
        final AtomicCounter errors,
        final String name,
        final StageRecorder latency,
        final EpochNanoClock clock)
    {
        if (capacity < 1 || capacity > (1 << 24))
        {
            throw new IllegalArgumentException("subscription capacity must be 1 to 16,777,216, was " + capacity);
        }
        this.subscriber = subscriber;
        this.policy = policy;
        this.engineDrops = engineDrops;
        this.errors = errors;
        this.latency = latency;
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
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void onSignal(final SignalView signal)
    {
        if (policy == OverflowPolicy.CONFLATE)
        {
            latest[signal.marketIndex()].write(signal, now());
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
     * Stops the subscription thread after it delivers what is already queued.
     */
    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
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

    private void recordLatency(final long handedNs)
    {
        if (latency != null)
        {
            latency.record(clock.nanoTime() - handedNs);
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

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1),
            TimeUnit.MILLISECONDS.toNanos(1));
        final Entry local = new Entry();
        final SignalSnapshot conflated = new SignalSnapshot();
        while (true)
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
                        safely(conflated);
                        recordLatency(slot.readHandedNs);
                        work++;
                    }
                }
                if (work == 0 && !running)
                {
                    return;
                }
            }
            idle.idle(work);
        }
    }

    private void deliver(final Entry entry)
    {
        if (entry.kind == REGIME_CHANGE)
        {
            try
            {
                subscriber.onRegimeChange(entry.change, entry.signal);
            }
            catch (final RuntimeException ex)
            {
                errors.increment();
            }
        }
        else
        {
            safely(entry.signal);
        }
        recordLatency(entry.handedNs);
    }

    private void safely(final SignalSnapshot signal)
    {
        try
        {
            subscriber.onSignal(signal);
        }
        catch (final RuntimeException ex)
        {
            errors.increment();
        }
    }

    private static final class Entry
    {
        private int kind;
        private long handedNs;
        private final SignalSnapshot signal = new SignalSnapshot();
        private final RegimeChange change = new RegimeChange();

        void copyFrom(final Entry other)
        {
            kind = other.kind;
            handedNs = other.handedNs;
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
        private long readHandedNs;

        void write(final SignalView signal, final long handedNs)
        {
            final long v = version.get();
            version.setOpaque(v + 1);
            VarHandle.storeStoreFence();
            value.copyFrom(signal);
            this.handedNs = handedNs;
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
                VarHandle.loadLoadFence();
                if (version.get() == before)
                {
                    final long overwritten = (before - consumed) / 2 - 1;
                    consumed = before;
                    readHandedNs = handed;
                    return overwritten;
                }
            }
        }
    }
}
