package io.takerflow.bench.e2e;

/**
 * The search for a client's highest sustained rate: the highest offered rate, between a lowest and a highest, at
 * which one probe passes (p99 under 1 ms with every trade received, judged by the caller). It doubles from the lowest
 * rate until a probe fails or the highest passes, then halves the gap between the best pass and the lowest failure
 * (geometrically) until the failure is within {@code resolution} times the pass. It assumes that a rate passes when
 * every lower one did, which one probe per rate on a noisy machine need not honour: the answer is what was probed.
 * <p>
 * Rates are rounded to two significant figures so the figures read as offered rates (1,400/s, not 1,414/s).
 */
final class RateSearch
{
    private final int lowest;
    private final int highest;
    private final double resolution;
    private int bestPassed;
    private int lowestFailed = Integer.MAX_VALUE;
    private boolean probedLowest;

    /**
     * @param lowest     the first rate tried, per second.
     * @param highest    the highest rate tried.
     * @param resolution stop once the lowest failure is at most this many times the best pass (e.g. 1.25).
     */
    RateSearch(final int lowest, final int highest, final double resolution)
    {
        if (lowest <= 0 || highest < lowest || resolution <= 1.0)
        {
            throw new IllegalArgumentException("rate search needs 0 < lowest <= highest and resolution > 1: " +
                lowest + ".." + highest + " x" + resolution);
        }
        this.lowest = lowest;
        this.highest = highest;
        this.resolution = resolution;
    }

    /**
     * @return the next rate to probe, or 0 when the search is over.
     */
    int next()
    {
        if (!probedLowest)
        {
            return lowest;
        }
        if (bestPassed == 0 || bestPassed >= highest)
        {
            return 0;
        }
        if (lowestFailed == Integer.MAX_VALUE)
        {
            return (int)Math.min(highest, roundRate(2L * bestPassed));
        }
        if (lowestFailed <= bestPassed * resolution)
        {
            return 0;
        }
        final long middle = roundRate(Math.round(Math.sqrt((double)bestPassed * lowestFailed)));
        return middle > bestPassed && middle < lowestFailed ? (int)middle : 0;
    }

    /**
     * @param rate   a rate just probed (the last {@link #next()}).
     * @param passed whether it passed.
     */
    void record(final int rate, final boolean passed)
    {
        probedLowest |= rate == lowest;
        if (passed)
        {
            bestPassed = Math.max(bestPassed, rate);
        }
        else
        {
            lowestFailed = Math.min(lowestFailed, rate);
        }
    }

    /**
     * @return the highest rate that passed, 0 if none did.
     */
    int best()
    {
        return bestPassed;
    }

    /**
     * @return true if the highest rate searched passed: the client's sustained rate is at least that, not found.
     */
    boolean reachedTheTop()
    {
        return bestPassed >= highest;
    }

    private static long roundRate(final long rate)
    {
        long unit = 1;
        while (rate / unit >= 100)
        {
            unit *= 10;
        }
        return Math.round(rate / (double)unit) * unit;
    }
}
