package io.takerflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.net.FeedCounters;

/**
 * The real feed connections against the loopback simulator: every venue's wire format end to end, reconnects,
 * gaps, stale feeds, malformed frames, make-before-break rotation and pings. Expected values come from what the
 * simulator recorded as sent, never from the feed code.
 */
final class LoopbackFeedTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everyVenueDeliversExactlyTheTradesTheSimulatorSent()
    {
        final List<Venue> venues = List.of(Venue.values());
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(200).build(), venues,
            b -> b))
        {
            for (final Venue venue : venues)
            {
                LoopbackRig.await(WAIT, venue.id() + " trades", () -> rig.trades(venue).size() >= 100);
            }
            rig.feeds.close();
            for (final Venue venue : venues)
            {
                final List<LoopbackRig.Seen> received = rig.trades(venue);
                final List<LoopbackRig.Sent> sent = rig.sent(venue);
                assertThat(received.size()).as(venue.id()).isLessThanOrEqualTo(sent.size()).isGreaterThanOrEqualTo(100);
                for (int i = 0; i < received.size(); i++)
                {
                    final LoopbackRig.Seen got = received.get(i);
                    final LoopbackRig.Sent expected = sent.get(i);
                    assertThat(got.price()).as(venue.id() + " price #" + i).isEqualByComparingTo(expected.price());
                    assertThat(got.quantity()).as(venue.id() + " quantity #" + i)
                        .isEqualByComparingTo(expected.quantity());
                    assertThat(got.side()).as(venue.id() + " taker side #" + i).isEqualTo(expected.side());
                    if (venue != Venue.BYBIT_LINEAR && venue != Venue.BYBIT_SPOT &&
                        venue != Venue.KRAKEN && venue != Venue.BITMEX)
                    {
                        assertThat(got.tradeId()).as(venue.id() + " trade id #" + i).isEqualTo(expected.tradeId());
                    }
                }
                assertThat(rig.statuses(venue)).extracting(LoopbackRig.Seen::state)
                    .containsExactly(FeedState.CONNECTED);
                assertThat(rig.feeds.counters(venue).malformed.get()).as(venue.id() + " malformed").isZero();
            }
        }
    }

    @Test
    void reconnectsAndResubscribesAfterTheServerClosesAndReportsTheTradesItMissed()
    {
        final List<Venue> venues = List.of(Venue.BINANCE_USDM, Venue.COINBASE, Venue.DERIBIT, Venue.KRAKEN_FUTURES);
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(300).build(), venues,
            b -> b.reconnectBackoff(200, 1000, TimeUnit.MILLISECONDS)))
        {
            LoopbackRig.await(WAIT, "first trades", () -> rig.trades(Venue.COINBASE).size() >= 50 &&
                rig.trades(Venue.BINANCE_USDM).size() >= 50);
            rig.simulator.closeConnections();
            for (final Venue venue : venues)
            {
                final int before = rig.trades(venue).size();
                LoopbackRig.await(WAIT, venue.id() + " trades after reconnect", () -> rig.trades(venue).size() >=
                    before + 100);
            }
            rig.feeds.close();
            assertThat(rig.simulator.connectionsAccepted()).isGreaterThanOrEqualTo(4);
            for (final Venue venue : venues)
            {
                assertThat(rig.statuses(venue)).extracting(LoopbackRig.Seen::state)
                    .startsWith(FeedState.CONNECTED, FeedState.DISCONNECTED)
                    .contains(FeedState.GAP);
                assertThat(rig.statuses(venue).get(rig.statuses(venue).size() - 1).state())
                    .isNotEqualTo(FeedState.DISCONNECTED);
                assertThat(rig.feeds.counters(venue).reconnects.get()).isGreaterThanOrEqualTo(1);
                assertGapsAccountForEveryMissingId(rig, venue);
            }
        }
    }

    @Test
    void droppedTradeIdsBecomeGapEventsWithTheMissingCount()
    {
        final List<Venue> venues = List.of(Venue.BINANCE_USDM, Venue.BINANCE_SPOT, Venue.COINBASE, Venue.DERIBIT,
            Venue.KRAKEN_FUTURES);
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(400).dropEvery(37).build(),
            venues, b -> b))
        {
            for (final Venue venue : venues)
            {
                LoopbackRig.await(WAIT, venue.id() + " trades", () -> rig.trades(venue).size() >= 300);
            }
            rig.feeds.close();
            for (final Venue venue : venues)
            {
                final List<LoopbackRig.Seen> trades = rig.trades(venue);
                final long first = trades.get(0).tradeId();
                final long last = trades.get(trades.size() - 1).tradeId();
                long dropped = 0;
                for (long id = first; id <= last; id++)
                {
                    dropped += id % 37 == 0 ? 1 : 0;
                }
                final List<LoopbackRig.Seen> gaps = gaps(rig, venue);
                assertThat(gaps).as(venue.id()).isNotEmpty();
                assertThat(gaps.stream().mapToLong(LoopbackRig.Seen::missing).sum())
                    .as(venue.id() + " missing trades reported").isGreaterThanOrEqualTo(dropped);
                assertGapsAccountForEveryMissingId(rig, venue);
                assertThat(rig.feeds.counters(venue).gaps.get()).isEqualTo(gaps.size());
            }
        }
    }

    @Test
    void aSilentFeedIsReportedStaleAndReconnected()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(200).build(),
            List.of(Venue.BINANCE_USDM), b -> b.staleAfter(400, TimeUnit.MILLISECONDS)
                .reconnectBackoff(100, 200, TimeUnit.MILLISECONDS)))
        {
            LoopbackRig.await(WAIT, "first trades", () -> rig.trades(Venue.BINANCE_USDM).size() >= 20);
            rig.simulator.stall(1200, TimeUnit.MILLISECONDS);
            LoopbackRig.await(WAIT, "stale", () -> rig.statuses(Venue.BINANCE_USDM).stream()
                .anyMatch(s -> s.state() == FeedState.STALE));
            final int before = rig.trades(Venue.BINANCE_USDM).size();
            LoopbackRig.await(WAIT, "trades after the stall", () -> rig.trades(Venue.BINANCE_USDM).size() > before +
                50);
            rig.feeds.close();
            final List<FeedState> states = new ArrayList<>();
            rig.statuses(Venue.BINANCE_USDM).forEach(s -> states.add(s.state()));
            assertThat(states).startsWith(FeedState.CONNECTED, FeedState.STALE);
            assertThat(states.subList(2, states.size())).contains(FeedState.CONNECTED);
            assertThat(rig.feeds.counters(Venue.BINANCE_USDM).stale.get()).isGreaterThanOrEqualTo(1);
            assertGapsAccountForEveryMissingId(rig, Venue.BINANCE_USDM);
        }
    }

    @Test
    void malformedFramesAreCountedAndSkippedWithoutLosingATrade()
    {
        final List<Venue> venues = List.of(Venue.BINANCE_USDM, Venue.COINBASE, Venue.OKX, Venue.BYBIT_LINEAR);
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(300).malformedEvery(7)
            .build(), venues, b -> b))
        {
            for (final Venue venue : venues)
            {
                LoopbackRig.await(WAIT, venue.id() + " trades", () -> rig.trades(venue).size() >= 200);
            }
            rig.simulator.stall(60, TimeUnit.SECONDS);
            for (final Venue venue : venues)
            {
                LoopbackRig.await(WAIT, venue.id() + " trades in flight",
                    () -> rig.trades(venue).size() == rig.sent(venue).size());
            }
            rig.feeds.close();
            long malformed = 0;
            for (final Venue venue : venues)
            {
                final FeedCounters counters = rig.feeds.counters(venue);
                malformed += counters.malformed.get();
                assertThat(counters.malformed.get()).as(venue.id()).isPositive();
                assertThat(gaps(rig, venue)).as(venue.id() + " gaps").isEmpty();
                assertThat(rig.trades(venue).size()).isEqualTo(rig.sent(venue).size());
            }
            assertThat(malformed).isEqualTo(rig.simulator.malformedSent());
        }
    }

    @Test
    void rotationBeforeTheConnectionLifetimeLosesAndDoublesNothing()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(1000).build(),
            List.of(Venue.BINANCE_USDM, Venue.BINANCE_SPOT), b -> b.rotateAfter(600, TimeUnit.MILLISECONDS)
                .rotationOverlap(300, TimeUnit.MILLISECONDS)))
        {
            LoopbackRig.await(WAIT, "three rotations, each a new connection", () ->
                rig.feeds.counters(Venue.BINANCE_USDM).rotations.get() >= 3 &&
                rig.feeds.counters(Venue.BINANCE_SPOT).rotations.get() >= 3 &&
                rig.simulator.connectionsAccepted() >= 8);
            rig.feeds.close();
            for (final Venue venue : List.of(Venue.BINANCE_USDM, Venue.BINANCE_SPOT))
            {
                assertContiguousOnce(rig, venue);
                assertThat(rig.feeds.counters(venue).duplicates.get()).as(venue.id() + " overlap duplicates")
                    .isPositive();
                assertThat(rig.statuses(venue)).extracting(LoopbackRig.Seen::state)
                    .containsExactly(FeedState.CONNECTED);
            }
        }
    }

    @Test
    void serverShutdownNoticeTriggersARotationThatLosesAndDoublesNothing()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(1000)
            .connectionLifetime(800, TimeUnit.MILLISECONDS).shutdownGrace(400, TimeUnit.MILLISECONDS).build(),
            List.of(Venue.BINANCE_USDM), b -> b.rotateAfter(0, TimeUnit.SECONDS)
                .rotationOverlap(200, TimeUnit.MILLISECONDS)))
        {
            LoopbackRig.await(WAIT, "three rotations", () -> rig.feeds.counters(Venue.BINANCE_USDM).rotations.get() >=
                3);
            rig.feeds.close();
            assertContiguousOnce(rig, Venue.BINANCE_USDM);
            assertThat(rig.statuses(Venue.BINANCE_USDM)).extracting(LoopbackRig.Seen::state)
                .containsExactly(FeedState.CONNECTED);
        }
    }

    @Test
    void serverPingsAreAnsweredAndClientPingsSent()
    {
        final List<Venue> venues = List.of(Venue.BINANCE_USDM, Venue.BYBIT_LINEAR, Venue.OKX);
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(50)
            .pingInterval(100, TimeUnit.MILLISECONDS).build(), venues, b -> b.pingInterval(100, TimeUnit.MILLISECONDS)))
        {
            LoopbackRig.await(WAIT, "pings", () -> rig.simulator.pingsAndPongs()[1] >= 5 &&
                rig.simulator.clientPingsReceived() >= 10);
            rig.feeds.close();
            final long[] pingsAndPongs = rig.simulator.pingsAndPongs();
            assertThat(pingsAndPongs[1]).isBetween(pingsAndPongs[0] - 2, pingsAndPongs[0]);
            for (final Venue venue : venues)
            {
                assertThat(rig.feeds.counters(venue).malformed.get()).as(venue.id() + " pong replies are not malformed")
                    .isZero();
            }
            assertThat(rig.feeds.counters(Venue.BYBIT_LINEAR).pingsSent.get() +
                rig.feeds.counters(Venue.OKX).pingsSent.get())
                .isGreaterThanOrEqualTo(rig.simulator.clientPingsReceived());
        }
    }

    @Test
    void aFrameOverTheLimitIsCountedTheConnectionReplacedAndTheMissedTradesReported()
    {
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(300).oversizedEvery(150)
            .build(), List.of(Venue.BINANCE_USDM), b -> b.maxFrameBytes(16 * 1024)
            .reconnectBackoff(100, 200, TimeUnit.MILLISECONDS)))
        {
            LoopbackRig.await(WAIT, "two oversized frames rejected",
                () -> rig.feeds.counters(Venue.BINANCE_USDM).oversized.get() >= 2);
            final int before = rig.trades(Venue.BINANCE_USDM).size();
            LoopbackRig.await(WAIT, "trades after reconnecting", () -> rig.trades(Venue.BINANCE_USDM).size() > before +
                50);
            rig.feeds.close();
            assertThat(rig.feeds.counters(Venue.BINANCE_USDM).reconnects.get()).isGreaterThanOrEqualTo(2);
            assertThat(rig.feeds.counters(Venue.BINANCE_USDM).malformed.get()).isZero();
            assertThat(rig.statuses(Venue.BINANCE_USDM)).extracting(LoopbackRig.Seen::state)
                .startsWith(FeedState.CONNECTED, FeedState.DISCONNECTED).contains(FeedState.GAP);
            assertGapsAccountForEveryMissingId(rig, Venue.BINANCE_USDM);
        }
    }

    @Test
    void aFullRingMakesTheFeedWaitAndCountItWithoutLosingATrade()
    {
        final long[] seen = {0};
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(2000).build(),
            List.of(Venue.BINANCE_USDM), b -> b, e -> e.ringSize(64).listener(signal ->
            {
                if (++seen[0] % 2 == 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
            })))
        {
            LoopbackRig.await(WAIT, "ring waits", () -> rig.engine.counters().ringWaits.get() > 0 &&
                rig.trades(Venue.BINANCE_USDM).size() > 500);
            rig.simulator.stall(60, TimeUnit.SECONDS);
            LoopbackRig.await(WAIT, "trades in flight",
                () -> rig.trades(Venue.BINANCE_USDM).size() == rig.sent(Venue.BINANCE_USDM).size());
            rig.feeds.close();
            assertContiguousOnce(rig, Venue.BINANCE_USDM);
            assertThat(rig.engine.counters().ringWaits.get()).isPositive();
        }
    }

    private static List<LoopbackRig.Seen> gaps(final LoopbackRig rig, final Venue venue)
    {
        final List<LoopbackRig.Seen> gaps = new ArrayList<>();
        rig.statuses(venue).stream().filter(s -> s.state() == FeedState.GAP).forEach(gaps::add);
        return gaps;
    }

    /**
     * Ids are consecutive on these venues, so every id between the first and last trade received was either
     * received or counted missing by a gap event (a trailing Coinbase gap may be reported by a heartbeat, after
     * the last trade received, so missing may exceed the hole by what came after).
     */
    private static void assertGapsAccountForEveryMissingId(final LoopbackRig rig, final Venue venue)
    {
        final List<LoopbackRig.Seen> trades = rig.trades(venue);
        final Set<Long> ids = new HashSet<>();
        trades.forEach(t -> ids.add(t.tradeId()));
        assertThat(ids).as(venue.id() + " no duplicates").hasSize(trades.size());
        final long span = trades.get(trades.size() - 1).tradeId() - trades.get(0).tradeId() + 1;
        final long holes = span - ids.size();
        long missingBeforeLast = 0;
        long seenTrades = 0;
        for (final LoopbackRig.Seen event : rig.seen)
        {
            if (event.venue() != venue)
            {
                continue;
            }
            if (event.type() == io.takerflow.engine.input.EventType.TRADE)
            {
                seenTrades++;
            }
            else if (event.state() == FeedState.GAP && seenTrades > 0 && seenTrades < trades.size())
            {
                missingBeforeLast += event.missing();
            }
        }
        assertThat(missingBeforeLast).as(venue.id() + " missing ids reported between first and last trade")
            .isEqualTo(holes);
    }

    private static void assertContiguousOnce(final LoopbackRig rig, final Venue venue)
    {
        final List<LoopbackRig.Seen> trades = rig.trades(venue);
        for (int i = 1; i < trades.size(); i++)
        {
            assertThat(trades.get(i).tradeId()).as(venue.id() + " trade #" + i)
                .isEqualTo(trades.get(i - 1).tradeId() + 1);
        }
        assertThat(gaps(rig, venue)).as(venue.id() + " gaps").isEmpty();
    }
}
