package io.takerflow.engine.signal;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One market's signal state: its flow window, the period accumulator that feeds its Z-score history, its
 * premium index and its regime classifier, plus the values last computed from them, written into its own
 * {@link SignalLayout} bytes. Owned and mutated by the signal handler thread only; listeners see the values through
 * {@link #view()}.
 * <p>
 * Only fully observed periods enter the history: a period counts if this market was already seeing events when
 * it began (so not the period the run started in), no flow feed was disconnected, stale or gapped at any time in
 * it, and it holds the window minimums of trades and volume. Anything else would store a fraction of a period
 * (one trade's imbalance of -1, say) as if it were a whole one, and keep it for 90 days of samples.
 * <p>
 * The window counts as filled (no {@code WARMING_UP} from it) once every flow leg covers a whole window: a leg is
 * covered from the market's first live flow trade (from then on its feed is observed, a quiet leg truly adds
 * nothing), or, when history bars fill its buckets (warm start, WINDOW_SAMPLE) up to the bucket of that first live
 * trade, from its first bar. Bars are taken for the buckets before the bucket of the first live flow trade, also
 * after it (a top-up that closes the hole between the start's bars and live flow): no live trade can be in them.
 * History samples of one period from several legs are summed into one sample, as live flow is.
 */
final class MarketSignals
{
    private final MarketConfig config;
    private final int index;
    private final FlowWindow window;
    private final FlowHistory history;
    private final PremiumIndex premium;
    private final RegimeClassifier classifier;
    private final int[] requiredInstruments;
    private final int[] flowInstruments;
    private final CompensatedSum periodBuy = new CompensatedSum();
    private final CompensatedSum periodSell = new CompensatedSum();
    private long period = Long.MIN_VALUE;
    private long nextPeriodStartNs = Long.MIN_VALUE;
    private long periodTrades;
    private boolean periodComplete;
    private boolean flowFeedsHealthy = true;
    private long observedSinceNs = Long.MIN_VALUE;

    private final SignalFlyweight view = new SignalFlyweight();
    private long firstFlowNs = Long.MIN_VALUE;
    private final long[] legWarmFromNs;
    private final long[] legWarmLastBucket;
    private boolean windowFilled;
    private int warmingUpInstrument;
    private long historyPeriodNs = Long.MIN_VALUE;
    private int historyLegs;
    private boolean historyAdded;
    private final CompensatedSum historyBuy = new CompensatedSum();
    private final CompensatedSum historySell = new CompensatedSum();
    long touchStamp = -1;

    MarketSignals(final MarketConfig config, final int index)
    {
        this.config = config;
        this.index = index;
        this.window = new FlowWindow(config.windowNs(), config.bucketNs());
        this.history = new FlowHistory(config.historyCapacity(), config.minHistorySamples());
        this.premium = new PremiumIndex(config.premiumHalfLifeNs(), config.premiumStaleNs());
        this.classifier = RegimeClassifier.of(config);
        final int[] flow = config.flowInstruments();
        this.flowInstruments = flow;
        this.legWarmFromNs = new long[flow.length];
        this.legWarmLastBucket = new long[flow.length];
        java.util.Arrays.fill(legWarmFromNs, Long.MIN_VALUE);
        java.util.Arrays.fill(legWarmLastBucket, Long.MIN_VALUE);
        this.warmingUpInstrument = flow.length > 0 ? flow[0] : -1;
        if (config.premiumInstrument() == MarketConfig.NONE)
        {
            this.requiredInstruments = flow;
        }
        else
        {
            this.requiredInstruments = java.util.Arrays.copyOf(flow, flow.length + 2);
            requiredInstruments[flow.length] = config.premiumInstrument();
            requiredInstruments[flow.length + 1] = config.referenceInstrument();
        }
        view.wrap(new UnsafeBuffer(new byte[SignalLayout.LENGTH]), 0, config.name());
        view.marketIndex(index);
        view.warmingUpInstrument(warmingUpInstrument);
        view.zScore(Double.NaN);
        publishState(SignalFlags.WARMING_UP | SignalFlags.PREMIUM_STALE);
    }

    /**
     * @return the values last computed, valid on the signal handler thread.
     */
    SignalView view()
    {
        return view;
    }

    /**
     * Writes what the premium index, the history and the classifier hold now.
     */
    private void publishState(final int flags)
    {
        view.historySamples(history.count());
        view.premiumPct(premium.raw());
        view.premiumSmoothedPct(premium.smoothed());
        view.flowState(classifier.flowState());
        view.spotState(classifier.spotState());
        view.regime(classifier.regime());
        view.flags(flags);
    }

    int[] flowInstrumentIds()
    {
        return flowInstruments;
    }

    int[] requiredInstruments()
    {
        return requiredInstruments;
    }

    MarketConfig config()
    {
        return config;
    }

    void advanceTo(final long nowNs)
    {
        if (observedSinceNs == Long.MIN_VALUE)
        {
            observedSinceNs = nowNs;
        }
        if (nowNs >= nextPeriodStartNs)
        {
            closePeriod(nowNs);
        }
        window.advanceTo(nowNs);
        premium.advanceTo(nowNs);
    }

    private void closePeriod(final long nowNs)
    {
        final long nowPeriod = Math.floorDiv(nowNs, config.samplePeriodNs());
        if (nowPeriod > period)
        {
            if (period != Long.MIN_VALUE && periodComplete)
            {
                final double buy = periodBuy.value();
                final double sell = periodSell.value();
                if (!isThin(periodTrades, buy + sell))
                {
                    history.add(FlowWindow.imbalance(buy, sell));
                }
            }
            periodBuy.reset();
            periodSell.reset();
            periodTrades = 0;
            period = nowPeriod;
            periodComplete = flowFeedsHealthy && observedSinceNs <= nowPeriod * config.samplePeriodNs();
            nextPeriodStartNs = (nowPeriod + 1) * config.samplePeriodNs();
        }
    }

    void onFlowTrade(final long nowNs, final boolean buy, final double baseQuantity)
    {
        if (firstFlowNs == Long.MIN_VALUE)
        {
            firstFlowNs = nowNs;
        }
        advanceTo(nowNs);
        window.add(nowNs, buy, baseQuantity);
        (buy ? periodBuy : periodSell).add(baseQuantity);
        periodTrades++;
    }

    private int leg(final int instrumentId)
    {
        for (int i = 0; i < flowInstruments.length; i++)
        {
            if (flowInstruments[i] == instrumentId)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * One closed history bar of a flow leg (warm start): booked in the window's bucket of the bar's open time while the
     * window holds it, never in the period sums (it happened before the run). A bar in the bucket of the market's
     * first live flow trade or later is ignored: live trades may be in that bucket already.
     *
     * @param nowNs        the handler's time.
     * @param instrumentId the flow leg.
     * @param barOpenNs    when the bar opened.
     * @param buy          taker buy volume, base units.
     * @param sell         taker sell volume, base units.
     * @param trades       trades in the bar.
     */
    void onWindowSample(
        final long nowNs, final int instrumentId, final long barOpenNs, final double buy, final double sell,
        final long trades)
    {
        advanceTo(nowNs);
        final int leg = leg(instrumentId);
        final long barBucket = Math.floorDiv(barOpenNs, config.bucketNs());
        if (leg < 0 || barOpenNs > nowNs ||
            firstFlowNs != Long.MIN_VALUE && barBucket >= Math.floorDiv(firstFlowNs, config.bucketNs()))
        {
            return;
        }
        if (window.addBar(barOpenNs, buy, sell, trades))
        {
            legWarmFromNs[leg] = legWarmFromNs[leg] == Long.MIN_VALUE ? barOpenNs :
                Math.min(legWarmFromNs[leg], barOpenNs);
            legWarmLastBucket[leg] = Math.max(legWarmLastBucket[leg], barBucket);
        }
    }

    /**
     * A flow trade recovered by a backfill: booked in the window at its own time if the window still holds that
     * bucket (never in the current bucket at fetch time); the sampling period it belonged to was already marked
     * incomplete by the gap.
     *
     * @param nowNs   the handler's time.
     * @param tradeNs when the trade happened.
     * @param buy     true for a taker buy.
     * @param baseQuantity base units.
     */
    void onBackfilledFlowTrade(final long nowNs, final long tradeNs, final boolean buy, final double baseQuantity)
    {
        advanceTo(nowNs);
        window.addPast(Math.min(tradeNs, nowNs), buy, baseQuantity);
    }

    /**
     * A flow feed's health changed (or it reported a gap); call after {@link #advanceTo(long)} for the event.
     *
     * @param allHealthy true if every flow feed of this market is now connected and not stale.
     * @param trouble    true if this change means trades may be missing (disconnected, stale, gap): the current
     *                   period is then not fully observed and will not be sampled.
     */
    void onFlowFeedHealth(final boolean allHealthy, final boolean trouble)
    {
        flowFeedsHealthy = allHealthy;
        if (trouble)
        {
            periodComplete = false;
        }
    }

    private boolean isThin(final long trades, final double volume)
    {
        return trades < config.minWindowTrades() || volume < config.minWindowVolume();
    }

    void onPremiumTrade(final long nowNs, final double price)
    {
        advanceTo(nowNs);
        premium.onPremiumTrade(price, nowNs);
    }

    void onReferenceTrade(final long nowNs, final double price)
    {
        advanceTo(nowNs);
        premium.onReferenceTrade(price, nowNs);
    }

    /**
     * One closed history period of one flow leg. Samples of the same period from several legs that follow each other
     * are summed (as live flow is) into one history sample: the second leg's replaces the first's sample with the
     * imbalance of both. A period below the window's minimum volume is not sampled.
     *
     * @param instrumentId  the flow leg.
     * @param periodStartNs when the period opened.
     * @param buyVolume     taker buy volume, base units.
     * @param sellVolume    taker sell volume, base units.
     */
    void onHistorySample(
        final int instrumentId, final long periodStartNs, final double buyVolume, final double sellVolume)
    {
        final int leg = leg(instrumentId);
        final int legBit = leg >= 0 && leg < 31 ? 1 << leg : 0;
        if (periodStartNs != historyPeriodNs || legBit == 0 || (historyLegs & legBit) != 0)
        {
            historyPeriodNs = periodStartNs;
            historyLegs = 0;
            historyAdded = false;
            historyBuy.reset();
            historySell.reset();
        }
        historyLegs |= legBit;
        historyBuy.add(buyVolume);
        historySell.add(sellVolume);
        final double buy = historyBuy.value();
        final double sell = historySell.value();
        final double volume = buy + sell;
        if (volume > 0 && volume >= config.minWindowVolume())
        {
            if (historyAdded)
            {
                history.replaceNewest(FlowWindow.imbalance(buy, sell));
            }
            else
            {
                history.add(FlowWindow.imbalance(buy, sell));
                historyAdded = true;
            }
        }
    }

    /**
     * Recomputes the published values and runs the classifier.
     *
     * @return true if the regime changed.
     */
    boolean evaluate(final long nowNs, final boolean feedsUnhealthy, final long eventSequence)
    {
        final double buyVolume = window.buyVolume();
        final double sellVolume = window.sellVolume();
        final long windowTrades = window.trades();
        final double imbalance = FlowWindow.imbalance(buyVolume, sellVolume);
        final boolean thin = isThin(windowTrades, buyVolume + sellVolume);
        final double zScore = thin ? Double.NaN : history.zScore(imbalance);
        int flags = thin ? SignalFlags.THIN : 0;
        final boolean windowFilled = windowFilled(nowNs);
        if (!history.isWarm() || !windowFilled)
        {
            flags |= SignalFlags.WARMING_UP;
        }
        final boolean hasPremium = config.premiumInstrument() != MarketConfig.NONE;
        if (hasPremium && premium.isStale(nowNs))
        {
            flags |= SignalFlags.PREMIUM_STALE;
        }
        final boolean degraded = feedsUnhealthy || (flags & SignalFlags.PREMIUM_STALE) != 0;
        if (degraded)
        {
            flags |= SignalFlags.DEGRADED;
        }
        final boolean changed = classifier.update(nowNs, windowFilled ? zScore : Double.NaN,
            hasPremium ? premium.smoothed() : Double.NaN, degraded || thin);
        final SignalFlyweight view = this.view;
        view.timeNs(nowNs);
        view.eventSequence(eventSequence);
        view.buyVolume(buyVolume);
        view.sellVolume(sellVolume);
        view.imbalance(imbalance);
        view.buyRatio(FlowWindow.ratio(buyVolume, sellVolume));
        view.sellRatio(FlowWindow.ratio(sellVolume, buyVolume));
        view.windowTrades(windowTrades);
        view.backfilledTrades(window.backfilledTrades());
        view.warmingUpInstrument(warmingUpInstrument);
        view.zScore(zScore);
        publishState(flags);
        return changed;
    }

    /**
     * Whether every flow leg covers a whole window at {@code nowNs}; once true it stays true. Notes the first leg
     * that does not, for {@link #warmingUpInstrument()}. A leg warmed from history bars covers it when its first bar is
     * in the window's oldest bucket or before (the bars fill whole buckets); a leg seen live only, when a window's
     * length has passed since the market's first live flow trade.
     */
    private boolean windowFilled(final long nowNs)
    {
        if (windowFilled)
        {
            return true;
        }
        if (firstFlowNs == Long.MIN_VALUE)
        {
            warmingUpInstrument = flowInstruments.length > 0 ? flowInstruments[0] : -1;
            return false;
        }
        final long liveBucket = Math.floorDiv(firstFlowNs, config.bucketNs());
        for (int leg = 0; leg < flowInstruments.length; leg++)
        {
            final boolean warmed = legWarmLastBucket[leg] != Long.MIN_VALUE && legWarmLastBucket[leg] + 1 >= liveBucket;
            final boolean covered = warmed ? Math.floorDiv(legWarmFromNs[leg], config.bucketNs()) <=
                Math.floorDiv(nowNs, config.bucketNs()) - config.windowNs() / config.bucketNs() + 1 :
                nowNs - firstFlowNs >= config.windowNs();
            if (!covered)
            {
                warmingUpInstrument = flowInstruments[leg];
                return false;
            }
        }
        windowFilled = flowInstruments.length > 0;
        warmingUpInstrument = -1;
        return windowFilled;
    }

    RegimeClassifier classifier()
    {
        return classifier;
    }
}
