package io.takerflow.engine.signal;

/**
 * Whether US spot buyers pay up, judged by the smoothed Coinbase premium with hysteresis.
 */
public enum SpotState
{
    /** Coinbase trades at a discount to Binance: US spot demand is absent. */
    ABSENT,
    /** No meaningful premium either way. */
    FLAT,
    /** Coinbase trades at a premium: US spot buyers are paying up. */
    PRESENT
}
