package io.takerflow.engine.signal;

/**
 * A mutable copy of a {@link SignalView}, for keeping values beyond a callback or handing them to another
 * thread. Reuse one instance to avoid allocation.
 */
public final class SignalSnapshot implements SignalView
{
    private String market = "";
    private int marketIndex;
    private long timeNs;
    private double buyVolume;
    private double sellVolume;
    private double imbalance;
    private double buyRatio;
    private double sellRatio;
    private double zScore = Double.NaN;
    private long windowTrades;
    private long eventSequence;
    private int historySamples;
    private double premiumPct = Double.NaN;
    private double premiumSmoothedPct = Double.NaN;
    private FlowState flowState = FlowState.BALANCED;
    private SpotState spotState = SpotState.FLAT;
    private Regime regime = Regime.NEUTRAL;
    private int flags;

    /**
     * @param view the values to copy.
     * @return this.
     */
    public SignalSnapshot copyFrom(final SignalView view)
    {
        market = view.market();
        marketIndex = view.marketIndex();
        timeNs = view.timeNs();
        buyVolume = view.buyVolume();
        sellVolume = view.sellVolume();
        imbalance = view.imbalance();
        buyRatio = view.buyRatio();
        sellRatio = view.sellRatio();
        zScore = view.zScore();
        windowTrades = view.windowTrades();
        eventSequence = view.eventSequence();
        historySamples = view.historySamples();
        premiumPct = view.premiumPct();
        premiumSmoothedPct = view.premiumSmoothedPct();
        flowState = view.flowState();
        spotState = view.spotState();
        regime = view.regime();
        flags = view.flags();
        return this;
    }

    /**
     * Sets every value, e.g. when reading signals back from a journal.
     *
     * @return this.
     */
    public SignalSnapshot set(
        final String market,
        final int marketIndex,
        final long timeNs,
        final double buyVolume,
        final double sellVolume,
        final double zScore,
        final long windowTrades,
        final long eventSequence,
        final int historySamples,
        final double premiumPct,
        final double premiumSmoothedPct,
        final FlowState flowState,
        final SpotState spotState,
        final Regime regime,
        final int flags)
    {
        this.market = market;
        this.marketIndex = marketIndex;
        this.timeNs = timeNs;
        this.buyVolume = buyVolume;
        this.sellVolume = sellVolume;
        this.imbalance = FlowWindow.imbalance(buyVolume, sellVolume);
        this.buyRatio = FlowWindow.ratio(buyVolume, sellVolume);
        this.sellRatio = FlowWindow.ratio(sellVolume, buyVolume);
        this.zScore = zScore;
        this.windowTrades = windowTrades;
        this.eventSequence = eventSequence;
        this.historySamples = historySamples;
        this.premiumPct = premiumPct;
        this.premiumSmoothedPct = premiumSmoothedPct;
        this.flowState = flowState;
        this.spotState = spotState;
        this.regime = regime;
        this.flags = flags;
        return this;
    }

    /**
     * @param view any signal view.
     * @return one human-readable line.
     */
    public static String describe(final SignalView view)
    {
        return String.format(
            "%s t=%d imbalance=%.4f buy=%.3f sell=%.3f z=%.3f premium=%.4f%% smoothed=%.4f%% flow=%s spot=%s " +
            "regime=%s %s",
            view.market(), view.timeNs(), view.imbalance(), view.buyRatio(), view.sellRatio(), view.zScore(),
            view.premiumPct(), view.premiumSmoothedPct(), view.flowState(), view.spotState(), view.regime(),
            SignalFlags.toString(view.flags()));
    }

    @Override
    public String market()
    {
        return market;
    }

    @Override
    public int marketIndex()
    {
        return marketIndex;
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
        return buyRatio;
    }

    @Override
    public double sellRatio()
    {
        return sellRatio;
    }

    @Override
    public double zScore()
    {
        return zScore;
    }

    @Override
    public long windowTrades()
    {
        return windowTrades;
    }

    @Override
    public long eventSequence()
    {
        return eventSequence;
    }

    @Override
    public int historySamples()
    {
        return historySamples;
    }

    @Override
    public double premiumPct()
    {
        return premiumPct;
    }

    @Override
    public double premiumSmoothedPct()
    {
        return premiumSmoothedPct;
    }

    @Override
    public FlowState flowState()
    {
        return flowState;
    }

    @Override
    public SpotState spotState()
    {
        return spotState;
    }

    @Override
    public Regime regime()
    {
        return regime;
    }

    @Override
    public int flags()
    {
        return flags;
    }

    @Override
    public String toString()
    {
        return describe(this);
    }
}
