package io.takerflow.engine.signal;

/**
 * The last N closed-period imbalances (default 2,160 hourly samples = 90 days) and the Z-score of a
 * current imbalance against them.
 * <p>
 * Adding a sample is O(1) into compensated running sums of x and x²; when the history is full and a sample
 * leaves, the sums are recomputed exactly from the stored samples (once per sample period, never per trade),
 * so the mean and deviation do not drift over months. Mean and deviation are computed once per added sample, not
 * per trade. The deviation is the sample standard deviation (n - 1).
 */
public final class FlowHistory
{
    private final double[] samples;
    private final int minSamples;
    private final CompensatedSum sum = new CompensatedSum();
    private final CompensatedSum sumOfSquares = new CompensatedSum();
    private int count;
    private int next;
    private double mean = Double.NaN;
    private double deviation = Double.NaN;

    /**
     * @param capacity   how many samples are kept.
     * @param minSamples how many are needed before {@link #zScore(double)} returns a number.
     */
    public FlowHistory(final int capacity, final int minSamples)
    {
        if (capacity < 2 || minSamples < 2 || minSamples > capacity)
        {
            throw new IllegalArgumentException("history needs 2 <= minSamples (" + minSamples + ") <= capacity (" +
                capacity + ")");
        }
        this.samples = new double[capacity];
        this.minSamples = minSamples;
    }

    /**
     * @param imbalance one closed period's imbalance.
     */
    public void add(final double imbalance)
    {
        final boolean evicting = count == samples.length;
        samples[next] = imbalance;
        next = next + 1 == samples.length ? 0 : next + 1;
        if (evicting)
        {
            sum.reset();
            sumOfSquares.reset();
            for (final double sample : samples)
            {
                sum.add(sample);
                sumOfSquares.add(sample * sample);
            }
        }
        else
        {
            count++;
            sum.add(imbalance);
            sumOfSquares.add(imbalance * imbalance);
        }
        final double total = sum.value();
        mean = total / count;
        if (count >= 2)
        {
            final double variance = (sumOfSquares.value() - total * total / count) / (count - 1);
            deviation = variance > 0 ? Math.sqrt(variance) : 0.0;
        }
    }

    /**
     * @return samples held.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return true once the history holds the minimum number of samples.
     */
    public boolean isWarm()
    {
        return count >= minSamples;
    }

    /**
     * @return the mean of the samples, NaN when empty.
     */
    public double mean()
    {
        return mean;
    }

    /**
     * @return the sample standard deviation, NaN with fewer than two samples.
     */
    public double standardDeviation()
    {
        return deviation;
    }

    /**
     * @param imbalance the current imbalance.
     * @return {@code (imbalance - mean) / stdev}, or NaN while warming up or when every sample is equal.
     */
    public double zScore(final double imbalance)
    {
        if (count < minSamples)
        {
            return Double.NaN;
        }
        return deviation > 0 ? (imbalance - mean) / deviation : Double.NaN;
    }
}
