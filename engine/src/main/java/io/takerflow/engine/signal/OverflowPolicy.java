package io.takerflow.engine.signal;

/**
 * What an {@link AsyncSubscription} does when its subscriber falls behind. Either way the signal thread never waits.
 */
public enum OverflowPolicy
{
    /** Keep a bounded queue of every signal and regime change; when full, the oldest entry is dropped and counted. */
    DROP_OLDEST,
    /**
     * Keep only the latest signal of each market (each overwrite of an undelivered one is counted as a drop);
     * regime changes still queue, bounded, dropping the oldest.
     */
    CONFLATE
}
