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

    void onHistorySample(final double buyVolume, final double sellVolume)
    {
        final double volume = buyVolume + sellVolume;
        if (volume > 0 && volume >= config.minWindowVolume())
        {
            history.add(FlowWindow.imbalance(buyVolume, sellVolume));
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
        final boolean windowFilled = firstFlowNs != Long.MIN_VALUE && nowNs - firstFlowNs >= config.windowNs();
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
        view.zScore(zScore);
        publishState(flags);
        return changed;
    }

    RegimeClassifier classifier()
    {
        return classifier;
    }
}
