package io.takerflow.engine.signal;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Warm start: history bars (WINDOW_SAMPLE) fill the flow window's buckets before the first live trade, so a market
 * whose every flow leg has bars leaves {@code WARMING_UP} with its first live trade; a leg without bars (or with a
 * hole between its bars and live flow) holds the market in {@code WARMING_UP} and is named; history samples of one
 * period from several legs are summed into one sample. Every expected number is worked by hand for a 60 s window
 * of 5 s buckets.
 */
final class WarmStartTest
{
    private static final long SECOND = 1_000_000_000L;
    /** A bucket start (divisible by 5 s). */
    private static final long T0 = 1_760_000_000L * SECOND;

    private final InstrumentCatalog catalog = new InstrumentCatalog();
    private final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
    private final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
    private final int swap = catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
    private final InputEvent event = new InputEvent();
    private final SignalHandler handler = new SignalHandler(catalog, List.of(MarketConfig.builder("BTC")
        .flowInstruments(perp, spot, swap).window(60, TimeUnit.SECONDS).bucket(5, TimeUnit.SECONDS)
        .samplePeriod(60, TimeUnit.SECONDS).historyCapacity(10).minHistorySamples(3).minWindowTrades(1)
        .minRegimeDwell(0, TimeUnit.SECONDS).build()), SignalCounters.inMemory());
    private final SignalView view = handler.market(0);

    @Test
    void barsOfEveryLegFillTheWindowSoTheFirstLiveTradeIsNotWarmingUp()
    {
        seedHistory();
        final long now = T0 + 2 * SECOND;
        // perp: 12 bars opening T0-60 s .. T0-5 s, buy 1 sell 2, 10 trades each; at T0+2 s the window holds the
        // buckets from T0-55 s on, so the bar of T0-60 s is not booked: 11 bars, buy 11, sell 22, 110 trades
        for (int k = 12; k >= 1; k--)
        {
            handler.apply(event.windowSample().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(T0 -
                k * 5 * SECOND).receiveTimeNs(now).buyVolumeMantissa(1).buyVolumeScale(0).sellVolumeMantissa(2)
                .sellVolumeScale(0).sampleTrades(10));
        }
        // spot: 11 bars T0-55 s .. T0-5 s, buy 3 sell 1, 5 trades: buy 33, sell 11, 55 trades
        // swap: 11 bars, buy 100 sell 300 contracts of 0.01 (1 and 3 BTC), 2 trades: buy 11, sell 33, 22 trades
        for (int k = 11; k >= 1; k--)
        {
            handler.apply(event.windowSample().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(T0 -
                k * 5 * SECOND).receiveTimeNs(now).buyVolumeMantissa(3).buyVolumeScale(0).sellVolumeMantissa(1)
                .sellVolumeScale(0).sampleTrades(5));
            handler.apply(event.windowSample().venue(Venue.OKX).instrumentId(swap).exchangeTimeNs(T0 - k * 5 * SECOND)
                .receiveTimeNs(now).buyVolumeMantissa(100).buyVolumeScale(0).sellVolumeMantissa(300).sellVolumeScale(0)
                .sampleTrades(2));
        }
        assertThat(view.buyVolume()).isEqualTo(55.0);
        assertThat(view.sellVolume()).isEqualTo(66.0);
        assertThat(view.windowTrades()).isEqualTo(187);
        assertThat(view.imbalance()).isCloseTo(-11.0 / 121.0, within(1e-15));
        assertThat(view.flags() & SignalFlags.WARMING_UP).as("no live flow yet").isNotZero();
        assertThat(view.warmingUpInstrument()).isEqualTo(perp);

        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(now).receiveTimeNs(now)
            .priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY).tradeId(1));
        assertThat(view.buyVolume()).isEqualTo(56.0);
        assertThat(view.windowTrades()).isEqualTo(188);
        assertThat(view.flags() & SignalFlags.WARMING_UP).as("every leg covers the window").isZero();
        assertThat(view.warmingUpInstrument()).isEqualTo(-1);
        assertThat(view.zScore()).as("a Z-score at once").isNotNaN();

        // a bar in the bucket of the first live flow trade is ignored (live trades are in that bucket already)
        handler.apply(event.windowSample().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(T0)
            .receiveTimeNs(now + SECOND).buyVolumeMantissa(50).buyVolumeScale(0).sellVolumeMantissa(0)
            .sellVolumeScale(0).sampleTrades(50));
        assertThat(view.buyVolume()).isEqualTo(56.0);
        assertThat(view.windowTrades()).isEqualTo(188);

        // the bars leave the window bucket by bucket: at T0+30 s it holds T0-25 s on, perp 5 bars (5/10/50),
        // spot 5 bars (15/5/25), swap 5 bars (5/15/10), plus the live buy of 1
        handler.apply(event.setClockTick(T0 + 30 * SECOND));
        assertThat(view.buyVolume()).isEqualTo(26.0);
        assertThat(view.sellVolume()).isEqualTo(30.0);
        assertThat(view.windowTrades()).isEqualTo(86);
    }

    @Test
    void aLegWithoutBarsHoldsTheMarketWarmingUpForAWindowAndIsNamed()
    {
        seedHistory();
        final long now = T0 + 2 * SECOND;
        for (int k = 11; k >= 1; k--)
        {
            handler.apply(event.windowSample().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(T0 -
                k * 5 * SECOND).receiveTimeNs(now).buyVolumeMantissa(1).buyVolumeScale(0).sellVolumeMantissa(2)
                .sellVolumeScale(0).sampleTrades(10));
            handler.apply(event.windowSample().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(T0 -
                k * 5 * SECOND).receiveTimeNs(now).buyVolumeMantissa(3).buyVolumeScale(0).sellVolumeMantissa(1)
                .sellVolumeScale(0).sampleTrades(5));
        }
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(now).receiveTimeNs(now)
            .priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY).tradeId(1));
        assertThat(view.flags() & SignalFlags.WARMING_UP).isNotZero();
        assertThat(view.warmingUpInstrument()).as("OKX has no history").isEqualTo(swap);

        handler.apply(event.setClockTick(now + 59 * SECOND));
        assertThat(view.warmingUpInstrument()).isEqualTo(swap);
        assertThat(view.flags() & SignalFlags.WARMING_UP).isNotZero();
        handler.apply(event.setClockTick(now + 60 * SECOND));
        assertThat(view.warmingUpInstrument()).as("a window since the first live trade").isEqualTo(-1);
        assertThat(view.flags() & SignalFlags.WARMING_UP).isZero();
    }

    @Test
    void aWholeBucketBetweenTheBarsAndLiveFlowIsAHoleNotAFullWindow()
    {
        seedHistory();
        final long now = T0 + 2 * SECOND;
        for (int k = 11; k >= 1; k--)
        {
            handler.apply(event.windowSample().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(T0 -
                k * 5 * SECOND).receiveTimeNs(now).buyVolumeMantissa(1).buyVolumeScale(0).sellVolumeMantissa(2)
                .sellVolumeScale(0).sampleTrades(10));
            handler.apply(event.windowSample().venue(Venue.OKX).instrumentId(swap).exchangeTimeNs(T0 - k * 5 * SECOND)
                .receiveTimeNs(now).buyVolumeMantissa(100).buyVolumeScale(0).sellVolumeMantissa(300).sellVolumeScale(0)
                .sampleTrades(2));
        }
        // spot's bars end with the bucket of T0-10 s: the bucket T0-5 s has nothing, live starts in bucket T0
        for (int k = 11; k >= 2; k--)
        {
            handler.apply(event.windowSample().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(T0 -
                k * 5 * SECOND).receiveTimeNs(now).buyVolumeMantissa(3).buyVolumeScale(0).sellVolumeMantissa(1)
                .sellVolumeScale(0).sampleTrades(5));
        }
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(now).receiveTimeNs(now)
            .priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY).tradeId(1));
        assertThat(view.flags() & SignalFlags.WARMING_UP).isNotZero();
        assertThat(view.warmingUpInstrument()).isEqualTo(spot);
        assertThat(view.buyVolume()).as("the bars are booked all the same").isEqualTo(11 + 30 + 11 + 1);

        // a top-up after live flow began brings the missing bucket: every leg now covers the window
        handler.apply(event.windowSample().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(T0 - 5 * SECOND)
            .receiveTimeNs(now + SECOND).buyVolumeMantissa(3).buyVolumeScale(0).sellVolumeMantissa(1).sellVolumeScale(0)
            .sampleTrades(5));
        assertThat(view.buyVolume()).isEqualTo(11 + 33 + 11 + 1);
        assertThat(view.windowTrades()).isEqualTo(110 + 55 + 22 + 1);
        assertThat(view.warmingUpInstrument()).isEqualTo(-1);
        assertThat(view.flags() & SignalFlags.WARMING_UP).isZero();
    }

    @Test
    void historySamplesOfOnePeriodFromSeveralLegsAreSummedIntoOneSample()
    {
        final long p = T0 - 600 * SECOND;
        // period 1: perp buy 3 sell 1, spot buy 1 sell 3: summed (4 - 4) / 8 = 0
        history(perp, p, 3, 1);
        history(spot, p, 1, 3);
        assertThat(view.historySamples()).isEqualTo(1);
        // period 2: perp buy 2 sell 0 only: 1
        history(perp, p + 60 * SECOND, 2, 0);
        // period 3: perp buy 1 sell 1, swap 0 and 200 contracts (2 BTC): (1 - 3) / 4 = -0.5
        history(perp, p + 120 * SECOND, 1, 1);
        history(swap, p + 120 * SECOND, 0, 200);
        assertThat(view.historySamples()).isEqualTo(3);

        // history {0, 1, -0.5}: mean 1/6, sample variance ((1/6)^2 + (5/6)^2 + (2/3)^2) / 2 = 7/12
        final long now = T0;
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(now).receiveTimeNs(now)
            .priceMantissa(100).priceScale(0).quantityMantissa(3).quantityScale(0).takerSide(TakerSide.SELL)
            .tradeId(1));
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(now).receiveTimeNs(now)
            .priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY).tradeId(2));
        assertThat(view.imbalance()).isEqualTo(-0.5);
        assertThat(view.zScore()).isCloseTo((-0.5 - 1.0 / 6) / Math.sqrt(7.0 / 12), within(1e-12));
    }

    private void history(final int instrument, final long periodStart, final long buy, final long sell)
    {
        handler.apply(event.historySample().venue(catalog.get(instrument).venue()).instrumentId(instrument)
            .exchangeTimeNs(periodStart).receiveTimeNs(T0 - SECOND).buyVolumeMantissa(buy).buyVolumeScale(0)
            .sellVolumeMantissa(sell).sellVolumeScale(0));
    }

    private void seedHistory()
    {
        history(perp, T0 - 600 * SECOND, 1, 3);
        history(perp, T0 - 540 * SECOND, 3, 1);
        history(perp, T0 - 480 * SECOND, 2, 2);
    }
}
