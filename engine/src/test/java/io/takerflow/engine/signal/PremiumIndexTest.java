package io.takerflow.engine.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PremiumIndexTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void rawPremiumIsPercentOfTheReferencePrice()
    {
        // Coinbase 99,923 vs Binance 100,000: 0.077 % below
        assertThat(PremiumIndex.premiumPct(99_923, 100_000)).isCloseTo(-0.077, within(1e-12));
        final PremiumIndex index = new PremiumIndex(60 * SECOND, 10 * SECOND);
        index.onReferenceTrade(100_000, SECOND);
        assertThat(index.raw()).isNaN();
        assertThat(index.smoothed()).isNaN();
        index.onPremiumTrade(100_050, 2 * SECOND);
        assertThat(index.raw()).isCloseTo(0.05, within(1e-12));
        assertThat(index.smoothed()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void smoothedMovesHalfWayPerHalfLifeTowardsAStep()
    {
        final PremiumIndex index = new PremiumIndex(60 * SECOND, 1000 * SECOND);
        index.onReferenceTrade(100_000, 0);
        index.onPremiumTrade(100_000, 0);
        assertThat(index.smoothed()).isZero();
        index.onPremiumTrade(99_900, 0);
        assertThat(index.raw()).isCloseTo(-0.1, within(1e-12));
        assertThat(index.smoothed()).isZero();

        index.advanceTo(60 * SECOND);
        assertThat(index.smoothed()).isCloseTo(-0.05, within(1e-12));
        index.advanceTo(120 * SECOND);
        assertThat(index.smoothed()).isCloseTo(-0.075, within(1e-12));
        index.advanceTo(90 * SECOND);
        assertThat(index.smoothed()).isCloseTo(-0.075, within(1e-12));

        // raw jumps back to 0 at t=120 s; one half-life later the smoothed value halves
        index.onPremiumTrade(100_000, 120 * SECOND);
        index.advanceTo(180 * SECOND);
        assertThat(index.smoothed()).isCloseTo(-0.0375, within(1e-12));
    }

    @Test
    void staleWhenEitherLegIsOlderThanTheLimit()
    {
        final PremiumIndex index = new PremiumIndex(60 * SECOND, 10 * SECOND);
        assertThat(index.isStale(0)).isTrue();
        index.onReferenceTrade(100_000, 0);
        assertThat(index.isStale(0)).isTrue();
        index.onPremiumTrade(100_010, 5 * SECOND);
        assertThat(index.isStale(10 * SECOND)).isFalse();
        assertThat(index.isStale(10 * SECOND + 1)).isTrue();
        index.onReferenceTrade(100_000, 12 * SECOND);
        assertThat(index.isStale(15 * SECOND)).isFalse();
        assertThat(index.isStale(15 * SECOND + 1)).isTrue();
    }
}
