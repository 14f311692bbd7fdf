package io.takerflow.fanout;

import org.agrona.concurrent.status.AtomicCounter;

import io.takerflow.engine.EngineCounters;

/**
 * What the publisher did with each message, in the engine's counters so {@code takerflow stat} shows them:
 * sent, conflated (a newer signal of the same market replaced one a slow subscriber had not taken yet), dropped
 * because no subscriber was connected, back-pressured offers and failures.
 */
public final class FanoutCounters
{
    /** Signal messages the publication accepted. */
    public final AtomicCounter signalsSent;
    /** Signals replaced by a newer signal of the same market while the publication was back-pressured. */
    public final AtomicCounter signalsConflated;
    /** Signals dropped because no subscriber (nor the archive) was connected. */
    public final AtomicCounter signalsNotConnected;
    /** Offers refused because a subscriber is slow (back pressure) or the log was rotating (admin action). */
    public final AtomicCounter backPressured;
    /** Trade and feed-status messages the publication accepted. */
    public final AtomicCounter inputsSent;
    /** Trade and feed-status messages dropped (back pressure or no subscriber): inputs are never conflated. */
    public final AtomicCounter inputsDropped;
    /** Offers that failed for good: publication closed or its maximum position reached. */
    public final AtomicCounter failures;

    /**
     * @param counters the engine's counters to allocate in.
     */
    public FanoutCounters(final EngineCounters counters)
    {
        signalsSent = counters.allocate("fanout.signals.sent");
        signalsConflated = counters.allocate("fanout.signals.conflated");
        signalsNotConnected = counters.allocate("fanout.signals.not_connected");
        backPressured = counters.allocate("fanout.back_pressured");
        inputsSent = counters.allocate("fanout.inputs.sent");
        inputsDropped = counters.allocate("fanout.inputs.dropped");
        failures = counters.allocate("fanout.failures");
    }
}
