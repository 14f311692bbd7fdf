package io.takerflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.net.HostResolver;

/**
 * Hyperliquid, Bitfinex, Kraken and Bitstamp end to end against the simulator speaking their wire formats: the
 * subscribe snapshot is never flow, a reconnect on ids that prove nothing is a gap of unknown size, keep-alives are
 * sent and answered without counting as data, and a refusal shows the exchange's words. Expected values come from
 * what the simulator recorded as sent.
 */
final class MoreVenuesLoopbackTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<Venue> VENUES = List.of(Venue.HYPERLIQUID, Venue.BITFINEX, Venue.KRAKEN, Venue.BITSTAMP);

    @Test
    void snapshotsAreNotFlowAndAReconnectIsAGapOfUnknownSize()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(200).build(), VENUES,
            b -> b.reconnectBackoff(100, 200, TimeUnit.MILLISECONDS)))
        {
            for (final Venue venue : VENUES)
            {
                LoopbackRig.await(WAIT, venue.id() + " trades", () -> rig.trades(venue).size() > 50);
            }
            rig.simulator.closeConnections();
            for (final Venue venue : VENUES)
            {
                final int before = rig.trades(venue).size();
                LoopbackRig.await(WAIT, venue.id() + " after resubscribing", () -> rig.trades(venue).size() > before +
                    50);
            }
            rig.feeds.close();
            for (final Venue venue : VENUES)
            {
                final Map<String, Integer> unreceived = new HashMap<>();
                rig.sent(venue).forEach(t -> unreceived.merge(key(venue, t.tradeId(), t.price(), t.quantity(),
                    t.side()), 1, Integer::sum));
                for (final LoopbackRig.Seen trade : rig.trades(venue))
                {
                    final String key = key(venue, trade.tradeId(), trade.price(), trade.quantity(), trade.side());
                    assertThat(unreceived.getOrDefault(key, 0)).as(venue.id() + ": only live trades are flow, and " +
                        "none twice: " + key).isPositive();
                    unreceived.merge(key, -1, Integer::sum);
                }
                assertThat(rig.statuses(venue)).as(venue.id()).anyMatch(s -> s.state() == FeedState.GAP &&
                    s.missing() == InputEvent.MISSING_UNKNOWN);
                assertThat(rig.feeds.counters(venue).malformed.get()).as(venue.id() + " malformed").isZero();
            }
        }
    }

    /**
     * A trade as the test can recognise it: by its id, or on Kraken v1, which sends none, by what it says (the
     * simulator's prices move with every trade and its sizes vary, so repeats are rare enough to be noticed).
     */
    private static String key(final Venue venue, final long tradeId, final java.math.BigDecimal price,
        final java.math.BigDecimal quantity, final io.takerflow.engine.input.TakerSide side)
    {
        return venue == Venue.KRAKEN ? price.toPlainString() + "/" + quantity.toPlainString() + "/" + side :
            Long.toString(tradeId);
    }

    @Test
    void keepAlivesAreSentAndAnsweredButDoNotHideAStalledSubscription()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(100)
            .heartbeatInterval(100, TimeUnit.MILLISECONDS).build(), VENUES, b ->
            b.staleAfter(700, TimeUnit.MILLISECONDS).pingInterval(100, TimeUnit.MILLISECONDS)
            .reconnectBackoff(100, 200, TimeUnit.MILLISECONDS)))
        {
            for (final Venue venue : VENUES)
            {
                LoopbackRig.await(WAIT, venue.id() + " trades", () -> rig.trades(venue).size() > 30);
            }
            rig.simulator.stallTrades(3, TimeUnit.SECONDS);
            for (final Venue venue : VENUES)
            {
                LoopbackRig.await(WAIT, venue.id() + " stale", () -> rig.statuses(venue).stream()
                    .anyMatch(s -> s.state() == FeedState.STALE));
            }
            for (final Venue venue : VENUES)
            {
                final int before = rig.trades(venue).size();
                LoopbackRig.await(WAIT, venue.id() + " healthy again", () -> rig.trades(venue).size() > before + 30);
            }
            rig.feeds.close();
            for (final Venue venue : VENUES)
            {
                assertThat(rig.feeds.counters(venue).malformed.get()).as(venue.id() + " keep-alives are not malformed")
                    .isZero();
            }
            assertThat(rig.simulator.clientPingsReceived()).as("client pings were answered all along").isPositive();
        }
    }

    @Test
    void aRefusedSubscriptionShowsTheExchangesWords()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(100).build(), VENUES,
            (venue, b) -> b.reconnectBackoff(200, 400, TimeUnit.MILLISECONDS), e -> e,
            sim -> sim.refuseSubscriptions(true), HostResolver.SYSTEM))
        {
            for (final Venue venue : VENUES)
            {
                LoopbackRig.await(WAIT, venue.id() + " refused", () -> rig.statuses(venue).stream()
                    .anyMatch(s -> s.state() == FeedState.REJECTED));
                assertThat(rig.statuses(venue)).noneMatch(s -> s.state() == FeedState.CONNECTED);
            }
            assertThat(rig.feeds.errors().distinctMessages())
                .anyMatch(m -> m.startsWith("hyperliquid:") && m.contains("Invalid subscription"))
                .anyMatch(m -> m.startsWith("bitfinex:") && m.contains("symbol: invalid"))
                .anyMatch(m -> m.startsWith("kraken:") && m.contains("Currency pair not supported"))
                .anyMatch(m -> m.startsWith("bitstamp:") && m.contains("Bad subscription string"));
            rig.simulator.refuseSubscriptions(false);
            for (final Venue venue : VENUES)
            {
                LoopbackRig.await(WAIT, venue.id() + " served", () -> rig.trades(venue).size() > 10);
            }
            rig.feeds.close();
        }
    }

    @Test
    void bitfinexMessagesLostOnAConnectionAreAGapOfUnknownSize()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(200).build(),
            List.of(Venue.BITFINEX), b -> b))
        {
            LoopbackRig.await(WAIT, "trades", () -> rig.trades(Venue.BITFINEX).size() > 50);
            assertThat(rig.statuses(Venue.BITFINEX)).extracting(LoopbackRig.Seen::state)
                .containsExactly(FeedState.CONNECTED);
            rig.simulator.loseSequencedMessages(3);
            LoopbackRig.await(WAIT, "a gap", () -> rig.statuses(Venue.BITFINEX).stream()
                .anyMatch(s -> s.state() == FeedState.GAP));
            rig.feeds.close();
            assertThat(rig.statuses(Venue.BITFINEX)).filteredOn(s -> s.state() == FeedState.GAP)
                .extracting(LoopbackRig.Seen::missing).containsExactly(InputEvent.MISSING_UNKNOWN);
            assertThat(rig.feeds.counters(Venue.BITFINEX).reconnects.get()).as("the connection is kept").isZero();
        }
    }
}
