package io.takerflow.engine.signal;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the signal handler does with a backfill: DEGRADED while it runs, healthy as soon as it recovered everything,
 * {@code gapHold} only for a remainder; recovered trades booked in the bucket of their own time, never in the
 * bucket current when they were fetched, and not at all once their bucket has left the window. Expected volumes are
 * worked by hand for a 60 s window of 5 s buckets.
 */
final class BackfillSemanticsTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_760_000_000L * SECOND;

    private final InstrumentCatalog catalog = new InstrumentCatalog();
    private final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
    private final InputEvent event = new InputEvent();
    private final SignalHandler handler = new SignalHandler(catalog, List.of(MarketConfig.builder("BTC")
        .flowInstruments(perp).window(60, TimeUnit.SECONDS).bucket(5, TimeUnit.SECONDS)
        .gapHold(30, TimeUnit.SECONDS).minWindowTrades(1).minRegimeDwell(0, TimeUnit.SECONDS).build()),
        SignalCounters.inMemory());
    private final SignalView view = handler.market(0);

    @Test
    void aBackfillHoldsTheMarketDegradedOnlyUntilItEndsAndGapHoldOnlyForWhatItCouldNotRecover()
    {
        long t = T0;
        handler.apply(event.setTrade(Venue.BINANCE_USDM, perp, t, t, 100, 0, 1, 0, TakerSide.BUY, 1));
        assertThat(view.flags() & SignalFlags.DEGRADED).isZero();

        handler.apply(event.setFeedStatus(Venue.BINANCE_USDM, perp, FeedState.GAP, 40, t)
            .mark(InputEvent.BACKFILL_PENDING, 0));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("while the backfill runs").isNotZero();
        t += 2 * SECOND;
        handler.apply(event.setClockTick(t));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("still running").isNotZero();
        handler.apply(event.setFeedStatus(Venue.BINANCE_USDM, perp, FeedState.GAP, 0, t)
            .mark(InputEvent.BACKFILL_DONE, 40));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("everything recovered: healthy at once, no gapHold")
            .isZero();

        t += SECOND;
        handler.apply(event.setFeedStatus(Venue.BINANCE_USDM, perp, FeedState.GAP, 10, t)
            .mark(InputEvent.BACKFILL_PENDING, 0));
        handler.apply(event.setFeedStatus(Venue.BINANCE_USDM, perp, FeedState.GAP, 3, t)
            .mark(InputEvent.BACKFILL_DONE, 7));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("3 not recovered: gapHold").isNotZero();
        handler.apply(event.setClockTick(t + 29 * SECOND));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("within gapHold").isNotZero();
        handler.apply(event.setClockTick(t + 31 * SECOND));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("gapHold over").isZero();
    }

    @Test
    void aRecoveredTradeIsBookedInTheBucketOfItsOwnTime()
    {
        final long t = T0 - T0 % (5 * SECOND);
        handler.apply(event.setTrade(Venue.BINANCE_USDM, perp, t, t, 100, 0, 1, 0, TakerSide.BUY, 1));
        // fetched now, traded 50 s ago (the bucket [t-50, t-45) is still the window's oldest but one)
        handler.apply(event.setTrade(Venue.BINANCE_USDM, perp, t - 50 * SECOND, t + SECOND, 100, 0, 7, 0,
            TakerSide.SELL, 2).mark(InputEvent.BACKFILLED, 0));
        // traded 70 s ago: its bucket has left the window
        handler.apply(event.setTrade(Venue.BINANCE_USDM, perp, t - 70 * SECOND, t + SECOND, 100, 0, 5, 0,
            TakerSide.SELL, 3).mark(InputEvent.BACKFILLED, 0));
        assertThat(view.buyVolume()).isEqualTo(1.0);
        assertThat(view.sellVolume()).as("the 50 s old trade counts, the 70 s old one does not").isEqualTo(7.0);
        assertThat(view.windowTrades()).isEqualTo(2);

        // at t + 15 s the window holds the buckets from [t-40, t-35) on: the 50 s old trade's bucket has left it;
        // booked at fetch time it would still be there
        handler.apply(event.setClockTick(t + 15 * SECOND));
        assertThat(view.sellVolume()).isEqualTo(0.0);
        assertThat(view.buyVolume()).isEqualTo(1.0);
        assertThat(view.windowTrades()).isEqualTo(1);
    }
}
