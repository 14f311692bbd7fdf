package io.takerflow.journal;

import io.takerflow.engine.signal.FlowState;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.SpotState;

/**
 * One journaled signal, as read back for dumps and charts (not a hot-path type). The fields are those of
 * {@link io.takerflow.engine.signal.SignalView}.
 */
public record SignalRecord(
    long timeNs,
    int marketIndex,
    String market,
    long eventSequence,
    double buyVolume,
    double sellVolume,
    double imbalance,
    double buyRatio,
    double sellRatio,
    double zScore,
    double premiumPct,
    double premiumSmoothedPct,
    long windowTrades,
    int historySamples,
    FlowState flowState,
    SpotState spotState,
    Regime regime,
    int flags)
{
    /**
     * @param view a live signal.
     * @return a copy of its values.
     */
    public static SignalRecord of(final io.takerflow.engine.signal.SignalView view)
    {
        return new SignalRecord(view.timeNs(), view.marketIndex(), view.market(), view.eventSequence(),
            view.buyVolume(), view.sellVolume(), view.imbalance(), view.buyRatio(), view.sellRatio(), view.zScore(),
            view.premiumPct(),
            view.premiumSmoothedPct(), view.windowTrades(), view.historySamples(), view.flowState(), view.spotState(),
            view.regime(), view.flags());
    }
}
