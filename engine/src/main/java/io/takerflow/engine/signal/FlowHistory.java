package io.takerflow.engine.signal;

/**
 * The last N closed-period imbalances (default 2,160 hourly samples = 90 days) and the Z-score of a
 * current imbalance against them.
 * <p>
 * The deviation is the sample standard deviation (divided by n - 1), computed in a numerically stable way: adding
 * a sample is O(1) into compensated running sums of its deviation from a reference value (shifted data), and when
 * the history is full and a sample leaves, the mean is recomputed exactly from the stored samples and the
 * deviations are summed again around it (two passes, once per sample period, never per trade). Equal samples
 * therefore give a deviation of exactly 0, and a deviation below {@link #RELATIVE_TOLERANCE} of the samples' root
 * mean square is treated as 0: no Z-score is published against a history that does not vary, instead of a
 * huge number made of rounding residue.
 */
public final class FlowHistory
{
    /**
     * A deviation at or below this fraction of the samples' root mean square counts as zero. Doubles carry about
     * 16 significant digits; samples that agree to 9 of them do not vary in any sense a Z-score could use.
     */
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private final double[] samples;
    private final int minSamples;
    private final CompensatedSum shiftedSum = new CompensatedSum();
    private final CompensatedSum shiftedSquares = new CompensatedSum();
    private final CompensatedSum squares = new CompensatedSum();
    private double shift;
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
            resum();
        }
        else
        {
            if (count == 0)
            {
                shift = imbalance;
            }
            count++;
            final double d = imbalance - shift;
            shiftedSum.add(d);
            shiftedSquares.add(d * d);
            squares.add(imbalance * imbalance);
        }
        updateMoments();
    }

    /**
     * Replaces the newest sample, e.g. when a period's history arrives from a second flow leg and the period's
     * imbalance is taken over both legs' volumes summed. O(samples held), with the same two passes as an eviction:
     * for warm-up, never per trade.
     *
     * @param imbalance the period's imbalance over every leg seen so far.
     * @throws IllegalStateException if the history is empty.
     */
    public void replaceNewest(final double imbalance)
    {
        if (count == 0)
        {
            throw new IllegalStateException("no sample to replace");
        }
        samples[next == 0 ? samples.length - 1 : next - 1] = imbalance;
        final CompensatedSum total = shiftedSum;
        total.reset();
        for (int i = 0; i < count; i++)
        {
            total.add(samples[i]);
        }
        shift = total.value() / count;
        shiftedSum.reset();
        shiftedSquares.reset();
        squares.reset();
        for (int i = 0; i < count; i++)
        {
            final double d = samples[i] - shift;
            shiftedSum.add(d);
            shiftedSquares.add(d * d);
            squares.add(samples[i] * samples[i]);
        }
        updateMoments();
    }

    private void updateMoments()
    {
        final double shiftedTotal = shiftedSum.value();
        mean = shift + shiftedTotal / count;
        if (count >= 2)
        {
            final double variance = (shiftedSquares.value() - shiftedTotal * shiftedTotal / count) / (count - 1);
            final double rms = Math.sqrt(squares.value() / count);
            final double stdev = variance > 0 ? Math.sqrt(variance) : 0.0;
            deviation = stdev > RELATIVE_TOLERANCE * rms ? stdev : 0.0;
        }
    }

    /**
     * Two passes over the stored samples: the exact (compensated) mean first, then the deviations around it, so
     * the running sums restart from the best values a double can hold.
     */
    private void resum()
    {
        final CompensatedSum total = shiftedSum;
        total.reset();
        for (final double sample : samples)
        {
            total.add(sample);
        }
        shift = total.value() / count;
        shiftedSum.reset();
        shiftedSquares.reset();
        squares.reset();
        for (final double sample : samples)
        {
            final double d = sample - shift;
            shiftedSum.add(d);
            shiftedSquares.add(d * d);
            squares.add(sample * sample);
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
     * @return the sample standard deviation (n - 1), 0 when the samples do not vary (within
     * {@link #RELATIVE_TOLERANCE}), NaN with fewer than two samples.
     */
    public double standardDeviation()
    {
        return deviation;
    }

    /**
     * @param imbalance the current imbalance.
     * @return {@code (imbalance - mean) / stdev}, or NaN while warming up or when the samples do not vary.
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
