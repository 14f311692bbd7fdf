package io.takerflow.engine.signal;

/**
 * Who is aggressing, judged by the flow Z-score with hysteresis.
 */
public enum FlowState
{
    /** Takers sell into bids far more than usual (z at or below the sellers' entry threshold). */
    SELLERS,
    /** Neither side unusually aggressive. */
    BALANCED,
    /** Takers lift offers far more than usual. */
    BUYERS
}
