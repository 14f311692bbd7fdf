package io.takerflow.engine.signal;

/**
 * One market's signal state: its flow window, the period accumulator that feeds its Z-score history, its
 * premium index and its regime classifier, plus the values last computed from them. Owned and mutated by the
 * signal handler thread only; listeners see it through {@link SignalView}.
 */
final class MarketSignals implements SignalView
{
    private final MarketConfig config;
    private final int index;
    private final FlowWindow window;
    private final FlowHistory history;
    private final PremiumIndex premium;
    private final RegimeClassifier classifier;
    private final int[] requiredInstruments;
    private final CompensatedSum periodBuy = new CompensatedSum();
    private final CompensatedSum periodSell = new CompensatedSum();
    private long period = Long.MIN_VALUE;
    private long nextPeriodStartNs = Long.MIN_VALUE;

    private long timeNs;
    private double buyVolume;
    private double sellVolume;
    private double imbalance;
    private double zScore = Double.NaN;
    private int flags = SignalFlags.WARMING_UP | SignalFlags.PREMIUM_STALE;
    private long firstFlowNs = Long.MIN_VALUE;
    long touchStamp = -1;

    MarketSignals(final MarketConfig config, final int index)
    {
        this.config = config;
        this.index = index;
        this.window = new FlowWindow(config.windowNs(), config.bucketNs());
        this.history = new FlowHistory(config.historyCapacity(), config.minHistorySamples());
        this.premium = new PremiumIndex(config.premiumHalfLifeNs(), config.premiumStaleNs());
        this.classifier = new RegimeClassifier(config.thresholds());
        final int[] flow = config.flowInstruments();
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
            if (period != Long.MIN_VALUE)
            {
                final double buy = periodBuy.value();
                final double sell = periodSell.value();
                if (buy + sell > 0)
                {
                    history.add(FlowWindow.imbalance(buy, sell));
                }
            }
            periodBuy.reset();
            periodSell.reset();
            period = nowPeriod;
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
        if (buyVolume + sellVolume > 0)
        {
            history.add(FlowWindow.imbalance(buyVolume, sellVolume));
        }
    }

    /**
     * Recomputes the published values and runs the classifier.
     *
     * @return true if the regime changed.
     */
    boolean evaluate(final long nowNs, final boolean feedsUnhealthy)
    {
        timeNs = nowNs;
        buyVolume = window.buyVolume();
        sellVolume = window.sellVolume();
        imbalance = FlowWindow.imbalance(buyVolume, sellVolume);
        zScore = history.zScore(imbalance);
        int flags = 0;
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
        this.flags = flags;
        return classifier.update(windowFilled ? zScore : Double.NaN, imbalance,
            hasPremium ? premium.smoothed() : Double.NaN, degraded);
    }

    RegimeClassifier classifier()
    {
        return classifier;
    }

    @Override
    public String market()
    {
        return config.name();
    }

    @Override
    public int marketIndex()
    {
        return index;
    }

    @Override
    public long timeNs()
    {
        return timeNs;
    }

    @Override
    public double buyVolume()
    {
        return buyVolume;
    }

    @Override
    public double sellVolume()
    {
        return sellVolume;
    }

    @Override
    public double imbalance()
    {
        return imbalance;
    }

    @Override
    public double buyRatio()
    {
        return FlowWindow.ratio(buyVolume, sellVolume);
    }

    @Override
    public double sellRatio()
    {
        return FlowWindow.ratio(sellVolume, buyVolume);
    }

    @Override
    public double zScore()
    {
        return zScore;
    }

    @Override
    public int historySamples()
    {
        return history.count();
    }

    @Override
    public double premiumPct()
    {
        return premium.raw();
    }

    @Override
    public double premiumSmoothedPct()
    {
        return premium.smoothed();
    }

    @Override
    public FlowState flowState()
    {
        return classifier.flowState();
    }

    @Override
    public SpotState spotState()
    {
        return classifier.spotState();
    }

    @Override
    public Regime regime()
    {
        return classifier.regime();
    }

    @Override
    public int flags()
    {
        return flags;
    }

    @Override
    public String toString()
    {
        return SignalSnapshot.describe(this);
    }
}
