package io.takerflow.engine.signal;

/**
 * The Coinbase premium: {@code (P_coinbase - P_binance) / P_binance * 100} from the latest trade price of
 * each leg, and its time-weighted EWMA.
 * <p>
 * The smoothed value treats the raw premium as a step function of event time: over an interval dt it decays
 * toward the raw value that held during that interval by {@code 2^(-dt / halfLife)}. It uses
 * {@link StrictMath} so a replay on any JVM gives the same bits.
 */
public final class PremiumIndex
{
    private static final double LN2 = 0.6931471805599453;

    private final double halfLifeNs;
    private final long staleNs;
    private double premiumPrice = Double.NaN;
    private double referencePrice = Double.NaN;
    private long premiumTimeNs = Long.MIN_VALUE;
    private long referenceTimeNs = Long.MIN_VALUE;
    private double raw = Double.NaN;
    private double smoothed = Double.NaN;
    private long smoothedTimeNs;

    /**
     * @param halfLifeNs the EWMA half-life.
     * @param staleNs    how old a leg's last trade may be before the premium is stale.
     */
    public PremiumIndex(final long halfLifeNs, final long staleNs)
    {
        this.halfLifeNs = halfLifeNs;
        this.staleNs = staleNs;
    }

    /**
     * @param price  a Coinbase trade price.
     * @param timeNs its receive time.
     */
    public void onPremiumTrade(final double price, final long timeNs)
    {
        advanceTo(timeNs);
        premiumPrice = price;
        premiumTimeNs = timeNs;
        reprice();
    }

    /**
     * @param price  a Binance trade price.
     * @param timeNs its receive time.
     */
    public void onReferenceTrade(final double price, final long timeNs)
    {
        advanceTo(timeNs);
        referencePrice = price;
        referenceTimeNs = timeNs;
        reprice();
    }

    /**
     * Decays the smoothed value up to {@code timeNs}.
     *
     * @param timeNs the current time.
     */
    public void advanceTo(final long timeNs)
    {
        if (timeNs <= smoothedTimeNs || Double.isNaN(smoothed))
        {
            return;
        }
        final double decay = StrictMath.exp(-LN2 * ((double)(timeNs - smoothedTimeNs) / halfLifeNs));
        smoothed = raw + (smoothed - raw) * decay;
        smoothedTimeNs = timeNs;
    }

    /**
     * @return the raw premium in percent, NaN until both legs have traded.
     */
    public double raw()
    {
        return raw;
    }

    /**
     * @return the smoothed premium in percent, NaN until both legs have traded.
     */
    public double smoothed()
    {
        return smoothed;
    }

    /**
     * @param nowNs the current time.
     * @return true if either leg has not traded within the stale limit (or never traded).
     */
    public boolean isStale(final long nowNs)
    {
        return premiumTimeNs == Long.MIN_VALUE || referenceTimeNs == Long.MIN_VALUE ||
            nowNs - premiumTimeNs > staleNs || nowNs - referenceTimeNs > staleNs;
    }

    /**
     * @param premiumPrice   Coinbase price.
     * @param referencePrice Binance price.
     * @return the premium in percent.
     */
    public static double premiumPct(final double premiumPrice, final double referencePrice)
    {
        return (premiumPrice - referencePrice) / referencePrice * 100.0;
    }

    private void reprice()
    {
        if (Double.isNaN(premiumPrice) || Double.isNaN(referencePrice))
        {
            return;
        }
        raw = premiumPct(premiumPrice, referencePrice);
        if (Double.isNaN(smoothed))
        {
            smoothed = raw;
            smoothedTimeNs = Math.max(premiumTimeNs, referenceTimeNs);
        }
    }
}
