package io.takerflow.engine.signal;

/**
 * A read-only view of one market's current signal values. Views handed to a {@link SignalListener}
 * are only valid during the callback; copy what you keep (see {@link SignalSnapshot}).
 */
public interface SignalView
{
    /**
     * @return the market's name, e.g. {@code BTC}.
     */
    String market();

    /**
     * @return the market's index in the engine's configuration, 0-based.
     */
    int marketIndex();

    /**
     * @return the time of the event that produced these values (its receive time, epoch ns).
     */
    long timeNs();

    /**
     * @return taker buy volume in the flow window, base units.
     */
    double buyVolume();

    /**
     * @return taker sell volume in the flow window, base units.
     */
    double sellVolume();

    /**
     * @return {@code (B - S) / (B + S)} over the flow window, 0 when empty.
     */
    double imbalance();

    /**
     * @return {@code B / (B + S)}, 0 when empty.
     */
    double buyRatio();

    /**
     * @return {@code S / (B + S)}, 0 when empty.
     */
    double sellRatio();

    /**
     * @return trades in the flow window; below the market's minimum the signal is THIN.
     */
    long windowTrades();

    /**
     * @return how many of the {@link #windowTrades()} were recovered by a backfill over the venue's REST API after a
     * gap rather than received live: 0 when the whole window came from the live stream. They are booked at the
     * time they happened and count like any other trade; this says how much of the window a backfill filled in.
     */
    long backfilledTrades();

    /**
     * @return which input event of the run produced these values: 1 for the first event the signal handler
     * applied, counting every event (trades, status, ticks, history samples). A journal's input records of the
     * same run, counted in order from its run header, carry the same numbers.
     */
    long eventSequence();

    /**
     * @return the imbalance's Z-score against the sample history, NaN while warming up, thin, or when the history
     * does not vary.
     */
    double zScore();

    /**
     * @return the number of samples in the Z-score history.
     */
    int historySamples();

    /**
     * @return {@code (P_coinbase - P_binance) / P_binance * 100}, NaN until both legs have traded.
     */
    double premiumPct();

    /**
     * @return the time-weighted EWMA of the premium, NaN until both legs have traded.
     */
    double premiumSmoothedPct();

    /**
     * @return the taker-flow state (with hysteresis) behind the regime.
     */
    FlowState flowState();

    /**
     * @return the spot (Coinbase premium) state (with hysteresis) behind the regime.
     */
    SpotState spotState();

    /**
     * @return the market regime.
     */
    Regime regime();

    /**
     * @return {@link SignalFlags} bits.
     */
    int flags();

    /**
     * Which flow leg holds the market in {@code WARMING_UP} because its part of the flow window is not full yet (no
     * live trade yet, or fewer than a window's worth of live trades and history bars): the first such leg's instrument
     * id in the engine's catalog, or -1 when every leg covers a whole window ({@code WARMING_UP} then comes from the
     * Z-score history alone, if at all).
     *
     * @return an instrument id, or -1.
     */
    default int warmingUpInstrument()
    {
        return -1;
    }
}
