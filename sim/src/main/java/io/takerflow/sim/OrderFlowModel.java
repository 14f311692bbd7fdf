package io.takerflow.sim;

import java.util.SplittableRandom;

import io.takerflow.engine.input.TakerSide;

/**
 * The simulator's market: a regime-switching order-flow model. Phases run in a fixed cycle (balanced, sellers,
 * recovery, buyers) of a configured length; within a phase each trade's taker is the buyer with the phase's
 * probability, the mid price drifts with the flow, and Coinbase trades at the phase's premium to Binance spot.
 * Deterministic for a seed and a sequence of calls.
 * <p>
 * In the recovery phase the takers who sold buy part of it back (short covering, {@link #SHORT_COVERING} on top of
 * the phase's probability) while Coinbase still trades at a small discount: on a flow window as long as a phase the
 * sellers' imbalance would otherwise take most of the phase to roll out, and the recovery would be seen only for
 * its last seconds. This is the demo's story: RISK_OFF in the sellers phase, RECOVERING through most of the
 * recovery, RISK_ON once Coinbase pays a premium.
 */
public final class OrderFlowModel
{
    private static final MarketPhase[] CYCLE = {
        MarketPhase.BALANCED, MarketPhase.SELLERS, MarketPhase.RECOVERY, MarketPhase.BUYERS };
    private static final int PRICE_SCALE = 2;
    private static final int QUANTITY_SCALE = 3;
    /** Added to the recovery phase's taker buy probability: the sellers covering. */
    static final double SHORT_COVERING = 0.17;

    private final long phaseNs;
    private final SplittableRandom random;
    private double mid = 65_000.0;

    /**
     * @param seed    random seed.
     * @param phaseNs how long each phase lasts.
     */
    public OrderFlowModel(final long seed, final long phaseNs)
    {
        if (phaseNs <= 0)
        {
            throw new IllegalArgumentException("phase length must be > 0");
        }
        this.phaseNs = phaseNs;
        this.random = new SplittableRandom(seed);
    }

    /**
     * @param elapsedNs time since the simulator started.
     * @return the phase at that time.
     */
    public MarketPhase phaseAt(final long elapsedNs)
    {
        return CYCLE[(int)((elapsedNs / phaseNs) % CYCLE.length)];
    }

    /**
     * Fills the next trade of a venue.
     *
     * @param elapsedNs time since the simulator started.
     * @param coinbase  true for a Coinbase venue (priced at the phase premium), false for Binance-like venues.
     * @param trade     the trade to fill (id and times are the caller's).
     */
    public void next(final long elapsedNs, final boolean coinbase, final SimTrade trade)
    {
        final MarketPhase phase = phaseAt(elapsedNs);
        final double buyProbability = phase.buyProbability() + (phase == MarketPhase.RECOVERY ? SHORT_COVERING : 0);
        final boolean buy = random.nextDouble() < buyProbability;
        mid *= 1 + (buy ? 1 : -1) * 0.00002 * random.nextDouble();
        mid = Math.max(1_000, Math.min(500_000, mid));
        final double price = coinbase ?
            mid * (1 + (phase.premiumPct() + 0.004 * (random.nextDouble() - 0.5)) / 100) : mid;
        trade.takerSide = buy ? TakerSide.BUY : TakerSide.SELL;
        trade.priceMantissa = Math.round(price * 100);
        trade.priceScale = PRICE_SCALE;
        trade.quantityMantissa = 1 + (long)(-Math.log(1 - random.nextDouble()) * 150);
        trade.quantityScale = QUANTITY_SCALE;
    }

    /**
     * Taker buy and total volume of a historical bar, for the klines endpoint: two-sided flow with a spread
     * of outcomes, so a warmed-up Z-score has a realistic standard deviation. Deterministic per bar.
     *
     * @param seed   the simulator seed.
     * @param openMs the bar's open time.
     * @return {@code [takerBuyMantissa, volumeMantissa]}, both with {@link #QUANTITY_SCALE} decimals.
     */
    public static long[] bar(final long seed, final long openMs)
    {
        final SplittableRandom bar = new SplittableRandom(seed * 31 + openMs);
        final long volume = 1_000_000 + bar.nextLong(4_000_000);
        final double buyShare = Math.max(0.05, Math.min(0.95, 0.5 + 0.05 * gaussian(bar)));
        return new long[] {Math.round(volume * buyShare), volume};
    }

    /**
     * @return the decimal places of bar volumes.
     */
    public static int barScale()
    {
        return QUANTITY_SCALE;
    }

    private static double gaussian(final SplittableRandom random)
    {
        double u;
        do
        {
            u = random.nextDouble();
        }
        while (u == 0);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
