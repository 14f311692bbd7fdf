package io.takerflow.engine.signal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A copy of a {@link SignalView} in its own buffer ({@link SignalLayout}), for keeping values beyond a callback or
 * handing them to another thread. Copying the live view is one copy of {@link SignalLayout#LENGTH} bytes. Reuse one
 * instance to avoid allocation.
 */
public final class SignalSnapshot extends SignalFlyweight
{
    /**
     * An empty signal: no flow, no Z-score, no premium, flow {@code BALANCED}, spot {@code FLAT}, regime
     * {@code NEUTRAL}, no flags.
     */
    public SignalSnapshot()
    {
        super.wrap(new UnsafeBuffer(new byte[SignalLayout.LENGTH]), 0, "");
        warmingUpInstrument(-1);
        zScore(Double.NaN);
        premiumPct(Double.NaN);
        premiumSmoothedPct(Double.NaN);
        flowState(FlowState.BALANCED);
        spotState(SpotState.FLAT);
        regime(Regime.NEUTRAL);
    }

    /**
     * A snapshot keeps its own buffer.
     *
     * @throws UnsupportedOperationException always.
     */
    @Override
    public SignalFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final String market)
    {
        throw new UnsupportedOperationException("a snapshot keeps its own buffer: wrap a SignalFlyweight instead");
    }

    /**
     * @param view the values to copy: bytes if it is a {@link SignalFlyweight}, else value by value.
     * @return this.
     */
    public SignalSnapshot copyFrom(final SignalView view)
    {
        if (view instanceof SignalFlyweight)
        {
            final SignalFlyweight flyweight = (SignalFlyweight)view;
            copyFrom(flyweight.buffer(), flyweight.offset(), flyweight.market());
        }
        else
        {
            write(view);
        }
        return this;
    }

    /**
     * Copies one signal's bytes, e.g. from a journal record, without checking them.
     *
     * @param source holding the bytes, laid out as {@link SignalLayout} says.
     * @param offset where they start.
     * @param market the name of the market at the index they hold.
     * @return this.
     */
    public SignalSnapshot copyFrom(final DirectBuffer source, final int offset, final String market)
    {
        buffer().putBytes(0, source, offset, SignalLayout.LENGTH);
        market(market);
        return this;
    }

    /**
     * Sets every value, e.g. when building a signal by hand; the imbalance and the ratios follow from the volumes.
     *
     * @param market             the market's name.
     * @param marketIndex        its index.
     * @param timeNs             time, epoch ns.
     * @param buyVolume          taker buy volume in the window.
     * @param sellVolume         taker sell volume in the window.
     * @param zScore             Z-score or NaN.
     * @param windowTrades       trades in the window.
     * @param backfilledTrades   of those, trades a backfill recovered.
     * @param eventSequence      the input event that produced it.
     * @param historySamples     samples in the Z-score history.
     * @param premiumPct         premium percent or NaN.
     * @param premiumSmoothedPct smoothed premium percent or NaN.
     * @param flowState          flow state.
     * @param spotState          spot state.
     * @param regime             regime.
     * @param flags              {@link SignalFlags} bits.
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
        final long backfilledTrades,
        final long eventSequence,
        final int historySamples,
        final double premiumPct,
        final double premiumSmoothedPct,
        final FlowState flowState,
        final SpotState spotState,
        final Regime regime,
        final int flags)
    {
        market(market);
        marketIndex(marketIndex);
        timeNs(timeNs);
        buyVolume(buyVolume);
        sellVolume(sellVolume);
        imbalance(FlowWindow.imbalance(buyVolume, sellVolume));
        buyRatio(FlowWindow.ratio(buyVolume, sellVolume));
        sellRatio(FlowWindow.ratio(sellVolume, buyVolume));
        zScore(zScore);
        windowTrades(windowTrades);
        backfilledTrades(backfilledTrades);
        eventSequence(eventSequence);
        historySamples(historySamples);
        premiumPct(premiumPct);
        premiumSmoothedPct(premiumSmoothedPct);
        flowState(flowState);
        spotState(spotState);
        regime(regime);
        flags(flags);
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
}
