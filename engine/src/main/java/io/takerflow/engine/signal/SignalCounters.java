package io.takerflow.engine.signal;

import java.nio.charset.StandardCharsets;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The counters the signal handler writes: what it consumed, the regime changes it emitted and the listener errors it
 * caught. The engine hands in the ones it allocated in its counters file ({@code EngineCounters.signal()}), so
 * {@code takerflow stat} reads them; a replay or a test takes {@link #inMemory()}. The signal handler depends on
 * this, not on the engine that assembles it.
 */
public final class SignalCounters
{
    /** Every event the signal handler consumed. */
    public final AtomicCounter events;
    /** TRADE events consumed. */
    public final AtomicCounter trades;
    /** FEED_STATUS events consumed. */
    public final AtomicCounter feedStatusEvents;
    /** CLOCK_TICK events consumed. */
    public final AtomicCounter clockTicks;
    /** HISTORY_SAMPLE events consumed. */
    public final AtomicCounter historySamples;
    /** Regime changes emitted, all markets. */
    public final AtomicCounter regimeChanges;
    /** Exceptions thrown by listeners, caught so the ring carries on. */
    public final AtomicCounter handlerErrors;

    /**
     * @param events           every event consumed.
     * @param trades           TRADE events consumed.
     * @param feedStatusEvents FEED_STATUS events consumed.
     * @param clockTicks       CLOCK_TICK events consumed.
     * @param historySamples   HISTORY_SAMPLE events consumed.
     * @param regimeChanges    regime changes emitted.
     * @param handlerErrors    listener exceptions caught.
     */
    public SignalCounters(
        final AtomicCounter events,
        final AtomicCounter trades,
        final AtomicCounter feedStatusEvents,
        final AtomicCounter clockTicks,
        final AtomicCounter historySamples,
        final AtomicCounter regimeChanges,
        final AtomicCounter handlerErrors)
    {
        this.events = events;
        this.trades = trades;
        this.feedStatusEvents = feedStatusEvents;
        this.clockTicks = clockTicks;
        this.historySamples = historySamples;
        this.regimeChanges = regimeChanges;
        this.handlerErrors = handlerErrors;
    }

    /**
     * @return counters in this process's memory only, for a replay or a test.
     */
    public static SignalCounters inMemory()
    {
        final int counters = 8;
        final CountersManager manager = new CountersManager(
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(counters * CountersReader.METADATA_LENGTH, 64)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(counters * CountersReader.COUNTER_LENGTH, 64)),
            StandardCharsets.US_ASCII);
        return new SignalCounters(manager.newCounter("events"), manager.newCounter("events.trade"),
            manager.newCounter("events.feed_status"), manager.newCounter("events.clock_tick"),
            manager.newCounter("events.history_sample"), manager.newCounter("signals.regime_changes"),
            manager.newCounter("handler.errors"));
    }
}
