package io.takerflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.net.HostResolver;

/**
 * Gate futures stamps every request: "time | Integer | Yes | Request time in seconds. Gap between request time and
 * server time must not exceed 60 seconds". A reconnect long after the feed was made must send a fresh stamp, or Gate
 * refuses the subscription. The simulator refuses stamps further than its tolerance from its clock; the test
 * shortens the tolerance from 60 s to 1 s so that a stale stamp shows within seconds.
 */
final class GateRequestTimeTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aReconnectSendsAFreshRequestTimeAndIsServed()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(100).build(),
            List.of(Venue.GATE_FUTURES), (venue, b) -> b.reconnectBackoff(100, 200, TimeUnit.MILLISECONDS), e -> e,
            sim -> sim.gateRequestTimeTolerance(1, TimeUnit.SECONDS), HostResolver.SYSTEM))
        {
            LoopbackRig.await(WAIT, "trades", () -> rig.trades(Venue.GATE_FUTURES).size() > 20);
            final long connectedAtSecond = System.currentTimeMillis() / 1000;
            LoopbackRig.await(WAIT, "three seconds on the clock",
                () -> System.currentTimeMillis() / 1000 >= connectedAtSecond + 3);
            rig.simulator.closeConnections();
            final int before = rig.trades(Venue.GATE_FUTURES).size();
            LoopbackRig.await(WAIT, "trades after the reconnect",
                () -> rig.trades(Venue.GATE_FUTURES).size() > before + 20);
            rig.feeds.close();
            assertThat(rig.statuses(Venue.GATE_FUTURES)).as("no refused subscription")
                .noneMatch(s -> s.state() == FeedState.REJECTED);
        }
    }
}
