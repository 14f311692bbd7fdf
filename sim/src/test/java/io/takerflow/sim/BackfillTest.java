package io.takerflow.sim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalFlags;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.feeds.net.FeedCounters;
import io.takerflow.feeds.net.HostResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gaps recovered over the venues' REST trade histories, against the simulator's REST endpoints: a server that
 * closes and silently stalls the client's connections while trades keep printing loses nothing and doubles
 * nothing on every venue with an id-paged history, and on Bitfinex and Gate futures, whose histories are asked by
 * time (the gap's span, from the last trade before it to the first after it, ids outside the gap dropped; Bitfinex
 * walks it up, Gate pages it by offset, its sizes in contracts), and on Coinbase Advanced, whose latest trades reach
 * back past these short gaps; reconnects on Bybit (latest trades) and BitMEX (up by time), whose ids are opaque, and
 * on Bitstamp (the last hour's trades) are recovered whole in cases of their own. Expected trades are what the
 * simulator printed.
 */
final class BackfillTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<Venue> VENUES = List.of(Venue.BINANCE_USDM, Venue.BINANCE_SPOT, Venue.COINBASE,
        Venue.OKX, Venue.DERIBIT, Venue.BITFINEX, Venue.GATE_FUTURES, Venue.COINBASE_ADVANCED);

    @Test
    void closedAndSilentlyStalledConnectionsLoseAndDoubleNoTradeOnAnyVenueWithAnIdPagedHistory()
    {
        final AtomicReference<ExchangeSimulator> simulator = new AtomicReference<>();
        final AtomicIntegerArray flags = new AtomicIntegerArray(VENUES.size());
        final SignalListener latest = new SignalListener()
        {
            @Override
            public void onSignal(final SignalView signal)
            {
                flags.set(signal.marketIndex(), signal.flags());
            }
        };
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(150).build(), VENUES,
            (venue, b) -> b.staleAfter(400, TimeUnit.MILLISECONDS).reconnectBackoff(100, 300, TimeUnit.MILLISECONDS)
                .rest(simulator.get().restBase()),
            e ->
            {
                for (int m = 1; m < VENUES.size(); m++)
                {
                    e.market(MarketConfig.builder("M" + m).flowInstruments(m).build());
                }
                return e.listener(latest);
            },
            simulator::set, HostResolver.SYSTEM))
        {
            awaitTrades(rig, 50);
            rig.simulator.closeConnections();
            awaitTrades(rig, 100);
            rig.simulator.stall(1500, TimeUnit.MILLISECONDS);
            LoopbackRig.await(WAIT, "every feed stale", () -> VENUES.stream().allMatch(v -> rig.statuses(v).stream()
                .anyMatch(s -> s.state() == FeedState.STALE)));
            awaitTrades(rig, 100);
            rig.simulator.closeConnections();
            awaitTrades(rig, 100);
            try
            {
                LoopbackRig.await(WAIT, "every backfill done", () -> VENUES.stream()
                    .allMatch(v -> backfillsDone(rig, v)));
            }
            catch (final AssertionError ex)
            {
                for (final Venue v : VENUES)
                {
                    final FeedCounters c = rig.feeds.counters(v);
                    System.out.println(v.id() + " backfills=" + c.backfills.get() + " req=" + c.restRequests.get() +
                        " err=" + c.restErrors.get() + " rec=" + c.recoveredTrades.get() + " statuses=" +
                        rig.statuses(v));
                }
                throw ex;
            }
            awaitTrades(rig, 20);
            for (int m = 0; m < VENUES.size(); m++)
            {
                final int market = m;
                LoopbackRig.await(WAIT, VENUES.get(m).id() + " market not DEGRADED",
                    () -> (flags.get(market) & SignalFlags.DEGRADED) == 0);
            }
            rig.feeds.close();
            for (final Venue venue : VENUES)
            {
                assertEveryPrintedTradeOnceWithItsValues(rig, venue);
                final FeedCounters counters = rig.feeds.counters(venue);
                assertThat(counters.backfills.get()).as(venue.id() + " gaps backfilled").isGreaterThanOrEqualTo(2);
                assertThat(counters.recoveredTrades.get()).as(venue.id() + " recovered").isPositive();
                assertThat(counters.unrecoveredTrades.get()).as(venue.id() + " unrecovered").isZero();
                assertThat(counters.restRequests.get()).as(venue.id() + " requests").isPositive();
                long recoveredReported = 0;
                for (final LoopbackRig.Seen status : rig.statuses(venue))
                {
                    if ((status.marks() & InputEvent.BACKFILL_DONE) != 0)
                    {
                        assertThat(status.missing()).as(venue.id() + " left after a backfill").isZero();
                        recoveredReported += status.recovered();
                    }
                }
                final long backfilled = rig.trades(venue).stream().filter(t -> (t.marks() & InputEvent.BACKFILLED) != 0)
                    .count();
                assertThat(recoveredReported).as(venue.id() + " recovered counts on the GAP statuses")
                    .isEqualTo(backfilled).isEqualTo(counters.recoveredTrades.get());
            }
        }
    }

    /**
     * Bybit's ids are opaque: a reconnect's gap is bounded by the times of the trades either side of it, and the
     * latest trades (spot serves 60) recover those within that span whose ids the gate never published. At 40 trades a
     * second a reconnect misses far fewer than 60, so every printed trade arrives once (spot ids are the simulator's
     * plus 2,290,000,000,000,000,000).
     */
    @Test
    void bybitReconnectsAreRecoveredFromItsLatestTradesByTimeAndRememberedIds()
    {
        assertReconnectsRecovered(Venue.BYBIT_SPOT, id -> 2_290_000_000_000_000_000L + id, 1);
    }

    /**
     * BitMEX's ids are GUIDs: a reconnect's gap is bounded by the times of the trades either side of it and walked up
     * by time ({@code /api/v1/trade?startTime&endTime&reverse=false}); the trades of the span whose ids the gate never
     * published are recovered, so every printed trade arrives once, its size in USD contracts as printed. The
     * simulator's {@code trdMatchID} of trade N is {@code new UUID(0xb17e, N)}, which the decoders hash to 64 bits.
     */
    @Test
    void bitmexReconnectsAreRecoveredUpByTimeAndRememberedIds()
    {
        assertReconnectsRecovered(Venue.BITMEX, id -> fnv1a(new UUID(0xb17e, id).toString()), 1);
    }

    /**
     * Bitstamp's ids grow but skip (one counter across pairs): a reconnect's gap is bounded by the ids either side of
     * it, and the last hour's trades ({@code transactions/{pair}/?time=hour}) recover it whole; a recovered trade
     * carries its second, as Bitstamp's REST {@code date} gives it.
     */
    @Test
    void bitstampReconnectsAreRecoveredFromTheLastHoursTrades()
    {
        assertReconnectsRecovered(Venue.BITSTAMP, id -> id, 1_000_000_000L);
    }

    /**
     * Two reconnects at 40 trades a second: every printed trade from the first seen to the last arrives exactly once,
     * with the printed values, and every backfill leaves nothing missing.
     *
     * @param venue          the venue.
     * @param idOf           the feed's trade id of the simulator's trade N.
     * @param restTimeUnitNs the precision of a recovered trade's time (1, or a second where the REST history gives
     *                       seconds): its printed time is cut down to a multiple of it.
     */
    private static void assertReconnectsRecovered(final Venue venue, final LongUnaryOperator idOf,
        final long restTimeUnitNs)
    {
        final AtomicReference<ExchangeSimulator> simulator = new AtomicReference<>();
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(40).build(), List.of(venue),
            (v, b) -> b.staleAfter(400, TimeUnit.MILLISECONDS).reconnectBackoff(100, 300, TimeUnit.MILLISECONDS)
                .rest(simulator.get().restBase()),
            e -> e, simulator::set, HostResolver.SYSTEM))
        {
            for (int gap = 0; gap < 2; gap++)
            {
                final int live = liveTrades(rig, venue);
                LoopbackRig.await(WAIT, "20 more live trades", () -> liveTrades(rig, venue) >= live + 20);
                rig.simulator.closeConnections();
            }
            final int live = liveTrades(rig, venue);
            LoopbackRig.await(WAIT, "20 more live trades", () -> liveTrades(rig, venue) >= live + 20);
            LoopbackRig.await(WAIT, "every backfill done", () -> backfillsDone(rig, venue));
            rig.feeds.close();
            final FeedCounters counters = rig.feeds.counters(venue);
            assertThat(counters.backfills.get()).as("gaps backfilled").isGreaterThanOrEqualTo(2);
            assertThat(counters.recoveredTrades.get()).as("recovered").isPositive();
            assertThat(counters.unrecoveredTrades.get()).as("unrecovered").isZero();
            for (final LoopbackRig.Seen status : rig.statuses(venue))
            {
                if ((status.marks() & InputEvent.BACKFILL_DONE) != 0)
                {
                    assertThat(status.missing()).as("left after a backfill").isZero();
                }
            }
            final Map<Long, LoopbackRig.Seen> byFeedId = new HashMap<>();
            for (final LoopbackRig.Seen trade : rig.trades(venue))
            {
                assertThat(byFeedId.put(trade.tradeId(), trade)).as("trade " + trade.tradeId() + " twice").isNull();
            }
            final String symbol = LoopbackRig.SYMBOLS.get(venue);
            final Map<Long, LoopbackRig.Seen> bySimId = new HashMap<>();
            final long lastPrinted = rig.simulator.lastTradeId(venue, symbol);
            for (long id = Math.max(1, lastPrinted - 100_000); id <= lastPrinted; id++) // far more than print in a test
            {
                final LoopbackRig.Seen seen = byFeedId.get(idOf.applyAsLong(id));
                if (seen != null)
                {
                    bySimId.put(id, seen);
                }
            }
            assertThat(bySimId).as("every trade seen is one the simulator printed").hasSameSizeAs(byFeedId);
            final long first = bySimId.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
            final long last = bySimId.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            for (long id = first; id <= last; id++)
            {
                final LoopbackRig.Seen seen = bySimId.get(id);
                assertThat(seen).as("trade " + id + " missing").isNotNull();
                final SimTrade printed = rig.simulator.printed(venue, symbol, id);
                assertThat(seen.price()).as("price of " + id)
                    .isEqualByComparingTo(BigDecimal.valueOf(printed.priceMantissa(), printed.priceScale()));
                assertThat(seen.quantity()).as("size of " + id)
                    .isEqualByComparingTo(BigDecimal.valueOf(printed.quantityMantissa(), printed.quantityScale()));
                assertThat(seen.side()).as("side of " + id).isEqualTo(printed.takerSide());
                final long printedNs = printed.timeMs() * 1_000_000L;
                final boolean recovered = (seen.marks() & InputEvent.BACKFILLED) != 0;
                assertThat(seen.exchangeTimeNs()).as("time of " + id)
                    .isEqualTo(recovered ? printedNs - printedNs % restTimeUnitNs : printedNs);
            }
        }
    }

    /**
     * @param text a string trade id.
     * @return the 64-bit FNV-1a hash, sign bit cleared, the decoders give a string id that is not all digits.
     */
    static long fnv1a(final String text)
    {
        long hash = 0xcbf29ce484222325L;
        for (final byte b : text.getBytes(StandardCharsets.US_ASCII))
        {
            hash ^= b;
            hash *= 0x100000001b3L;
        }
        return hash & Long.MAX_VALUE;
    }

    static void awaitTrades(final LoopbackRig rig, final int more)
    {
        final Map<Venue, Integer> before = new HashMap<>();
        for (final Venue venue : VENUES)
        {
            before.put(venue, liveTrades(rig, venue));
        }
        LoopbackRig.await(WAIT, more + " more live trades on every venue",
            () -> VENUES.stream().allMatch(v -> liveTrades(rig, v) >= before.get(v) + more));
    }

    static int liveTrades(final LoopbackRig rig, final Venue venue)
    {
        int live = 0;
        for (final LoopbackRig.Seen event : rig.seen)
        {
            if (event.venue() == venue && event.type() == EventType.TRADE && (event.marks() & InputEvent.BACKFILLED) ==
                0)
            {
                live++;
            }
        }
        return live;
    }

    static boolean backfillsDone(final LoopbackRig rig, final Venue venue)
    {
        int pending = 0;
        int done = 0;
        for (final LoopbackRig.Seen status : rig.statuses(venue))
        {
            pending += (status.marks() & InputEvent.BACKFILL_PENDING) != 0 ? 1 : 0;
            done += (status.marks() & InputEvent.BACKFILL_DONE) != 0 ? 1 : 0;
        }
        return pending > 0 && pending == done;
    }

    /**
     * From the first trade received to the last, every id the simulator printed is on the ring exactly once, with
     * the price, size and taker side it printed.
     */
    static void assertEveryPrintedTradeOnceWithItsValues(final LoopbackRig rig, final Venue venue)
    {
        final List<LoopbackRig.Seen> trades = rig.trades(venue);
        final Map<Long, LoopbackRig.Seen> byId = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (final LoopbackRig.Seen trade : trades)
        {
            assertThat(byId.put(trade.tradeId(), trade)).as(venue.id() + " trade " + trade.tradeId() + " twice")
                .isNull();
            first = Math.min(first, trade.tradeId());
            last = Math.max(last, trade.tradeId());
        }
        final String symbol = LoopbackRig.SYMBOLS.get(venue);
        for (long id = first; id <= last; id++)
        {
            final LoopbackRig.Seen seen = byId.get(id);
            assertThat(seen).as(venue.id() + " trade " + id + " missing").isNotNull();
            final SimTrade printed = rig.simulator.printed(venue, symbol, id);
            assertThat(printed).as(venue.id() + " trade " + id + " kept by the simulator").isNotNull();
            assertThat(seen.price()).as(venue.id() + " price of " + id)
                .isEqualByComparingTo(BigDecimal.valueOf(printed.priceMantissa(), printed.priceScale()));
            assertThat(seen.quantity()).as(venue.id() + " size of " + id)
                .isEqualByComparingTo(BigDecimal.valueOf(printed.quantityMantissa(), printed.quantityScale()));
            assertThat(seen.side()).as(venue.id() + " side of " + id).isEqualTo(printed.takerSide());
            assertThat(seen.exchangeTimeNs()).as(venue.id() + " time of " + id)
                .isEqualTo(printed.timeMs() * 1_000_000L);
        }
        assertThat(byId).as(venue.id() + " trades").hasSize((int)(last - first + 1));
    }
}
