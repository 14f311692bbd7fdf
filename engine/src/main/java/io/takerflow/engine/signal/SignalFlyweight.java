package io.takerflow.engine.signal;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/**
 * A {@link SignalView} over one signal's bytes in a buffer, laid out as {@link SignalLayout} says: nothing is copied
 * or allocated to read it. The signal handler writes each market's values into one (the live view every listener
 * is handed), a {@link SignalSnapshot} is one over its own buffer, and the journal's signal record holds the same
 * bytes. Only the market's name lives outside the bytes (the layout holds its index).
 */
public class SignalFlyweight implements SignalView
{
    private MutableDirectBuffer buffer;
    private int offset;
    private String market = "";

    /**
     * Points this view at one signal's bytes.
     *
     * @param buffer holding the signal.
     * @param offset where it starts; {@link SignalLayout#LENGTH} bytes from there.
     * @param market the name of the market at the index the bytes hold.
     * @return this.
     */
    public SignalFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final String market)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.market = market;
        return this;
    }

    /**
     * @return the buffer holding the signal's bytes.
     */
    public final MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return where the signal starts in {@link #buffer()}.
     */
    public final int offset()
    {
        return offset;
    }

    final void market(final String market)
    {
        this.market = market;
    }

    @Override
    public final String market()
    {
        return market;
    }

    @Override
    public final int marketIndex()
    {
        return buffer.getInt(offset + SignalLayout.MARKET_INDEX_OFFSET, LITTLE_ENDIAN);
    }

    final void marketIndex(final int index)
    {
        buffer.putInt(offset + SignalLayout.MARKET_INDEX_OFFSET, index, LITTLE_ENDIAN);
    }

    @Override
    public final long timeNs()
    {
        return buffer.getLong(offset + SignalLayout.TIME_OFFSET, LITTLE_ENDIAN);
    }

    final void timeNs(final long timeNs)
    {
        buffer.putLong(offset + SignalLayout.TIME_OFFSET, timeNs, LITTLE_ENDIAN);
    }

    @Override
    public final double buyVolume()
    {
        return buffer.getDouble(offset + SignalLayout.BUY_VOLUME_OFFSET, LITTLE_ENDIAN);
    }

    final void buyVolume(final double volume)
    {
        buffer.putDouble(offset + SignalLayout.BUY_VOLUME_OFFSET, volume, LITTLE_ENDIAN);
    }

    @Override
    public final double sellVolume()
    {
        return buffer.getDouble(offset + SignalLayout.SELL_VOLUME_OFFSET, LITTLE_ENDIAN);
    }

    final void sellVolume(final double volume)
    {
        buffer.putDouble(offset + SignalLayout.SELL_VOLUME_OFFSET, volume, LITTLE_ENDIAN);
    }

    @Override
    public final double imbalance()
    {
        return buffer.getDouble(offset + SignalLayout.IMBALANCE_OFFSET, LITTLE_ENDIAN);
    }

    final void imbalance(final double imbalance)
    {
        buffer.putDouble(offset + SignalLayout.IMBALANCE_OFFSET, imbalance, LITTLE_ENDIAN);
    }

    @Override
    public final double buyRatio()
    {
        return buffer.getDouble(offset + SignalLayout.BUY_RATIO_OFFSET, LITTLE_ENDIAN);
    }

    final void buyRatio(final double ratio)
    {
        buffer.putDouble(offset + SignalLayout.BUY_RATIO_OFFSET, ratio, LITTLE_ENDIAN);
    }

    @Override
    public final double sellRatio()
    {
        return buffer.getDouble(offset + SignalLayout.SELL_RATIO_OFFSET, LITTLE_ENDIAN);
    }

    final void sellRatio(final double ratio)
    {
        buffer.putDouble(offset + SignalLayout.SELL_RATIO_OFFSET, ratio, LITTLE_ENDIAN);
    }

    @Override
    public final long windowTrades()
    {
        return buffer.getLong(offset + SignalLayout.WINDOW_TRADES_OFFSET, LITTLE_ENDIAN);
    }

    final void windowTrades(final long trades)
    {
        buffer.putLong(offset + SignalLayout.WINDOW_TRADES_OFFSET, trades, LITTLE_ENDIAN);
    }

    @Override
    public final long eventSequence()
    {
        return buffer.getLong(offset + SignalLayout.EVENT_SEQUENCE_OFFSET, LITTLE_ENDIAN);
    }

    final void eventSequence(final long sequence)
    {
        buffer.putLong(offset + SignalLayout.EVENT_SEQUENCE_OFFSET, sequence, LITTLE_ENDIAN);
    }

    @Override
    public final double zScore()
    {
        return buffer.getDouble(offset + SignalLayout.Z_SCORE_OFFSET, LITTLE_ENDIAN);
    }

    final void zScore(final double zScore)
    {
        buffer.putDouble(offset + SignalLayout.Z_SCORE_OFFSET, zScore, LITTLE_ENDIAN);
    }

    @Override
    public final int historySamples()
    {
        return buffer.getInt(offset + SignalLayout.HISTORY_SAMPLES_OFFSET, LITTLE_ENDIAN);
    }

    final void historySamples(final int samples)
    {
        buffer.putInt(offset + SignalLayout.HISTORY_SAMPLES_OFFSET, samples, LITTLE_ENDIAN);
    }

    @Override
    public final double premiumPct()
    {
        return buffer.getDouble(offset + SignalLayout.PREMIUM_OFFSET, LITTLE_ENDIAN);
    }

    final void premiumPct(final double premium)
    {
        buffer.putDouble(offset + SignalLayout.PREMIUM_OFFSET, premium, LITTLE_ENDIAN);
    }

    @Override
    public final double premiumSmoothedPct()
    {
        return buffer.getDouble(offset + SignalLayout.PREMIUM_SMOOTHED_OFFSET, LITTLE_ENDIAN);
    }

    final void premiumSmoothedPct(final double premium)
    {
        buffer.putDouble(offset + SignalLayout.PREMIUM_SMOOTHED_OFFSET, premium, LITTLE_ENDIAN);
    }

    /**
     * @throws IllegalStateException if the bytes hold no known flow state code.
     */
    @Override
    public final FlowState flowState()
    {
        final byte code = buffer.getByte(offset + SignalLayout.FLOW_STATE_OFFSET);
        final FlowState state = SignalLayout.FLOW_STATES.constant(code);
        if (state == null)
        {
            throw new IllegalStateException("unknown flow state code " + code);
        }
        return state;
    }

    final void flowState(final FlowState state)
    {
        buffer.putByte(offset + SignalLayout.FLOW_STATE_OFFSET, SignalLayout.FLOW_STATES.code(state));
    }

    /**
     * @throws IllegalStateException if the bytes hold no known spot state code.
     */
    @Override
    public final SpotState spotState()
    {
        final byte code = buffer.getByte(offset + SignalLayout.SPOT_STATE_OFFSET);
        final SpotState state = SignalLayout.SPOT_STATES.constant(code);
        if (state == null)
        {
            throw new IllegalStateException("unknown spot state code " + code);
        }
        return state;
    }

    final void spotState(final SpotState state)
    {
        buffer.putByte(offset + SignalLayout.SPOT_STATE_OFFSET, SignalLayout.SPOT_STATES.code(state));
    }

    /**
     * @throws IllegalStateException if the bytes hold no known regime code.
     */
    @Override
    public final Regime regime()
    {
        final byte code = buffer.getByte(offset + SignalLayout.REGIME_OFFSET);
        final Regime regime = SignalLayout.REGIMES.constant(code);
        if (regime == null)
        {
            throw new IllegalStateException("unknown regime code " + code);
        }
        return regime;
    }

    final void regime(final Regime regime)
    {
        buffer.putByte(offset + SignalLayout.REGIME_OFFSET, SignalLayout.REGIMES.code(regime));
    }

    @Override
    public final long backfilledTrades()
    {
        return buffer.getLong(offset + SignalLayout.BACKFILLED_TRADES_OFFSET, LITTLE_ENDIAN);
    }

    final void backfilledTrades(final long trades)
    {
        buffer.putLong(offset + SignalLayout.BACKFILLED_TRADES_OFFSET, trades, LITTLE_ENDIAN);
    }

    @Override
    public final int warmingUpInstrument()
    {
        return buffer.getInt(offset + SignalLayout.WARMING_UP_INSTRUMENT_OFFSET, LITTLE_ENDIAN);
    }

    final void warmingUpInstrument(final int instrumentId)
    {
        buffer.putInt(offset + SignalLayout.WARMING_UP_INSTRUMENT_OFFSET, instrumentId, LITTLE_ENDIAN);
    }

    @Override
    public final int flags()
    {
        return buffer.getInt(offset + SignalLayout.FLAGS_OFFSET, LITTLE_ENDIAN);
    }

    final void flags(final int flags)
    {
        buffer.putInt(offset + SignalLayout.FLAGS_OFFSET, flags, LITTLE_ENDIAN);
    }

    /**
     * Writes every value of a view into these bytes.
     *
     * @param view the values.
     */
    final void write(final SignalView view)
    {
        timeNs(view.timeNs());
        marketIndex(view.marketIndex());
        eventSequence(view.eventSequence());
        buyVolume(view.buyVolume());
        sellVolume(view.sellVolume());
        imbalance(view.imbalance());
        buyRatio(view.buyRatio());
        sellRatio(view.sellRatio());
        zScore(view.zScore());
        premiumPct(view.premiumPct());
        premiumSmoothedPct(view.premiumSmoothedPct());
        windowTrades(view.windowTrades());
        backfilledTrades(view.backfilledTrades());
        warmingUpInstrument(view.warmingUpInstrument());
        historySamples(view.historySamples());
        flowState(view.flowState());
        spotState(view.spotState());
        regime(view.regime());
        flags(view.flags());
        market(view.market());
    }

    @Override
    public String toString()
    {
        return SignalSnapshot.describe(this);
    }
}
