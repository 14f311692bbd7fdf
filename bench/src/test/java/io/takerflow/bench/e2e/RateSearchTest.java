package io.takerflow.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

/**
 * The sustained-rate search against clients whose limit is known, with the probes worked out by hand.
 */
final class RateSearchTest
{
    @Test
    void doublesUntilAFailureThenNarrowsTheGapToTheResolution()
    {
        final List<Integer> probes = new ArrayList<>();
        final RateSearch search = search(500, 200_000, 1.25, rate -> rate <= 7_300, probes);

        // by hand: doubling 500..4,000 pass, 8,000 fails; sqrt(4,000 x 8,000) = 5,657 -> 5,700 passes;
        // sqrt(5,700 x 8,000) = 6,753 -> 6,800 passes; 8,000 / 6,800 = 1.18 <= 1.25: done
        assertThat(probes).containsExactly(500, 1_000, 2_000, 4_000, 8_000, 5_700, 6_800);
        assertThat(search.best()).isEqualTo(6_800);
        assertThat(search.reachedTheTop()).isFalse();
    }

    @Test
    void aClientThatFailsTheLowestRateHasNoSustainedRate()
    {
        final List<Integer> probes = new ArrayList<>();
        final RateSearch search = search(500, 200_000, 1.25, rate -> rate <= 300, probes);

        assertThat(probes).containsExactly(500);
        assertThat(search.best()).isZero();
    }

    @Test
    void aClientThatPassesTheHighestRateIsReportedAsAtLeastThat()
    {
        final List<Integer> probes = new ArrayList<>();
        final RateSearch search = search(500, 200_000, 1.25, rate -> true, probes);

        // by hand: doubling, 128,000 rounded to two significant figures, then the highest (260,000 would pass it)
        assertThat(probes).containsExactly(500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 130_000, 200_000);
        assertThat(search.best()).isEqualTo(200_000);
        assertThat(search.reachedTheTop()).isTrue();
    }

    @Test
    void refusesAnEmptyRange()
    {
        assertThatThrownBy(() -> new RateSearch(1_000, 500, 1.25)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1000..500");
    }

    private static RateSearch search(final int lowest, final int highest, final double resolution,
        final IntPredicate passes, final List<Integer> probes)
    {
        final RateSearch search = new RateSearch(lowest, highest, resolution);
        for (int rate = search.next(); rate != 0; rate = search.next())
        {
            assertThat(probes).as("probed twice").doesNotContain(rate);
            probes.add(rate);
            search.record(rate, passes.test(rate));
        }
        return search;
    }
}
