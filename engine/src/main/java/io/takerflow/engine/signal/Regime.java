package io.takerflow.engine.signal;

/**
 * The market regime, from the flow and spot states.
 */
public enum Regime
{
    /** Takers selling and US spot absent: risk-averse, rebounds are fragile. */
    RISK_OFF,
    /**
     * After RISK_OFF only: sellers exhausted (flow left SELLERS) while spot demand has not yet returned; ends when
     * selling resumes, spot returns, z falls below the failure level or the maximum age passes.
     */
    RECOVERING,
    /** Takers buying and US spot paying up. */
    RISK_ON,
    /** Anything else. */
    NEUTRAL
}
