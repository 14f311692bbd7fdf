package io.takerflow.engine.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FlowHistoryTest
{
    @Test
    void zScoreMatchesExactRecomputationOverYearsOfHourlySamples()
    {
        final FlowHistory history = new FlowHistory(2160, 168);
        final ArrayDeque<Double> window = new ArrayDeque<>();
        final SplittableRandom random = new SplittableRandom(7);
        for (int hour = 0; hour < 3 * 365 * 24; hour++)
        {
            final double sample = Math.tanh(random.nextGaussian() * 0.3 + 0.1 * Math.sin(hour / 500.0));
            history.add(sample);
            window.addLast(sample);
            if (window.size() > 2160)
            {
                window.removeFirst();
            }
            if (hour % 101 == 0 || hour > 3 * 365 * 24 - 5)
            {
                final double current = random.nextDouble(-1, 1);
                assertThat(history.count()).isEqualTo(window.size());
                if (window.size() < 168)
                {
                    assertThat(history.zScore(current)).isNaN();
                }
                else
                {
                    final double[] exact = meanAndStdev(window);
                    assertThat(history.mean()).isCloseTo(exact[0], within(1e-14));
                    assertThat(history.standardDeviation()).isCloseTo(exact[1], within(1e-12));
                    assertThat(history.zScore(current)).isCloseTo((current - exact[0]) / exact[1], within(1e-9));
                }
            }
        }
    }

    @Test
    void handWorkedExample()
    {
        final FlowHistory history = new FlowHistory(4, 3);
        history.add(-0.2);
        history.add(0.0);
        assertThat(history.isWarm()).isFalse();
        assertThat(history.zScore(0.5)).isNaN();
        history.add(0.2);
        // mean 0, sample stdev sqrt((0.04 + 0 + 0.04) / 2) = 0.2
        assertThat(history.zScore(0.5)).isCloseTo(2.5, within(1e-12));
        history.add(0.4);
        history.add(0.6);
        // holds 0.0, 0.2, 0.4, 0.6: mean 0.3, stdev sqrt((0.09 + 0.01 + 0.01 + 0.09) / 3)
        assertThat(history.count()).isEqualTo(4);
        assertThat(history.zScore(0.0)).isCloseTo(-0.3 / Math.sqrt(0.2 / 3), within(1e-12));
    }

    @Test
    void equalSamplesGiveNoZScore()
    {
        final FlowHistory history = new FlowHistory(10, 2);
        history.add(0.1);
        history.add(0.1);
        assertThat(history.standardDeviation()).isZero();
        assertThat(history.zScore(0.3)).isNaN();
    }

    /**
     * Issue 9, defect 2: the one-pass form (sum of squares minus square of sum) left a 1e-17 residue, so 20 samples
     * of 0.1 gave a deviation of 1.2e-9 and z(0.101) = 827,374. A history that does not vary gives no Z-score.
     */
    @Test
    void twentyEqualSamplesGiveNoZScoreNotAHugeOne()
    {
        final FlowHistory history = new FlowHistory(20, 20);
        for (int i = 0; i < 20; i++)
        {
            history.add(0.1);
        }
        assertThat(history.standardDeviation()).isZero();
        assertThat(history.mean()).isEqualTo(0.1);
        assertThat(history.zScore(0.101)).isNaN();
        history.add(0.1);
        assertThat(history.zScore(0.101)).as("after an eviction too").isNaN();
    }

    @Test
    void samplesThatDifferOnlyInTheirLastBitsCountAsEqual()
    {
        final FlowHistory history = new FlowHistory(30, 2);
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 45; i++)
        {
            final double noise = random.nextInt(3) - 1;
            history.add(-0.37 + noise * Math.ulp(0.37));
            assertThat(history.zScore(-0.3)).as("sample %d", i).isNaN();
        }
    }

    @Test
    void aSmallButRealDeviationStillGivesAZScore()
    {
        final FlowHistory history = new FlowHistory(10, 2);
        history.add(0.1);
        history.add(0.1 + 1e-6);
        // mean 0.1000005, sample stdev 1e-6 / sqrt(2)
        assertThat(history.zScore(0.1 + 2e-6)).isCloseTo(1.5e-6 / (1e-6 / Math.sqrt(2)), within(1e-6));
    }

    private static double[] meanAndStdev(final Iterable<Double> samples)
    {
        final MathContext context = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        int n = 0;
        for (final double sample : samples)
        {
            sum = sum.add(new BigDecimal(sample), context);
            n++;
        }
        final BigDecimal mean = sum.divide(BigDecimal.valueOf(n), context);
        BigDecimal squares = BigDecimal.ZERO;
        for (final double sample : samples)
        {
            final BigDecimal deviation = new BigDecimal(sample).subtract(mean, context);
            squares = squares.add(deviation.multiply(deviation, context), context);
        }
        final double variance = squares.divide(BigDecimal.valueOf(n - 1), context).doubleValue();
        return new double[] {mean.doubleValue(), Math.sqrt(variance)};
    }
}
