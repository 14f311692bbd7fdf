package io.takerflow.engine.signal;

/**
 * The market regime, from the flow and spot states.
 */
public enum Regime
{
    /** Takers selling and US spot absent: risk-averse, rebounds are fragile. */
    RISK_OFF,
    /** Sellers exhausted (flow back to balanced, imbalance narrowing) while spot demand has not yet returned. */
    RECOVERING,
    /** Takers buying and US spot paying up. */
    RISK_ON,
    /** Anything else. */
    NEUTRAL
}
