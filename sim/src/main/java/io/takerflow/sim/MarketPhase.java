package io.takerflow.sim;

/**
 * One phase of the simulator's order-flow model: how likely a trade's taker is the buyer, and where Coinbase
 * trades against Binance.
 */
public enum MarketPhase
{
    /** Two-sided flow, Coinbase in line with Binance. */
    BALANCED(0.50, 0.000),
    /** Takers sell into bids while Coinbase trades at a discount: risk-off. */
    SELLERS(0.22, -0.080),
    /** Selling has stopped, flow is two-sided again, the discount is closing but not yet a premium. */
    RECOVERY(0.50, -0.010),
    /** Takers lift offers and Coinbase pays a premium: risk-on. */
    BUYERS(0.78, 0.070);

    private final double buyProbability;
    private final double premiumPct;

    MarketPhase(final double buyProbability, final double premiumPct)
    {
        this.buyProbability = buyProbability;
        this.premiumPct = premiumPct;
    }

    /**
     * @return probability that a trade's taker is the buyer.
     */
    public double buyProbability()
    {
        return buyProbability;
    }

    /**
     * @return Coinbase's price against Binance spot, in percent.
     */
    public double premiumPct()
    {
        return premiumPct;
    }
}
