package io.takerflow.feeds.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.Venue;

/**
 * Venues that close a connection whose client does not answer their keep-alive requests: the simulator does what
 * they do (Deribit closes the connection when a {@code test_request} after {@code public/set_heartbeat} goes
 * unanswered), so a feed that does not answer reconnects over and over; one that answers keeps its connection.
 */
final class VenueKeepAliveTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void deribitTestRequestsAreAnsweredSoTheConnectionIsKept()
    {
        final List<Venue> venues = List.of(Venue.DERIBIT);
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(50)
            .heartbeatInterval(100, TimeUnit.MILLISECONDS).build(), venues,
            b -> b.reconnectBackoff(100, 200, TimeUnit.MILLISECONDS)))
        {
            LoopbackRig.await(WAIT, "ten test requests answered", () -> rig.simulator.clientPingsReceived() >= 10);
            LoopbackRig.await(WAIT, "trades", () -> rig.trades(Venue.DERIBIT).size() >= 20);
            rig.feeds.close();
            assertThat(rig.simulator.connectionsAccepted()).isEqualTo(1);
            assertThat(rig.feeds.counters(Venue.DERIBIT).reconnects.get()).isZero();
            assertThat(rig.statuses(Venue.DERIBIT)).extracting(LoopbackRig.Seen::state)
                .containsExactly(FeedState.CONNECTED);
        }
    }
}
