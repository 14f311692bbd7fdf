package io.takerflow.engine.signal;

/**
 * Receives signals on the signal handler thread, synchronously, after every event that touches a market.
 * <p>
 * Implementations must not block and should not allocate: the ring waits while a callback runs. A strategy
 * that needs time should subscribe through {@link AsyncSubscription} instead. Views are valid only during
 * the call.
 */
public interface SignalListener
{
    /**
     * Called after each update of a market's signal values.
     *
     * @param signal the current values.
     */
    void onSignal(SignalView signal);

    /**
     * Called when a market's regime changes, before the {@link #onSignal(SignalView)} of the same update.
     *
     * @param change what changed and why.
     * @param signal the values that caused it.
     */
    default void onRegimeChange(final RegimeChange change, final SignalView signal)
    {
    }
}
