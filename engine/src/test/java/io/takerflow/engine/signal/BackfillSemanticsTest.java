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
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY).tradeId(1));
        assertThat(view.flags() & SignalFlags.DEGRADED).isZero();

        handler.apply(event.feedStatus().venue(Venue.BINANCE_USDM).instrumentId(perp).feedState(FeedState.GAP)
            .missingCount(40).receiveTimeNs(t)
            .mark(InputEvent.BACKFILL_PENDING, 0));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("while the backfill runs").isNotZero();
        t += 2 * SECOND;
        handler.apply(event.setClockTick(t));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("still running").isNotZero();
        handler.apply(event.feedStatus().venue(Venue.BINANCE_USDM).instrumentId(perp).feedState(FeedState.GAP)
            .missingCount(0).receiveTimeNs(t)
            .mark(InputEvent.BACKFILL_DONE, 40));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("everything recovered: healthy at once, no gapHold")
            .isZero();

        t += SECOND;
        handler.apply(event.feedStatus().venue(Venue.BINANCE_USDM).instrumentId(perp).feedState(FeedState.GAP)
            .missingCount(10).receiveTimeNs(t)
            .mark(InputEvent.BACKFILL_PENDING, 0));
        handler.apply(event.feedStatus().venue(Venue.BINANCE_USDM).instrumentId(perp).feedState(FeedState.GAP)
            .missingCount(3).receiveTimeNs(t)
            .mark(InputEvent.BACKFILL_DONE, 7));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("3 not recovered: gapHold").isNotZero();
        handler.apply(event.setClockTick(t + 29 * SECOND));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("within gapHold").isNotZero();
        handler.apply(event.setClockTick(t + 31 * SECOND));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("gapHold over").isZero();
    }

    @Test
    void aSignalSaysHowManyOfItsWindowTradesABackfillRecoveredForAsLongAsTheyAreInTheWindow()
    {
        final long t = T0 - T0 % (5 * SECOND);
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY).tradeId(1));
        assertThat(view.backfilledTrades()).as("a live trade").isZero();
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t - 50 * SECOND)
            .receiveTimeNs(t + SECOND).priceMantissa(100).priceScale(0).quantityMantissa(7).quantityScale(0)
            .takerSide(TakerSide.SELL).tradeId(2).mark(InputEvent.BACKFILLED, 0));
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t - 70 * SECOND)
            .receiveTimeNs(t + SECOND).priceMantissa(100).priceScale(0).quantityMantissa(5).quantityScale(0)
            .takerSide(TakerSide.SELL).tradeId(3).mark(InputEvent.BACKFILLED, 0));
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t +
            2 * SECOND).priceMantissa(100).priceScale(0).quantityMantissa(2).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(4).mark(InputEvent.BACKFILLED, 0));
        assertThat(view.windowTrades()).isEqualTo(3);
        assertThat(view.backfilledTrades()).as("the 50 s old one and the one of the current bucket; the 70 s old " +
            "one never entered the window").isEqualTo(2);

        handler.apply(event.setClockTick(t + 15 * SECOND));
        assertThat(view.windowTrades()).isEqualTo(2);
        assertThat(view.backfilledTrades()).as("the 50 s old one's bucket has left the window").isEqualTo(1);

        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t + 16 * SECOND)
            .receiveTimeNs(t + 16 * SECOND).priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0)
            .takerSide(TakerSide.BUY).tradeId(5));
        assertThat(view.windowTrades()).isEqualTo(3);
        assertThat(view.backfilledTrades()).as("live trades do not count").isEqualTo(1);

        handler.apply(event.setClockTick(t + 60 * SECOND));
        assertThat(view.windowTrades()).as("bucket [t + 15 s, t + 20 s) is the oldest left").isEqualTo(1);
        assertThat(view.backfilledTrades()).isZero();
    }

    @Test
    void aRecoveredTradeIsBookedInTheBucketOfItsOwnTime()
    {
        final long t = T0 - T0 % (5 * SECOND);
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY).tradeId(1));
        // fetched now, traded 50 s ago (the bucket [t-50, t-45) is still the window's oldest but one)
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t - 50 * SECOND)
            .receiveTimeNs(t + SECOND).priceMantissa(100).priceScale(0).quantityMantissa(7).quantityScale(0)
            .takerSide(TakerSide.SELL).tradeId(2).mark(InputEvent.BACKFILLED, 0));
        // traded 70 s ago: its bucket has left the window
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t - 70 * SECOND)
            .receiveTimeNs(t + SECOND).priceMantissa(100).priceScale(0).quantityMantissa(5).quantityScale(0)
            .takerSide(TakerSide.SELL).tradeId(3).mark(InputEvent.BACKFILLED, 0));
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

    /**
     * Trades recovered by a backfill never enter the Z-score's period sums: not those of a period already sampled (its
     * sample stays what was observed), not the current period's (a period with a GAP, opened or closed, is not
     * sampled). Hand-worked with 60 s periods; the history must end as {0.5, -0.5}.
     */
    @Test
    void recoveredTradesNeverEnterThePeriodSumsOfTheZScore()
    {
        final SignalHandler sampled = new SignalHandler(catalog, List.of(MarketConfig.builder("BTC")
            .flowInstruments(perp).window(60, TimeUnit.SECONDS).bucket(5, TimeUnit.SECONDS)
            .samplePeriod(60, TimeUnit.SECONDS).historyCapacity(10).minHistorySamples(2).gapHold(1, TimeUnit.SECONDS)
            .minWindowTrades(1).minRegimeDwell(0, TimeUnit.SECONDS).build()), SignalCounters.inMemory());
        final SignalView market = sampled.market(0);
        final long t0 = T0 - Math.floorMod(T0, 60 * SECOND);
        sampled.apply(event.setClockTick(t0 - SECOND));
        // period 1, [t0, t0 + 60 s): buy 3, sell 1: imbalance 0.5, sampled when period 2 begins
        trade(sampled, t0 + 10 * SECOND, TakerSide.BUY, 3, 1, 0);
        trade(sampled, t0 + 20 * SECOND, TakerSide.SELL, 1, 2, 0);
        sampled.apply(event.setClockTick(t0 + 60 * SECOND + SECOND / 2));
        assertThat(market.historySamples()).isEqualTo(1);
        // period 2: buy 1, sell 1, then trades are lost at t0 + 105 s and a backfill starts at t0 + 110 s
        trade(sampled, t0 + 65 * SECOND, TakerSide.BUY, 1, 3, 0);
        trade(sampled, t0 + 66 * SECOND, TakerSide.SELL, 1, 4, 0);
        sampled.apply(event.feedStatus().venue(Venue.BINANCE_USDM).instrumentId(perp).feedState(FeedState.GAP)
            .missingCount(2).receiveTimeNs(t0 + 110 * SECOND)
            .mark(InputEvent.BACKFILL_PENDING, 0));
        // period 3: period 2 closes unsampled; the backfill brings a sell of 4 from period 2 and a sell of 6 from
        // period 1 (already sampled, and out of the window), then ends
        sampled.apply(event.setClockTick(t0 + 121 * SECOND));
        assertThat(market.historySamples()).as("period 2 had a gap").isEqualTo(1);
        trade(sampled, t0 + 107 * SECOND, TakerSide.SELL, 4, 5, t0 + 122 * SECOND);
        trade(sampled, t0 + 50 * SECOND, TakerSide.SELL, 6, 6, t0 + 122 * SECOND);
        sampled.apply(event.feedStatus().venue(Venue.BINANCE_USDM).instrumentId(perp).feedState(FeedState.GAP)
            .missingCount(0).receiveTimeNs(t0 + 123 * SECOND)
            .mark(InputEvent.BACKFILL_DONE, 2));
        // the window at t0 + 123 s holds the buckets from t0 + 65 s on: buy 1, sell 1 + 4 (the sell of 6 is older)
        assertThat(market.buyVolume()).isEqualTo(1.0);
        assertThat(market.sellVolume()).isEqualTo(5.0);
        assertThat(market.windowTrades()).isEqualTo(3);
        // period 3 also trades live (buy 2): sampled, it would add an imbalance of 1 (or, with the recovered sells,
        // -0.67): it is not, the backfill ended in it
        trade(sampled, t0 + 150 * SECOND, TakerSide.BUY, 2, 9, 0);
        // period 4, [t0 + 180 s, t0 + 240 s): buy 1, sell 3: imbalance -0.5, sampled when period 5 begins
        trade(sampled, t0 + 190 * SECOND, TakerSide.BUY, 1, 7, 0);
        trade(sampled, t0 + 200 * SECOND, TakerSide.SELL, 3, 8, 0);
        sampled.apply(event.setClockTick(t0 + 241 * SECOND));
        assertThat(market.historySamples()).as("periods 1 and 4; period 3 saw the backfill end").isEqualTo(2);
        // history {0.5, -0.5}: mean 0, sample deviation sqrt(0.5); the window (from t0 + 185 s) holds buy 1, sell 3
        assertThat(market.imbalance()).isEqualTo(-0.5);
        assertThat(market.zScore()).isCloseTo(-0.5 / Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-12));
    }

    private void trade(
        final SignalHandler target, final long timeNs, final TakerSide side, final long quantity, final long id,
        final long recoveredAtNs)
    {
        final boolean recovered = recoveredAtNs != 0;
        target.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(timeNs)
            .receiveTimeNs(recovered ? recoveredAtNs : timeNs).priceMantissa(100).priceScale(0)
            .quantityMantissa(quantity).quantityScale(0).takerSide(side).tradeId(id).mark(recovered ?
            InputEvent.BACKFILLED : 0, 0));
    }
}
