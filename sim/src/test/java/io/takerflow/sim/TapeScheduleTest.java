package io.takerflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.Venue;

/**
 * The tape's schedule: a trade goes on the wire once the time it is stamped with has come, not one interval later.
 * The latency harnesses measure from that stamp, so a trade sent an interval after it adds {@code 1 / rate} to every
 * figure (1 ms at 1,000 trades a second).
 */
final class TapeScheduleTest
{
    private static final long START_NS = 5_000_000_000L;

    @Test
    void atOneThousandASecondTradeKIsDueExactlyKMillisecondsAfterTheStart()
    {
        final Tape tape = new Tape(Venue.BINANCE_SPOT, "BTCUSDT", 1_000, START_NS, 1);

        // worked by hand: trade 0 at the start, trade 1 at +1 ms, trade 1,000 at +1 s
        assertThat(tape.scheduledNs(0)).isEqualTo(START_NS);
        assertThat(tape.scheduledNs(1)).isEqualTo(START_NS + 1_000_000L);
        assertThat(tape.due(START_NS - 1)).as("before the start").isZero();
        assertThat(tape.due(START_NS)).as("trade 0 at the start").isEqualTo(1);
        assertThat(tape.due(START_NS + 999_999L)).as("trade 1 not yet").isEqualTo(1);
        assertThat(tape.due(START_NS + 1_000_000L)).as("trade 1 at +1 ms").isEqualTo(2);
        assertThat(tape.due(START_NS + 1_000_000_000L)).as("trades 0 to 1,000 by +1 s").isEqualTo(1_001);
    }

    @Test
    void everyTradeIsDueFromItsStampAndNotBeforeAtAnyRate()
    {
        for (final double rate : new double[] {1, 3, 7, 333.3, 1_000, 2_000, 20_000, 123_457, 1_000_000})
        {
            final Tape tape = new Tape(Venue.BINANCE_SPOT, "BTCUSDT", rate, START_NS, 1);
            for (long k = 0; k < 20_000; k++)
            {
                final long stamp = tape.scheduledNs(k);
                assertThat(tape.due(stamp)).as("trades due at trade %d's stamp, %s/s", k, rate).isEqualTo(k + 1);
                assertThat(tape.due(stamp - 1)).as("trades due just before trade %d's stamp, %s/s", k, rate)
                    .isEqualTo(k);
            }
        }
    }

    @Test
    void aTapeWithoutARateNeverPrints()
    {
        final Tape tape = new Tape(Venue.BINANCE_SPOT, "BTCUSDT", 0, START_NS, 1);

        assertThat(tape.due(START_NS + 60_000_000_000L)).isZero();
    }
}
