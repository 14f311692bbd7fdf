package io.takerflow.engine.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;

class SignalHandlerTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_760_000_000L * SECOND;
    private static final int MIN_TRADES = 20;

    private final InstrumentCatalog catalog = new InstrumentCatalog();
    private final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
    private final int swap = catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
    private final int coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
    private final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
    private final SignalCounters counters = SignalCounters.inMemory();
    private final InputEvent event = new InputEvent();

    private MarketConfig.Builder market()
    {
        return MarketConfig.builder("BTC")
            .flowInstruments(perp, swap)
            .premiumPair(coinbase, spot)
            .window(60, TimeUnit.SECONDS)
            .bucket(5, TimeUnit.SECONDS)
            .samplePeriod(60, TimeUnit.SECONDS)
            .historyCapacity(50)
            .minHistorySamples(10)
            .premiumHalfLife(30, TimeUnit.SECONDS)
            .premiumStaleAfter(10, TimeUnit.SECONDS)
            .minWindowTrades(1)
            .minRegimeDwell(0, TimeUnit.SECONDS);
    }

    private record Raw(int instrument, long effectiveTimeNs, TakerSide side, double quantity, double price)
    {
    }

    @Test
    void everySignalMatchesABruteForceRecomputationOverTheRawEvents()
    {
        final SignalHandler handler = new SignalHandler(catalog, List.of(market().minWindowTrades(MIN_TRADES).build()),
            counters);
        final List<SignalSnapshot> seen = new ArrayList<>();
        handler.addListener(view -> seen.add(new SignalSnapshot().copyFrom(view)));

        final List<Double> seeds = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(2024);
        for (int i = 0; i < 12; i++)
        {
            final long buy = random.nextLong(1, 1_000_000);
            final long sell = random.nextLong(1, 1_000_000);
            handler.apply(event.historySample().venue(Venue.BINANCE_USDM).instrumentId(perp)
                .exchangeTimeNs(T0 - (12 - i) * 60 * SECOND).receiveTimeNs(T0).buyVolumeMantissa(buy).buyVolumeScale(3)
                .sellVolumeMantissa(sell).sellVolumeScale(3));
            seeds.add((buy - sell) / (double)(buy + sell));
        }

        final List<Raw> trades = new ArrayList<>();
        long clock = T0;
        long maxTime = T0;
        int checks = 0;
        for (int i = 0; i < 12_000; i++)
        {
            final int step = random.nextInt(1000);
            clock += step < 900 ? random.nextLong(SECOND / 2) : step < 995 ? random.nextLong(20 * SECOND) : 200 *
                SECOND;
            final long receiveTime = clock - (random.nextInt(10) == 0 ? random.nextLong(SECOND) : 0);
            maxTime = Math.max(maxTime, receiveTime);
            final int kind = random.nextInt(10);
            if (kind == 0)
            {
                handler.apply(event.setClockTick(receiveTime));
            }
            else
            {
                final int instrument = kind < 4 ? perp : kind < 6 ? swap : kind < 8 ? coinbase : spot;
                final TakerSide side = random.nextInt(100) < 45 + (i / 2000) * 2 ? TakerSide.BUY : TakerSide.SELL;
                final long quantity = random.nextLong(1, 5_000_000);
                final long price = 100_000_00 + random.nextLong(-20_000, 20_000);
                handler.apply(event.trade().venue(catalog.get(instrument).venue()).instrumentId(instrument)
                    .exchangeTimeNs(receiveTime - 5_000_000).receiveTimeNs(receiveTime).priceMantissa(price)
                    .priceScale(2).quantityMantissa(quantity).quantityScale(6).takerSide(side).tradeId(i));
                trades.add(new Raw(instrument, maxTime, side, quantity / 1e6, price / 100.0));
            }

            final SignalSnapshot actual = seen.get(seen.size() - 1);
            assertThat(actual.timeNs()).isEqualTo(maxTime);
            assertThat(actual.eventSequence()).isEqualTo(12 + i + 1);
            if (i % 53 == 0 || i > 11_990)
            {
                checks++;
                assertMatchesBruteForce(actual, trades, seeds, maxTime);
            }
        }
        assertThat(checks).isGreaterThan(200);
        assertThat(counters.events.get()).isEqualTo(12 + 12_000);
        assertThat(seen).hasSize(12 + 12_000);
    }

    private void assertMatchesBruteForce(
        final SignalSnapshot actual, final List<Raw> trades, final List<Double> seeds, final long now)
    {
        final long bucket = 5 * SECOND;
        final long period = 60 * SECOND;
        double buy = 0;
        double sell = 0;
        int windowTrades = 0;
        final List<double[]> periods = new ArrayList<>();
        long lastPeriod = Long.MIN_VALUE;
        double lastCoinbase = Double.NaN;
        double lastSpot = Double.NaN;
        long coinbaseTime = Long.MIN_VALUE;
        long spotTime = Long.MIN_VALUE;
        for (final Raw trade : trades)
        {
            if (trade.instrument == coinbase)
            {
                lastCoinbase = trade.price;
                coinbaseTime = trade.effectiveTimeNs;
                continue;
            }
            if (trade.instrument == spot)
            {
                lastSpot = trade.price;
                spotTime = trade.effectiveTimeNs;
                continue;
            }
            final double base = trade.quantity * (trade.instrument == swap ? 0.01 : 1.0);
            if (Math.floorDiv(trade.effectiveTimeNs, bucket) > Math.floorDiv(now, bucket) - 12)
            {
                windowTrades++;
                if (trade.side == TakerSide.BUY)
                {
                    buy += base;
                }
                else
                {
                    sell += base;
                }
            }
            final long p = Math.floorDiv(trade.effectiveTimeNs, period);
            if (p != lastPeriod)
            {
                periods.add(new double[] {p, 0, 0, 0});
                lastPeriod = p;
            }
            periods.get(periods.size() - 1)[trade.side == TakerSide.BUY ? 1 : 2] += base;
            periods.get(periods.size() - 1)[3]++;
        }
        assertThat(actual.buyVolume()).isCloseTo(buy, within(1e-9 * Math.max(1, buy)));
        assertThat(actual.sellVolume()).isCloseTo(sell, within(1e-9 * Math.max(1, sell)));
        final double total = buy + sell;
        assertThat(actual.imbalance()).isCloseTo(total == 0 ? 0 : (buy - sell) / total, within(1e-9));
        assertThat(actual.buyRatio()).isCloseTo(total == 0 ? 0 : buy / total, within(1e-9));
        assertThat(actual.sellRatio()).isCloseTo(total == 0 ? 0 : sell / total, within(1e-9));
        assertThat(actual.windowTrades()).isEqualTo(windowTrades);
        final boolean thin = windowTrades < MIN_TRADES;
        assertThat((actual.flags() & SignalFlags.THIN) != 0).isEqualTo(thin);

        final List<Double> history = new ArrayList<>(seeds);
        for (final double[] p : periods)
        {
            // only periods observed from their start (the run's first event is at T0) with the minimum of trades
            if (p[0] < Math.floorDiv(now, period) && p[0] * period >= T0 && p[3] >= MIN_TRADES)
            {
                history.add((p[1] - p[2]) / (p[1] + p[2]));
            }
        }
        final List<Double> kept = history.subList(Math.max(0, history.size() - 50), history.size());
        assertThat(actual.historySamples()).isEqualTo(kept.size());
        double mean = 0;
        for (final double x : kept)
        {
            mean += x / kept.size();
        }
        double squares = 0;
        for (final double x : kept)
        {
            squares += (x - mean) * (x - mean);
        }
        final double z = (actual.imbalance() - mean) / Math.sqrt(squares / (kept.size() - 1));
        if (thin || kept.size() < 10)
        {
            assertThat(actual.zScore()).isNaN();
        }
        else
        {
            assertThat(actual.zScore()).isCloseTo(z, within(1e-9));
        }
        long firstFlow = Long.MIN_VALUE;
        for (final Raw trade : trades)
        {
            if (trade.instrument == perp || trade.instrument == swap)
            {
                firstFlow = trade.effectiveTimeNs;
                break;
            }
        }
        final boolean windowFilled = firstFlow != Long.MIN_VALUE && now - firstFlow >= 60 * SECOND;
        assertThat((actual.flags() & SignalFlags.WARMING_UP) != 0).isEqualTo(kept.size() < 10 || !windowFilled);

        if (!Double.isNaN(lastCoinbase) && !Double.isNaN(lastSpot))
        {
            assertThat(actual.premiumPct()).isCloseTo((lastCoinbase - lastSpot) / lastSpot * 100, within(1e-12));
        }
        final boolean stale = coinbaseTime == Long.MIN_VALUE || spotTime == Long.MIN_VALUE ||
            now - coinbaseTime > 10 * SECOND || now - spotTime > 10 * SECOND;
        assertThat((actual.flags() & SignalFlags.PREMIUM_STALE) != 0).isEqualTo(stale);
        assertThat((actual.flags() & SignalFlags.DEGRADED) != 0).isEqualTo(stale);
    }

    @Test
    void regimeChangeIsDeliveredBeforeTheSignalWithItsReason()
    {
        final SignalHandler handler = new SignalHandler(catalog, List.of(market().build()), counters);
        final List<String> calls = new ArrayList<>();
        handler.addListener(new SignalListener()
        {
            @Override
            public void onSignal(final SignalView signal)
            {
                calls.add("signal " + signal.regime());
            }

            @Override
            public void onRegimeChange(final RegimeChange change, final SignalView signal)
            {
                calls.add("change " + change.from() + "->" + change.to() + " " + change.reason() + " @" +
                    change.timeNs());
            }
        });
        fillFlowWindow(handler);
        seedBalancedHistory(handler);
        long t = T0;
        handler.apply(event.trade().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(1));
        handler.apply(event.trade().venue(Venue.COINBASE).instrumentId(coinbase).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(99_900_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL)
            .tradeId(1));
        calls.clear();
        t += SECOND;
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(75).quantityScale(1).takerSide(TakerSide.SELL)
            .tradeId(1));
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(25).quantityScale(1).takerSide(TakerSide.BUY)
            .tradeId(2));

        assertThat(calls).containsExactly(
            "change NEUTRAL->RISK_OFF SELLERS_WITH_SPOT_ABSENT @" + t,
            "signal RISK_OFF",
            "signal RISK_OFF");
        assertThat(handler.market(0).imbalance()).isEqualTo(-0.5);
        assertThat(counters.regimeChanges.get()).isEqualTo(1);
    }

    @Test
    void aPartlyFilledFlowWindowIsWarmingUpAndTakesNoFlowDrivenRegimeChange()
    {
        final SignalHandler handler = new SignalHandler(catalog, List.of(market().build()), counters);
        seedBalancedHistory(handler);
        final SignalView view = handler.market(0);
        long t = T0;
        for (int second = 0; second <= 60; second++, t += SECOND)
        {
            handler.apply(event.trade().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(t).receiveTimeNs(t)
                .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
                .tradeId(second));
            handler.apply(event.trade().venue(Venue.COINBASE).instrumentId(coinbase).exchangeTimeNs(t).receiveTimeNs(t)
                .priceMantissa(99_900_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL)
                .tradeId(second));
            handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
                .priceMantissa(100_000_00).priceScale(2).quantityMantissa(9).quantityScale(0).takerSide(TakerSide.SELL)
                .tradeId(second));
            if (second < 60)
            {
                assertThat(view.zScore()).as("second %d", second).isLessThan(-1.5);
                assertThat(view.flags() & SignalFlags.WARMING_UP).as("second %d", second).isNotZero();
                assertThat(view.flowState()).isEqualTo(FlowState.BALANCED);
                assertThat(view.regime()).isEqualTo(Regime.NEUTRAL);
            }
        }
        assertThat(view.flags() & SignalFlags.WARMING_UP).as("a full window after the first flow trade").isZero();
        assertThat(view.flowState()).isEqualTo(FlowState.SELLERS);
        assertThat(view.regime()).isEqualTo(Regime.RISK_OFF);
    }

    @Test
    void noRegimeChangeWhileARequiredFeedIsDisconnectedOrGapped()
    {
        final SignalHandler handler = new SignalHandler(
            catalog, List.of(market().gapHold(30, TimeUnit.SECONDS).build()), counters);
        fillFlowWindow(handler);
        seedBalancedHistory(handler);
        long t = T0;
        handler.apply(event.feedStatus().venue(Venue.BINANCE_USDM).instrumentId(InputEvent.ALL_INSTRUMENTS)
            .feedState(FeedState.DISCONNECTED).missingCount(0).receiveTimeNs(t));
        handler.apply(event.trade().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(1));
        handler.apply(event.trade().venue(Venue.COINBASE).instrumentId(coinbase).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(99_900_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL)
            .tradeId(1));
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(9).quantityScale(0).takerSide(TakerSide.SELL)
            .tradeId(1));
        final SignalView view = handler.market(0);
        assertThat(view.zScore()).isLessThan(-1.5);
        assertThat(view.flags() & SignalFlags.DEGRADED).isNotZero();
        assertThat(view.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(view.flowState()).isEqualTo(FlowState.BALANCED);

        t += SECOND;
        handler.apply(event.feedStatus().venue(Venue.BINANCE_USDM).instrumentId(InputEvent.ALL_INSTRUMENTS)
            .feedState(FeedState.CONNECTED).missingCount(0).receiveTimeNs(t));
        assertThat(view.flags() & SignalFlags.DEGRADED).isZero();
        assertThat(view.regime()).isEqualTo(Regime.RISK_OFF);

        t += SECOND;
        handler.apply(event.feedStatus().venue(Venue.OKX).instrumentId(swap).feedState(FeedState.GAP).missingCount(17)
            .receiveTimeNs(t));
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(90).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(2));
        handler.apply(event.trade().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(2));
        handler.apply(event.trade().venue(Venue.COINBASE).instrumentId(coinbase).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_300_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(2));
        assertThat(view.zScore()).isGreaterThan(1.5);
        assertThat(view.flags() & SignalFlags.DEGRADED).as("gap holds").isNotZero();
        assertThat(view.regime()).isEqualTo(Regime.RISK_OFF);

        t += 50 * SECOND;
        handler.apply(event.trade().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(3));
        handler.apply(event.trade().venue(Venue.COINBASE).instrumentId(coinbase).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_300_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(3));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("gap hold over").isZero();
        assertThat(view.regime()).isEqualTo(Regime.RISK_ON);

        handler.apply(event.feedStatus().venue(Venue.COINBASE).instrumentId(coinbase).feedState(FeedState.STALE)
            .missingCount(0).receiveTimeNs(t));
        assertThat(view.flags() & SignalFlags.DEGRADED).isNotZero();
        handler.apply(event.feedStatus().venue(Venue.BYBIT_LINEAR).instrumentId(InputEvent.ALL_INSTRUMENTS)
            .feedState(FeedState.CONNECTED).missingCount(0).receiveTimeNs(t));
        assertThat(view.flags() & SignalFlags.DEGRADED).as("another venue does not heal it").isNotZero();
    }

    @Test
    void aWindowBelowTheMinimumsIsThinPublishesNoZScoreAndHoldsEveryState()
    {
        final SignalHandler handler = new SignalHandler(catalog,
            List.of(market().minWindowTrades(10).minWindowVolume(5.0).build()), counters);
        fillFlowWindow(handler);
        seedBalancedHistory(handler);
        final SignalView view = handler.market(0);
        final long t = T0;
        for (int i = 0; i < 9; i++)
        {
            handler.apply(event.trade().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(t).receiveTimeNs(t)
                .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
                .tradeId(i));
            handler.apply(event.trade().venue(Venue.COINBASE).instrumentId(coinbase).exchangeTimeNs(t).receiveTimeNs(t)
                .priceMantissa(99_900_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL)
                .tradeId(i));
            handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
                .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL)
                .tradeId(i));
        }
        assertThat(view.windowTrades()).isEqualTo(9);
        assertThat(view.imbalance()).as("the imbalance is still published").isEqualTo(-1.0);
        assertThat(view.zScore()).isNaN();
        assertThat(view.flags() & SignalFlags.THIN).isNotZero();
        assertThat(SignalFlags.toString(view.flags())).isEqualTo("THIN");
        assertThat(view.flowState()).isEqualTo(FlowState.BALANCED);
        assertThat(view.spotState()).as("spot holds too").isEqualTo(SpotState.FLAT);

        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL)
            .tradeId(10));
        assertThat(view.windowTrades()).isEqualTo(10);
        assertThat(view.flags() & SignalFlags.THIN).as("10 trades but 10 units, enough volume").isZero();
        assertThat(view.zScore()).isLessThan(-1.5);
        assertThat(view.regime()).isEqualTo(Regime.RISK_OFF);
    }

    @Test
    void aPremiumLegIsStaleOnlyWhenItsLastTradeIsMoreThanTheLimitOld()
    {
        final SignalHandler handler = new SignalHandler(catalog, List.of(market().build()), counters);
        final SignalView view = handler.market(0);
        handler.apply(event.trade().venue(Venue.BINANCE_SPOT).instrumentId(spot).exchangeTimeNs(T0).receiveTimeNs(T0)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(1));
        handler.apply(event.trade().venue(Venue.COINBASE).instrumentId(coinbase).exchangeTimeNs(T0).receiveTimeNs(T0)
            .priceMantissa(99_900_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL)
            .tradeId(1));
        assertThat(view.flags() & SignalFlags.PREMIUM_STALE).isZero();
        handler.apply(event.setClockTick(T0 + 10 * SECOND));
        assertThat(view.flags() & SignalFlags.PREMIUM_STALE).as("exactly 10 s old is still fresh").isZero();
        handler.apply(event.setClockTick(T0 + 10 * SECOND + 1));
        assertThat(view.flags() & SignalFlags.PREMIUM_STALE).as("10 s and 1 ns").isNotZero();
    }

    @Test
    void aLateEventIsBookedAtTheLatestTimeSeen()
    {
        final SignalHandler handler = new SignalHandler(catalog, List.of(market().build()), counters);
        final SignalView view = handler.market(0);
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(T0).receiveTimeNs(T0)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(1));
        handler.apply(event.setClockTick(T0 + 64 * SECOND));
        assertThat(view.buyVolume()).as("T0's bucket has left the 60 s window").isZero();
        handler.apply(event.trade().venue(Venue.OKX).instrumentId(swap).exchangeTimeNs(T0 + SECOND)
            .receiveTimeNs(T0 + SECOND).priceMantissa(100_000_00).priceScale(2).quantityMantissa(300).quantityScale(0)
            .takerSide(TakerSide.SELL).tradeId(2));
        assertThat(view.timeNs()).isEqualTo(T0 + 64 * SECOND);
        assertThat(view.sellVolume()).as("booked in the current bucket, not dropped").isEqualTo(3.0);
    }

    @Test
    void aThrowingListenerIsCountedAndOthersStillRun()
    {
        final SignalHandler handler = new SignalHandler(catalog, List.of(market().build()), counters);
        final int[] calls = {0};
        handler.addListener(view ->
        {
            throw new IllegalStateException("strategy bug");
        });
        handler.addListener(view -> calls[0]++);
        handler.apply(event.setClockTick(T0));
        assertThat(calls[0]).isEqualTo(1);
        assertThat(counters.handlerErrors.get()).isEqualTo(1);
    }

    @Test
    void badMarketConfigurationNamesTheSetting()
    {
        assertThatThrownBy(() -> market().window(61, TimeUnit.SECONDS).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window").hasMessageContaining("bucket");
        assertThatThrownBy(() -> market().minHistorySamples(51).build()).hasMessageContaining("minHistorySamples");
        assertThatThrownBy(() -> market().premiumHalfLife(0, TimeUnit.SECONDS).build())
            .hasMessageContaining("premiumHalfLife");
        assertThatThrownBy(() -> MarketConfig.builder("BTC").build()).hasMessageContaining("flow");
        assertThatThrownBy(() -> new SignalHandler(catalog,
            List.of(MarketConfig.builder("ETH").flowInstruments(99).build()), counters))
            .hasMessageContaining("instrument id 99");
    }

    /**
     * 20 alternating samples of +0.1 and -0.1: mean 0, stdev about 0.1026, so imbalance -0.5 is z about -4.9.
     */
    /**
     * A balanced pair of flow trades a full window before T0, so the flow window counts as filled from T0 on
     * (they have rolled out of it by then).
     */
    /**
     * Hand-worked: Deribit BTC-PERPETUAL amounts are USD (inverse, 1 USD per unit): a taker sell of 750 USD at
     * 92,288.5 is 750 / 92288.5 = 0.0081266896742281 BTC (the second trade of nautilus' recorded
     * {@code ws_trades.json}), a taker buy of 5,580 USD at 56,168.0 is 5580 / 56168 = 0.09934482267483265 BTC
     * (crypto-msg-parser's recorded perpetual trade). Gate {@code BTC_USDT} is quanto with {@code quanto_multiplier}
     * 0.0001 BTC per contract: a taker buy of 23 contracts is 0.0023 BTC whatever the price.
     */
    @Test
    void inverseUsdContractsAreDividedByThePriceAndQuantoContractsMultiplied()
    {
        final InstrumentCatalog sizes = new InstrumentCatalog();
        final int inverse = sizes.add(Venue.DERIBIT, "BTC-PERPETUAL", io.takerflow.engine.input.SizeConvention.INVERSE,
            1.0);
        final int quanto = sizes.add(Venue.OKX, "BTC_USDT", io.takerflow.engine.input.SizeConvention.QUANTO, 0.0001);
        final SignalHandler handler = new SignalHandler(sizes, List.of(MarketConfig.builder("BTC")
            .flowInstruments(inverse, quanto).window(60, TimeUnit.SECONDS).bucket(5, TimeUnit.SECONDS)
            .minWindowTrades(1).build()), counters);
        final List<SignalSnapshot> seen = new ArrayList<>();
        handler.addListener(view -> seen.add(new SignalSnapshot().copyFrom(view)));
        handler.apply(event.trade().venue(Venue.DERIBIT).instrumentId(inverse).exchangeTimeNs(T0).receiveTimeNs(T0)
            .priceMantissa(922_885).priceScale(1).quantityMantissa(7500).quantityScale(1).takerSide(TakerSide.SELL)
            .tradeId(271252855));
        handler.apply(event.trade().venue(Venue.DERIBIT).instrumentId(inverse).exchangeTimeNs(T0).receiveTimeNs(T0)
            .priceMantissa(56_168_0).priceScale(1).quantityMantissa(5580).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(271252856));
        handler.apply(event.trade().venue(Venue.OKX).instrumentId(quanto).exchangeTimeNs(T0).receiveTimeNs(T0)
            .priceMantissa(90_000_1).priceScale(1).quantityMantissa(23).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(1));
        final SignalSnapshot last = seen.get(seen.size() - 1);
        assertThat(last.sellVolume()).isCloseTo(0.0081266896742281, within(1e-15));
        assertThat(last.buyVolume()).isCloseTo(0.09934482267483265 + 0.0023, within(1e-15));
    }

    private void fillFlowWindow(final SignalHandler handler)
    {
        final long t = T0 - 61 * SECOND;
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
            .tradeId(0));
        handler.apply(event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(t)
            .priceMantissa(100_000_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL)
            .tradeId(0));
    }

    private void seedBalancedHistory(final SignalHandler handler)
    {
        for (int i = 0; i < 20; i++)
        {
            final long buy = i % 2 == 0 ? 55 : 45;
            handler.apply(event.historySample().venue(Venue.BINANCE_USDM).instrumentId(perp)
                .exchangeTimeNs(T0 - (20 - i) * 60 * SECOND).receiveTimeNs(T0 - SECOND).buyVolumeMantissa(buy)
                .buyVolumeScale(0).sellVolumeMantissa(100 - buy).sellVolumeScale(0));
        }
    }
}
