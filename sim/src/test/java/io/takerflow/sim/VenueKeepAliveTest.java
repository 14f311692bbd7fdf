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
 * Venues that close a connection whose client does not answer their keep-alive requests: the simulator does what
 * they do (Deribit closes the connection when a {@code test_request} after {@code public/set_heartbeat} goes
 * unanswered; Kraken Futures closes one that sent no ping for 60 s), so a feed that does not answer reconnects over
 * and over; one that answers keeps its connection.
 */
final class VenueKeepAliveTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void deribitTestRequestsAreAnsweredSoTheConnectionIsKept()
    {
        final List<Venue> venues = List.of(Venue.DERIBIT);
        // a test request left unanswered until the next is due closes the connection: 500 ms between them (10 s at
        // Deribit's minimum) leaves room for a loaded machine's event loop, where 100 ms did not
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(50)
            .heartbeatInterval(500, TimeUnit.MILLISECONDS).build(), venues,
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

    /**
     * Kraken Futures: "In order to keep the websocket connection alive, you will need to make a ping request at least
     * every 60 seconds". The simulator closes a connection without a ping frame for 1 s here (60 s at Kraken); the
     * feed pings every 300 ms (30 s live) and keeps its one connection.
     */
    @Test
    void krakenFuturesGetsAPingFrameInTimeSoTheConnectionIsKept()
    {
        final List<Venue> venues = List.of(Venue.KRAKEN_FUTURES);
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(50).build(), venues,
            (venue, b) -> b.pingInterval(300, TimeUnit.MILLISECONDS).reconnectBackoff(100, 200, TimeUnit.MILLISECONDS),
            e -> e, sim -> sim.krakenFuturesPingTimeout(1, TimeUnit.SECONDS), HostResolver.SYSTEM))
        {
            LoopbackRig.await(WAIT, "ten ping frames", () -> rig.simulator.pingFramesReceived() >= 10);
            LoopbackRig.await(WAIT, "trades", () -> rig.trades(Venue.KRAKEN_FUTURES).size() >= 20);
            rig.feeds.close();
            assertThat(rig.simulator.connectionsAccepted()).isEqualTo(1);
            assertThat(rig.feeds.counters(Venue.KRAKEN_FUTURES).reconnects.get()).isZero();
        }
    }
}
