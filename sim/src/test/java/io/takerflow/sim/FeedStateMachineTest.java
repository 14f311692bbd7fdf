package io.takerflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoopGroup;
import io.takerflow.engine.EngineCounters;
import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.net.FeedConnection;
import io.takerflow.feeds.net.FeedConnection.State;
import io.takerflow.feeds.net.FeedCounters;
import io.takerflow.feeds.net.FeedSettings;
import io.takerflow.feeds.net.Transport;

/**
 * The connection state machine: its table of allowed transitions against one written out here from the design,
 * and every allowed transition driven for real against the simulator.
 */
final class FeedStateMachineTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** From the design: each state and where it may go (CLOSED from anywhere but CLOSED). */
    private static final List<String> DESIGN = List.of(
        "IDLE>CONNECTING", "IDLE>CLOSED",
        "CONNECTING>SUBSCRIBING", "CONNECTING>BACKING_OFF", "CONNECTING>CLOSED",
        "SUBSCRIBING>LIVE", "SUBSCRIBING>BACKING_OFF", "SUBSCRIBING>CLOSED",
        "LIVE>ROTATING", "LIVE>BACKING_OFF", "LIVE>CLOSED",
        "ROTATING>LIVE", "ROTATING>CONNECTING", "ROTATING>SUBSCRIBING", "ROTATING>CLOSED",
        "BACKING_OFF>CONNECTING", "BACKING_OFF>CLOSED");

    @Test
    void theTableIsTheDesign()
    {
        final List<String> allowed = new ArrayList<>();
        for (final State from : State.values())
        {
            for (final State to : State.values())
            {
                if (FeedConnection.allowed(from, to))
                {
                    allowed.add(from + ">" + to);
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrderElementsOf(DESIGN);
    }

    @Test
    void everyAllowedTransitionHappensForReal()
    {
        final Set<String> seen = new LinkedHashSet<>();
        seen.addAll(closedBeforeStart());
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(200).build(),
            List.of(Venue.BINANCE_USDM), b -> b.staleAfter(600, TimeUnit.MILLISECONDS)
                .reconnectBackoff(100, 200, TimeUnit.MILLISECONDS).rotationOverlap(200, TimeUnit.MILLISECONDS)))
        {
            final FeedConnection feed = rig.connection(Venue.BINANCE_USDM);
            // IDLE > CONNECTING > SUBSCRIBING > LIVE
            awaitState(feed, State.LIVE);
            // LIVE > ROTATING > LIVE (the new connection takes over)
            feed.rotate();
            LoopbackRig.await(WAIT, "switched", () -> rig.simulator.connectionsAccepted() == 2 &&
                feed.state() == State.LIVE);
            // LIVE > ROTATING > LIVE (the new connection is refused: the old one carries on)
            rig.simulator.refuseNextHandshakes(1, 503, null);
            feed.rotate();
            LoopbackRig.await(WAIT, "failed switch", () -> rig.feeds.counters(Venue.BINANCE_USDM)
                .rotationFailures.get() == 1);
            awaitState(feed, State.LIVE);
            // ROTATING > CONNECTING: the old connection dies while the new one waits for its handshake
            rig.simulator.delayNextHandshakes(1, 1000, TimeUnit.MILLISECONDS);
            feed.rotate();
            awaitState(feed, State.ROTATING);
            rig.simulator.closeConnections();
            LoopbackRig.await(WAIT, "new connection took over", () ->
                historyContains(feed, State.ROTATING, State.CONNECTING));
            awaitState(feed, State.LIVE);
            // ROTATING > SUBSCRIBING: the old one dies after the new one opened but before it had data
            rig.simulator.ignoreSubscriptions(true);
            final long accepted = rig.simulator.connectionsAccepted();
            feed.rotate();
            LoopbackRig.await(WAIT, "new connection open", () -> rig.simulator.connectionsAccepted() > accepted);
            rig.simulator.closeConnections();
            LoopbackRig.await(WAIT, "subscribing", () -> historyContains(feed, State.ROTATING, State.SUBSCRIBING));
            // SUBSCRIBING > BACKING_OFF: no data ever comes (stale), then BACKING_OFF > CONNECTING
            LoopbackRig.await(WAIT, "backing off", () -> historyContains(feed, State.SUBSCRIBING, State.BACKING_OFF));
            rig.simulator.ignoreSubscriptions(false);
            awaitState(feed, State.LIVE);
            // LIVE > BACKING_OFF: the venue closes the connection
            rig.simulator.closeConnections();
            LoopbackRig.await(WAIT, "reconnecting", () -> historyContains(feed, State.LIVE, State.BACKING_OFF));
            awaitState(feed, State.LIVE);
            // CONNECTING > BACKING_OFF: the handshake is refused
            rig.simulator.refuseNextHandshakes(1, 429, "1");
            rig.simulator.closeConnections();
            LoopbackRig.await(WAIT, "refused connect", () ->
                historyContains(feed, State.CONNECTING, State.BACKING_OFF));
            awaitState(feed, State.LIVE);
            rig.feeds.close();
            seen.addAll(pairs(feed.stateHistory()));
        }
        seen.addAll(closedWhile(State.SUBSCRIBING));
        seen.addAll(closedWhile(State.CONNECTING));
        seen.addAll(closedWhile(State.BACKING_OFF));
        seen.addAll(closedWhile(State.ROTATING));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(DESIGN);
    }

    @Test
    void aFeedThatNeverDeliversIsNeverConnected()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(200).build(),
            List.of(Venue.BINANCE_USDM, Venue.BYBIT_LINEAR), (venue, b) -> b.staleAfter(500, TimeUnit.MILLISECONDS)
                .reconnectBackoff(100, 200, TimeUnit.MILLISECONDS), e -> e, sim -> sim.ignoreSubscriptions(true),
            io.takerflow.feeds.net.HostResolver.SYSTEM))
        {
            for (final Venue venue : List.of(Venue.BINANCE_USDM, Venue.BYBIT_LINEAR))
            {
                LoopbackRig.await(WAIT, venue.id() + " stale twice", () -> rig.feeds.counters(venue).stale.get() >= 2);
            }
            rig.feeds.close();
            for (final Venue venue : List.of(Venue.BINANCE_USDM, Venue.BYBIT_LINEAR))
            {
                assertThat(rig.statuses(venue)).extracting(LoopbackRig.Seen::state).as(venue.id())
                    .doesNotContain(FeedState.CONNECTED).contains(FeedState.STALE);
            }
        }
    }

    /** A feed closed in a given state, reached by pointing it at a venue that behaves so. */
    private static Set<String> closedWhile(final State state)
    {
        final SimulatorSettings settings = SimulatorSettings.builder().tradesPerSecond(50).build();
        try (LoopbackRig rig = new LoopbackRig(settings, List.of(Venue.BINANCE_SPOT), (venue, b) -> b
                .staleAfter(20, TimeUnit.SECONDS).reconnectBackoff(5, 5, TimeUnit.SECONDS), e -> e, sim ->
            {
                if (state == State.SUBSCRIBING)
                {
                    sim.ignoreSubscriptions(true);
                }
                else if (state == State.CONNECTING)
                {
                    sim.delayNextHandshakes(1, 10, TimeUnit.SECONDS);
                }
                else if (state == State.BACKING_OFF)
                {
                    sim.refuseNextHandshakes(1, 503, null);
                }
                else
                {
                    sim.delayNextHandshakes(0, 0, TimeUnit.SECONDS);
                }
            }, io.takerflow.feeds.net.HostResolver.SYSTEM))
        {
            final FeedConnection feed = rig.connection(Venue.BINANCE_SPOT);
            if (state == State.ROTATING)
            {
                awaitState(feed, State.LIVE);
                rig.simulator.delayNextHandshakes(1, 10, TimeUnit.SECONDS);
                feed.rotate();
            }
            awaitState(feed, state);
            rig.feeds.close();
            assertThat(feed.state()).isEqualTo(State.CLOSED);
            return pairs(feed.stateHistory());
        }
    }

    private static Set<String> closedBeforeStart()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int id = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final EventLoopGroup group = Transport.newGroup(1);
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(id).build()).build()))
        {
            final EngineCounters counters = engine.counters();
            final FeedConnection feed = new FeedConnection(FeedSettings.builder(Venue.BINANCE_USDM, List.of("BTCUSDT"))
                .build(), catalog, group.next(), engine.newPublisher(), new FeedCounters(counters, Venue.BINANCE_USDM),
                engine.config().clock());
            feed.close();
            return pairs(feed.stateHistory());
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void awaitState(final FeedConnection feed, final State state)
    {
        LoopbackRig.await(WAIT, state.name(), () -> feed.state() == state);
    }

    private static boolean historyContains(final FeedConnection feed, final State from, final State to)
    {
        return pairs(feed.stateHistory()).contains(from + ">" + to);
    }

    private static Set<String> pairs(final List<State> history)
    {
        final Set<String> pairs = new LinkedHashSet<>();
        for (int i = 1; i < history.size(); i++)
        {
            pairs.add(history.get(i - 1) + ">" + history.get(i));
        }
        return pairs;
    }
}
