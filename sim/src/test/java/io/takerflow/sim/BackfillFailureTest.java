package io.takerflow.sim;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.net.FeedCounters;
import io.takerflow.feeds.net.FeedSettings;
import io.takerflow.feeds.net.HostResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfills that cannot simply succeed: REST errors, a 429 with {@code Retry-After}, a venue that keeps failing, a
 * gap older than the cap. Each time the remainder is reported on the closing GAP status, nothing is published twice
 * and the feed keeps running.
 */
final class BackfillFailureTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Venue VENUE = Venue.COINBASE;
    /** No heartbeat tells Binance's last id: a stall is seen only when trades resume, as one gap. */
    private static final Venue SILENT = Venue.BINANCE_USDM;

    @Test
    void restErrorsAndA429WithRetryAfterAreRetriedAndTheGapIsRecoveredWhole()
    {
        try (LoopbackRig rig = rig(b -> b))
        {
            awaitLive(rig, 50);
            rig.simulator.failNextRestRequests(2, 500, null);
            gap(rig);
            awaitClosingStatuses(rig, 1);
            rig.simulator.failNextRestRequests(1, 429, "1");
            gap(rig);
            awaitClosingStatuses(rig, 2);
            awaitLive(rig, 30);
            rig.feeds.close();
            final FeedCounters counters = rig.feeds.counters(VENUE);
            assertThat(counters.restErrors.get()).as("errors counted").isGreaterThanOrEqualTo(3);
            assertThat(counters.rateLimited.get()).as("429 counted").isGreaterThanOrEqualTo(1);
            for (final LoopbackRig.Seen done : closing(rig))
            {
                assertThat(done.missing()).as("nothing left once the retries succeed").isZero();
                assertThat(done.recovered()).isPositive();
            }
            BackfillTest.assertEveryPrintedTradeOnceWithItsValues(rig, VENUE);
        }
    }

    @Test
    void aVenueThatKeepsFailingLeavesTheWholeGapReportedAndTheFeedRunning()
    {
        try (LoopbackRig rig = rig(b -> b))
        {
            awaitLive(rig, 50);
            rig.simulator.failNextRestRequests(1000, 503, null);
            gap(rig);
            awaitClosingStatuses(rig, 1);
            awaitLive(rig, 50);
            rig.feeds.close();
            final LoopbackRig.Seen opened = opening(rig).get(0);
            final LoopbackRig.Seen done = closing(rig).get(0);
            assertThat(opened.missing()).isPositive();
            assertThat(done.recovered()).isZero();
            assertThat(done.missing()).as("the whole gap is reported").isEqualTo(opened.missing());
            assertThat(rig.feeds.counters(VENUE).unrecoveredTrades.get()).isEqualTo(opened.missing());
            assertThat(rig.feeds.counters(VENUE).restErrors.get()).isGreaterThanOrEqualTo(5);
            assertOnce(rig);
        }
    }

    @Test
    void aGapOlderThanTheCapIsRecoveredOnlyBackToTheCapAndTheRestReported()
    {
        try (LoopbackRig rig = rig(SILENT, b -> b.backfillCap(500, TimeUnit.MILLISECONDS)))
        {
            awaitLive(rig, SILENT, 50);
            rig.simulator.stall(2, TimeUnit.SECONDS);
            LoopbackRig.await(WAIT, "the feed stale", () -> rig.statuses(SILENT).stream()
                .anyMatch(s -> s.state() == FeedState.STALE));
            awaitLive(rig, SILENT, 30);
            LoopbackRig.await(WAIT, "every backfill finished", () -> BackfillTest.backfillsDone(rig, SILENT));
            rig.feeds.close();
            long opened = 0;
            long recovered = 0;
            long left = 0;
            for (final LoopbackRig.Seen gap : opening(rig, SILENT))
            {
                opened += gap.missing();
            }
            for (final LoopbackRig.Seen done : closing(rig, SILENT))
            {
                recovered += done.recovered();
                left += done.missing();
            }
            // 2 s of trades at 150 a second were missed; only those of the last 0.5 s before each gap may be fetched
            assertThat(opened).as("missed in the stall").isGreaterThan(200);
            assertThat(left).as("older than the cap: reported").isPositive();
            assertThat(recovered).as("recovered back to the cap only").isLessThan(opened / 2);
            assertThat(recovered + left).as("every missed trade recovered or reported").isEqualTo(opened);
            assertThat(rig.trades(SILENT).stream().filter(t -> (t.marks() & InputEvent.BACKFILLED) != 0).count())
                .isEqualTo(recovered);
            assertOnce(rig, SILENT);
        }
    }

    @Test
    void aVenueServingOnlyItsLatestTradesRecoversTheNewestOfALongGapAndReportsTheRest()
    {
        final Venue latest = Venue.COINBASE_ADVANCED;
        try (LoopbackRig rig = rig(latest, 500, b -> b))
        {
            awaitLive(rig, latest, 50);
            rig.simulator.stall(3, TimeUnit.SECONDS); // 1,500 trades missed: more than the 1,000 newest it serves
            LoopbackRig.await(WAIT, "the feed stale", () -> rig.statuses(latest).stream()
                .anyMatch(s -> s.state() == FeedState.STALE));
            awaitLive(rig, latest, 30);
            LoopbackRig.await(WAIT, "every backfill finished", () -> BackfillTest.backfillsDone(rig, latest));
            rig.feeds.close();
            final List<LoopbackRig.Seen> done = closing(rig, latest);
            assertThat(done).hasSize(1);
            assertThat(done.get(0).recovered()).as("the gap's newest trades recovered").isPositive();
            assertThat(done.get(0).missing()).as("the rest reported, of unknown size")
                .isEqualTo(InputEvent.MISSING_UNKNOWN);
            assertThat(rig.feeds.counters(latest).restRequests.get()).as("asked once").isEqualTo(1);
            final List<Long> live = rig.trades(latest).stream().filter(t -> (t.marks() & InputEvent.BACKFILLED) == 0)
                .map(LoopbackRig.Seen::tradeId).sorted().toList();
            long after = 0;
            long before = 0;
            for (int i = 1; i < live.size(); i++)
            {
                if (live.get(i) - live.get(i - 1) > before - after)
                {
                    after = live.get(i - 1);
                    before = live.get(i);
                }
            }
            final List<Long> recovered = rig.trades(latest).stream()
                .filter(t -> (t.marks() & InputEvent.BACKFILLED) != 0).map(LoopbackRig.Seen::tradeId).sorted()
                .toList();
            assertThat(before - after - 1).as("missed in the stall").isGreaterThan(1000);
            assertThat(recovered).as("recovered").hasSize((int)done.get(0).recovered());
            assertThat(recovered.get(recovered.size() - 1)).as("up to the gap's end").isEqualTo(before - 1);
            assertThat(recovered.get(recovered.size() - 1) - recovered.get(0) + 1).as("one run, no hole")
                .isEqualTo(recovered.size());
            assertThat(recovered.get(0)).as("not back to the gap's start").isGreaterThan(after + 1);
            assertOnce(rig, latest);
        }
    }

    @Test
    void aLongBybitGapIsRecoveredAsFarAsItsLatestSixtyTradesReachAndTheRestReported()
    {
        final Venue bybit = Venue.BYBIT_SPOT;
        try (LoopbackRig rig = rig(bybit, 60, b -> b))
        {
            awaitLive(rig, bybit, 30);
            rig.simulator.stall(3, TimeUnit.SECONDS); // 180 trades missed: more than the 60 newest spot serves
            LoopbackRig.await(WAIT, "the feed stale", () -> rig.statuses(bybit).stream()
                .anyMatch(s -> s.state() == FeedState.STALE));
            awaitLive(rig, bybit, 30);
            LoopbackRig.await(WAIT, "every backfill finished", () -> BackfillTest.backfillsDone(rig, bybit));
            rig.feeds.close();
            final List<LoopbackRig.Seen> done = closing(rig, bybit);
            assertThat(done).hasSize(1);
            assertThat(done.get(0).recovered()).as("the gap's newest trades").isPositive().isLessThan(60);
            assertThat(done.get(0).missing()).as("the rest reported").isEqualTo(InputEvent.MISSING_UNKNOWN);
            assertThat(rig.trades(bybit).stream().filter(t -> (t.marks() & InputEvent.BACKFILLED) != 0).count())
                .isEqualTo(done.get(0).recovered());
            assertOnce(rig, bybit);
        }
    }

    /**
     * Hyperliquid's only trade history is {@code POST /info} {@code recentTrades}, its latest trades (the simulator
     * answers with 10), asked with a JSON body: a long gap's newest trades within its span are recovered, the rest
     * reported.
     */
    @Test
    void aLongHyperliquidGapIsRecoveredAsFarAsItsRecentTradesReachAndTheRestReported()
    {
        final Venue hyperliquid = Venue.HYPERLIQUID;
        try (LoopbackRig rig = rig(hyperliquid, 60, b -> b))
        {
            awaitLive(rig, hyperliquid, 30);
            rig.simulator.stall(3, TimeUnit.SECONDS); // 180 trades missed: far more than the recent trades
            LoopbackRig.await(WAIT, "the feed stale", () -> rig.statuses(hyperliquid).stream()
                .anyMatch(s -> s.state() == FeedState.STALE));
            awaitLive(rig, hyperliquid, 30);
            LoopbackRig.await(WAIT, "every backfill finished", () -> BackfillTest.backfillsDone(rig, hyperliquid));
            rig.feeds.close();
            final List<LoopbackRig.Seen> done = closing(rig, hyperliquid);
            assertThat(done).hasSize(1);
            assertThat(done.get(0).recovered()).as("the gap's newest trades").isPositive()
                .isLessThanOrEqualTo(TradeHistoryEndpoint.HYPERLIQUID_RECENT);
            assertThat(done.get(0).missing()).as("the rest reported").isEqualTo(InputEvent.MISSING_UNKNOWN);
            assertThat(rig.trades(hyperliquid).stream().filter(t -> (t.marks() & InputEvent.BACKFILLED) != 0)
                .count()).isEqualTo(done.get(0).recovered());
            for (final LoopbackRig.Seen trade : rig.trades(hyperliquid))
            {
                if ((trade.marks() & InputEvent.BACKFILLED) != 0)
                {
                    // the simulator's tid is its trade number: the recovered trade is the one printed
                    final SimTrade printed = rig.simulator.printed(hyperliquid, "BTC", trade.tradeId());
                    assertThat(trade.side()).as("side of " + trade.tradeId()).isEqualTo(printed.takerSide());
                    assertThat(trade.price()).as("price of " + trade.tradeId())
                        .isEqualByComparingTo(BigDecimal.valueOf(printed.priceMantissa(), printed.priceScale()));
                    assertThat(trade.quantity()).as("size of " + trade.tradeId()).isEqualByComparingTo(
                        BigDecimal.valueOf(printed.quantityMantissa(), printed.quantityScale()));
                }
            }
            assertOnce(rig, hyperliquid);
        }
    }

    private static LoopbackRig rig(final UnaryOperator<FeedSettings.Builder> tweak)
    {
        return rig(VENUE, tweak);
    }

    private static LoopbackRig rig(final Venue venue, final UnaryOperator<FeedSettings.Builder> tweak)
    {
        return rig(venue, 150, tweak);
    }

    private static LoopbackRig rig(final Venue venue, final double tradesPerSecond,
        final UnaryOperator<FeedSettings.Builder> tweak)
    {
        final AtomicReference<ExchangeSimulator> simulator = new AtomicReference<>();
        return new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(tradesPerSecond).build(), List.of(venue),
            (v, b) -> tweak.apply(b.staleAfter(400, TimeUnit.MILLISECONDS)
                .reconnectBackoff(100, 300, TimeUnit.MILLISECONDS).rest(simulator.get().restBase())),
            e -> e, simulator::set, HostResolver.SYSTEM);
    }

    private static void gap(final LoopbackRig rig)
    {
        final long reconnects = rig.feeds.counters(VENUE).reconnects.get();
        rig.simulator.closeConnections();
        LoopbackRig.await(WAIT, "a reconnect", () -> rig.feeds.counters(VENUE).reconnects.get() > reconnects);
    }

    private static void awaitLive(final LoopbackRig rig, final int more)
    {
        awaitLive(rig, VENUE, more);
    }

    private static void awaitLive(final LoopbackRig rig, final Venue venue, final int more)
    {
        final int before = BackfillTest.liveTrades(rig, venue);
        LoopbackRig.await(WAIT, more + " more live trades", () -> BackfillTest.liveTrades(rig, venue) >= before + more);
    }

    private static void awaitClosingStatuses(final LoopbackRig rig, final int count)
    {
        LoopbackRig.await(WAIT, count + " finished backfills", () -> closing(rig).size() >= count);
    }

    private static List<LoopbackRig.Seen> opening(final LoopbackRig rig)
    {
        return opening(rig, VENUE);
    }

    private static List<LoopbackRig.Seen> opening(final LoopbackRig rig, final Venue venue)
    {
        return rig.statuses(venue).stream().filter(s -> (s.marks() & InputEvent.BACKFILL_PENDING) != 0).toList();
    }

    private static List<LoopbackRig.Seen> closing(final LoopbackRig rig)
    {
        return closing(rig, VENUE);
    }

    private static List<LoopbackRig.Seen> closing(final LoopbackRig rig, final Venue venue)
    {
        return rig.statuses(venue).stream().filter(s -> (s.marks() & InputEvent.BACKFILL_DONE) != 0).toList();
    }

    private static void assertOnce(final LoopbackRig rig)
    {
        assertOnce(rig, VENUE);
    }

    private static void assertOnce(final LoopbackRig rig, final Venue venue)
    {
        final Set<Long> ids = new HashSet<>();
        rig.trades(venue).forEach(t -> assertThat(ids.add(t.tradeId())).as("trade " + t.tradeId() + " twice").isTrue());
    }
}
