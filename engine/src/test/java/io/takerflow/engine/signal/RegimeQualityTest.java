package io.takerflow.engine.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;

/**
 * Five hours of a synthetic tape whose flow and premium sit on each threshold in turn with realistic noise (an
 * imbalance over a window of 1,800 trades, Coinbase prints scattered around their level): the Z-score crosses
 * each line hundreds of times, the regime changes only as often as the story moves, every regime lasts at least
 * the dwell, and every change carries a reason that matches the states.
 */
class RegimeQualityTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long T0 = 1_760_000_040L * SECOND;
    private static final long DWELL = 30 * SECOND;

    /** Per phase: target Z-score of the flow, and Coinbase's premium in percent. */
    private static final double[][] STORY = {
        {0.0, 0.0},       // neutral
        {-1.5, -0.05},    // on the sellers' entry line, premium on the absent entry line
        {-0.5, -0.01},    // on the sellers' exit line, discount closing
        {1.5, 0.05},      // on the buyers' entry line, premium on the present entry line
        {0.5, 0.0},       // on the buyers' exit line, premium on the present exit line
    };

    private record Change(long timeNs, Regime from, Regime to, RegimeReason reason, FlowState flow, SpotState spot)
    {
    }

    @Test
    void noisyFlowAndPremiumOnEveryThresholdMoveTheRegimeOnlyWithTheStory()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final int coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final MarketConfig config = MarketConfig.builder("BTC").flowInstruments(perp).premiumPair(coinbase, spot)
            .window(60, TimeUnit.SECONDS).bucket(1, TimeUnit.SECONDS).samplePeriod(60, TimeUnit.SECONDS)
            .historyCapacity(5000).minHistorySamples(100).premiumHalfLife(5, TimeUnit.SECONDS)
            .premiumStaleAfter(10, TimeUnit.SECONDS).minRegimeDwell(DWELL, TimeUnit.NANOSECONDS)
            .recoveryMaxAge(20, TimeUnit.MINUTES).build();
        final SignalHandler handler = new SignalHandler(catalog, List.of(config), SignalCounters.inMemory());
        final List<Change> changes = new ArrayList<>();
        final int[] crossings = {0};
        final double[] lastZ = {Double.NaN};
        handler.addListener(new SignalListener()
        {
            @Override
            public void onSignal(final SignalView signal)
            {
                final double z = signal.zScore();
                if (!Double.isNaN(z) && !Double.isNaN(lastZ[0]) && (z <= -1.5) != (lastZ[0] <= -1.5))
                {
                    crossings[0]++;
                }
                lastZ[0] = z;
            }

            @Override
            public void onRegimeChange(final RegimeChange change, final SignalView signal)
            {
                changes.add(new Change(change.timeNs(), change.from(), change.to(), change.reason(), signal.flowState(),
                    signal.spotState()));
            }
        });

        final InputEvent event = new InputEvent();
        final SplittableRandom random = new SplittableRandom(20261126);
        for (int i = 0; i < 3000; i++)
        {
            final long buy = Math.round(500 * (1 + 0.1 * random.nextGaussian()));
            handler.apply(event.historySample().venue(Venue.BINANCE_USDM).instrumentId(perp)
                .exchangeTimeNs(T0 - (3000 - i) * MINUTE).receiveTimeNs(T0).buyVolumeMantissa(buy).buyVolumeScale(0)
                .sellVolumeMantissa(1000 - buy).sellVolumeScale(0));
        }
        final long phaseNs = 10 * MINUTE;
        final int phases = 30;
        long id = 0;
        final double mid = 65_000;
        for (long t = T0; t < T0 + phases * phaseNs; t += SECOND / 30)
        {
            final double[] phase = STORY[(int)((t - T0) / phaseNs % STORY.length)];
            final boolean buy = random.nextDouble() < (1 + 0.1 * phase[0]) / 2;
            handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
                .priceMantissa(Math.round(mid * 100)).priceScale(2).quantityMantissa(1).quantityScale(0)
                .takerSide(buy ? TakerSide.BUY : TakerSide.SELL).tradeId(++id));
            if (id % 15 == 0)
            {
                final double premium = phase[1] + 0.01 * random.nextGaussian();
                handler.apply(event.trade().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(t)
                    .receiveTimeNs(t).priceMantissa(Math.round(mid * 100)).priceScale(2).quantityMantissa(1)
                    .quantityScale(0).takerSide(TakerSide.BUY).tradeId(id));
                handler.apply(event.trade().venue(Venue.COINBASE).instrumentId(coinbase).exchangeTimeNs(t)
                    .receiveTimeNs(t).priceMantissa(Math.round(mid * (1 + premium / 100) * 100)).priceScale(2)
                    .quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL).tradeId(id));
            }
        }

        System.out.println("z crossings of -1.5: " + crossings[0] + ", regime changes: " + changes.size() + " " +
            changes);
        assertThat(crossings[0]).as("the Z-score crosses the sellers' line many times").isGreaterThan(200);
        final int cycles = phases / STORY.length;
        assertThat(changes.size()).as("changes: %s", changes).isBetween(4 * cycles - 2, 6 * cycles);
        assertThat(changes.stream().filter(c -> c.to() == Regime.RECOVERING).count()).as("a recovery every cycle")
            .isGreaterThanOrEqualTo(cycles - 1);
        for (int i = 1; i < changes.size(); i++)
        {
            assertThat(changes.get(i).timeNs() - changes.get(i - 1).timeNs()).as("dwell before %s", changes.get(i))
                .isGreaterThanOrEqualTo(DWELL);
        }
        for (final Change change : changes)
        {
            switch (change.to())
            {
                case RISK_OFF:
                    assertThat(change.flow()).as(change.toString()).isEqualTo(FlowState.SELLERS);
                    assertThat(change.spot()).as(change.toString()).isEqualTo(SpotState.ABSENT);
                    assertThat(change.reason()).isIn(RegimeReason.SELLERS_WITH_SPOT_ABSENT,
                        RegimeReason.SELLING_RESUMED);
                    break;
                case RISK_ON:
                    assertThat(change.flow()).as(change.toString()).isEqualTo(FlowState.BUYERS);
                    assertThat(change.spot()).as(change.toString()).isEqualTo(SpotState.PRESENT);
                    assertThat(change.reason()).isEqualTo(RegimeReason.BUYERS_WITH_SPOT_PRESENT);
                    break;
                case RECOVERING:
                    assertThat(change.from()).as(change.toString()).isEqualTo(Regime.RISK_OFF);
                    assertThat(change.flow()).as(change.toString()).isNotEqualTo(FlowState.SELLERS);
                    assertThat(change.spot()).as(change.toString()).isNotEqualTo(SpotState.PRESENT);
                    assertThat(change.reason()).isEqualTo(RegimeReason.SELLERS_EXHAUSTED);
                    break;
                default:
                    assertThat(change.reason()).as(change.toString()).isIn(Set.of(RegimeReason.FLOW_CHANGED,
                        RegimeReason.SPOT_CHANGED, RegimeReason.SPOT_RETURNED, RegimeReason.SELLING_RESUMED,
                        RegimeReason.RECOVERY_FAILED, RegimeReason.RECOVERY_EXPIRED));
                    break;
            }
        }
    }
}
