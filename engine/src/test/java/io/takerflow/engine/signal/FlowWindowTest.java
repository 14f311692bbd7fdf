package io.takerflow.engine.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FlowWindowTest
{
    private static final long SECOND = 1_000_000_000L;

    private record Trade(long timeNs, boolean buy, double quantity)
    {
    }

    @Test
    void matchesBruteForceOverRandomStreamRollingManyWindows()
    {
        final long bucketNs = 60 * SECOND;
        final int buckets = 60;
        final FlowWindow window = new FlowWindow(buckets * bucketNs, bucketNs);
        final SplittableRandom random = new SplittableRandom(42);
        final List<Trade> trades = new ArrayList<>();
        long now = 1_700_000_000L * SECOND;
        for (int i = 0; i < 20_000; i++)
        {
            final int jump = random.nextInt(100);
            now += jump < 90 ? random.nextLong(2 * SECOND) : jump < 99 ? random.nextLong(600 * SECOND) : 7200 * SECOND;
            final boolean buy = random.nextBoolean();
            final double quantity = random.nextInt(1, 100_000) / 1000.0;
            window.add(now, buy, quantity);
            trades.add(new Trade(now, buy, quantity));

            if (i % 37 == 0)
            {
                final long head = Math.floorDiv(now, bucketNs);
                double buyVolume = 0;
                double sellVolume = 0;
                for (final Trade trade : trades)
                {
                    if (Math.floorDiv(trade.timeNs, bucketNs) > head - buckets)
                    {
                        if (trade.buy)
                        {
                            buyVolume += trade.quantity;
                        }
                        else
                        {
                            sellVolume += trade.quantity;
                        }
                    }
                }
                assertThat(window.buyVolume()).isCloseTo(buyVolume, within(1e-9 * Math.max(1, buyVolume)));
                assertThat(window.sellVolume()).isCloseTo(sellVolume, within(1e-9 * Math.max(1, sellVolume)));
                final double total = buyVolume + sellVolume;
                assertThat(window.imbalance())
                    .isCloseTo(total > 0 ? (buyVolume - sellVolume) / total : 0, within(1e-12));
            }
        }
    }

    @Test
    void emptiesWhenTimeJumpsPastTheWholeWindow()
    {
        final FlowWindow window = new FlowWindow(10 * SECOND, SECOND);
        window.add(5 * SECOND, true, 3);
        window.add(6 * SECOND, false, 1);
        assertThat(window.imbalance()).isEqualTo(0.5);

        window.advanceTo(15 * SECOND);
        assertThat(window.buyVolume()).isZero();
        assertThat(window.sellVolume()).isEqualTo(1.0);

        window.advanceTo(16 * SECOND);
        assertThat(window.buyVolume()).isZero();
        assertThat(window.sellVolume()).isZero();
        assertThat(window.imbalance()).isZero();
    }

    @Test
    void ratiosFromTheIssueExample()
    {
        assertThat(FlowWindow.ratio(454, 546)).isCloseTo(0.454, within(1e-15));
        assertThat(FlowWindow.ratio(546, 454)).isCloseTo(0.546, within(1e-15));
        assertThat(FlowWindow.imbalance(454, 546)).isCloseTo(-0.092, within(1e-15));
        assertThat(FlowWindow.imbalance(0, 0)).isZero();
        assertThat(FlowWindow.ratio(0, 0)).isZero();
    }

    @Test
    void doesNotDriftOverMillionsOfTinyTradesOnALargeTotal()
    {
        final FlowWindow window = new FlowWindow(3600 * SECOND, 60 * SECOND);
        window.add(0, true, 1e9);
        long expectedMillis = 0;
        for (int i = 1; i <= 3_000_000; i++)
        {
            window.add(i * 1000L, true, 0.001);
            expectedMillis++;
        }
        assertThat(window.buyVolume()).isEqualTo(1e9 + expectedMillis * 0.001, within(1e-6));
    }
}
