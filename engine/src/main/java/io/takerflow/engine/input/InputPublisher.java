package io.takerflow.engine.input;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

/**
 * How a producer thread puts events on the ring: claim a slot, fill it, publish. When the ring is full
 * the producer waits (back-pressure reaches the socket) and the wait is counted; nothing is dropped. Each slot is
 * stamped with its publish time for the latency telemetry.
 * <p>
 * One instance per producer thread: it holds that thread's idle strategy. Nothing here allocates.
 * <p>
 * The wait is bounded by the publisher's running state: once {@link #stop()} is called (by the producer's owner
 * when it shuts down, or by the engine when it closes) a waiting producer gives up and events are discarded, so a
 * stopped or stuck consumer can never hang a shutdown.
 */
public final class InputPublisher
{
    private final RingBuffer<InputEvent> ring;
    private final AtomicCounter ringWaits;
    private final IdleStrategy idleStrategy;
    private final EpochNanoClock clock;
    private volatile boolean stopped;

    /**
     * Made by the engine ({@code TakerflowEngine.newPublisher()}): one per publishing thread.
     *
     * @param ring         the engine's input ring.
     * @param ringWaits    counts publishes that found the ring full and waited.
     * @param idleStrategy how a publisher waits on a full ring.
     * @param clock        stamps receive times.
     */
    public InputPublisher(
        final RingBuffer<InputEvent> ring,
        final AtomicCounter ringWaits,
        final IdleStrategy idleStrategy,
        final EpochNanoClock clock)
    {
        this.ring = ring;
        this.ringWaits = ringWaits;
        this.idleStrategy = idleStrategy;
        this.clock = clock;
    }

    /**
     * Publishes a copy of an event filled elsewhere, e.g. by a decoder working on its own scratch slot
     * so that no ring slot is held claimed while a frame is parsed.
     *
     * @param source the event to copy.
     */
    public void publish(final InputEvent source)
    {
        final long sequence = claim();
        if (sequence < 0)
        {
            return;
        }
        try
        {
            ring.get(sequence).copyFrom(source);
        }
        finally
        {
            publish(sequence);
        }
    }

    /**
     * Claims a slot, lets the translator fill it (the Disruptor's {@code RingBuffer.publishEvent} pattern) and
     * publishes it, also if the translator throws. A non-capturing translator allocates nothing:
     * <pre>{@code
     * publisher.publishEvent(TRADE_FROM_ORDER, order);   // static final EventTranslatorOneArg<InputEvent, Order>
     * }</pre>
     *
     * @param translator fills the slot with {@link InputEvent#trade()} and the named setters, or similar.
     * @param arg        what the translator reads.
     * @param <A>        its type.
     */
    public <A> void publishEvent(final EventTranslatorOneArg<InputEvent, A> translator, final A arg)
    {
        final long sequence = claim();
        if (sequence < 0)
        {
            return;
        }
        try
        {
            translator.translateTo(ring.get(sequence), sequence, arg);
        }
        finally
        {
            publish(sequence);
        }
    }

    /**
     * Claims a slot, lets the translator fill it and publishes it, also if the translator throws, e.g.
     * <pre>{@code
     * publisher.publishEvent((slot, sequence) -> slot.trade().venue(Venue.BINANCE_USDM).instrumentId(perp)
     *     .exchangeTimeNs(t).receiveTimeNs(now).priceMantissa(9_512_340).priceScale(2)
     *     .quantityMantissa(15).quantityScale(3).takerSide(TakerSide.SELL).tradeId(1L));
     * }</pre>
     * (a capturing lambda allocates; on a hot path use a translator with an argument, or fill a scratch slot and
     * {@link #publish(InputEvent)} it).
     *
     * @param translator fills the slot.
     */
    public void publishEvent(final EventTranslator<InputEvent> translator)
    {
        final long sequence = claim();
        if (sequence < 0)
        {
            return;
        }
        try
        {
            translator.translateTo(ring.get(sequence), sequence);
        }
        finally
        {
            publish(sequence);
        }
    }

    /**
     * Publishes a clock tick.
     *
     * @param timeNs the tick time.
     */
    public void publishClockTick(final long timeNs)
    {
        final long sequence = claim();
        if (sequence < 0)
        {
            return;
        }
        try
        {
            ring.get(sequence).setClockTick(timeNs);
        }
        finally
        {
            publish(sequence);
        }
    }

    /**
     * Stops this publisher: a producer waiting for a full ring returns at once and every later event is discarded.
     * Safe to call from any thread, more than once.
     */
    public void stop()
    {
        stopped = true;
    }

    /**
     * @return true once {@link #stop()} was called.
     */
    public boolean isStopped()
    {
        return stopped;
    }

    /**
     * Stamps the slot's publish time for latency telemetry (never journaled, never read by the signal handler) and
     * makes it visible to the consumers.
     */
    private void publish(final long sequence)
    {
        ring.get(sequence).stampPublished(clock.nanoTime());
        ring.publish(sequence);
    }

    private long claim()
    {
        if (stopped)
        {
            return -1;
        }
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException full)
        {
            ringWaits.increment();
            idleStrategy.reset();
            while (true)
            {
                if (stopped)
                {
                    return -1;
                }
                idleStrategy.idle();
                try
                {
                    return ring.tryNext();
                }
                catch (final InsufficientCapacityException stillFull)
                {
                    // keep waiting: back-pressure, never drop
                }
            }
        }
    }
}
