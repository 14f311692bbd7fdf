package io.takerflow.engine.signal;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

/**
 * A {@link SignalView} over one signal's bytes in a buffer, laid out as {@link SignalLayout} says: nothing is copied
 * or allocated to read it. The signal handler writes each market's values into one (the live view every listener
 * is handed), a {@link SignalSnapshot} is one over its own buffer, and the journal's signal record holds the same
 * bytes. Only the market's name lives outside the bytes (the layout holds its index).
 * <p>
 * The signal handler writes about twenty values per event, so an access here is one plain memory operation: the
 * bounds are checked once, when the flyweight is wrapped (the whole layout must fit), and each field is read and
 * written at the address found then, in little-endian order (swapped only on a big-endian machine), as Agrona's
 * {@code UnsafeBuffer} does without its per-call bounds check and byte-order argument. Wrap again if the buffer
 * under it is re-pointed or grows.
 */
public class SignalFlyweight implements SignalView
{
    private static final boolean SWAP = ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN;

    private MutableDirectBuffer buffer;
    private int offset;
    private byte[] array;
    private long address;
    private String market = "";

    /**
     * Points this view at one signal's bytes.
     *
     * @param buffer holding the signal.
     * @param offset where it starts; {@link SignalLayout#LENGTH} bytes from there.
     * @param market the name of the market at the index the bytes hold.
     * @return this.
     * @throws IndexOutOfBoundsException if the layout does not fit in the buffer from {@code offset}.
     */
    public SignalFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final String market)
    {
        if (offset < 0 || offset > buffer.capacity() - SignalLayout.LENGTH)
        {
            throw new IndexOutOfBoundsException("a signal needs " + SignalLayout.LENGTH + " bytes at offset " +
                offset + " of a buffer of " + buffer.capacity());
        }
        this.buffer = buffer;
        this.offset = offset;
        this.array = buffer.byteArray();
        this.address = buffer.addressOffset() + offset;
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
        return getInt(SignalLayout.MARKET_INDEX_OFFSET);
    }

    final void marketIndex(final int index)
    {
        putInt(SignalLayout.MARKET_INDEX_OFFSET, index);
    }

    @Override
    public final long timeNs()
    {
        return getLong(SignalLayout.TIME_OFFSET);
    }

    final void timeNs(final long timeNs)
    {
        putLong(SignalLayout.TIME_OFFSET, timeNs);
    }

    @Override
    public final double buyVolume()
    {
        return getDouble(SignalLayout.BUY_VOLUME_OFFSET);
    }

    final void buyVolume(final double volume)
    {
        putDouble(SignalLayout.BUY_VOLUME_OFFSET, volume);
    }

    @Override
    public final double sellVolume()
    {
        return getDouble(SignalLayout.SELL_VOLUME_OFFSET);
    }

    final void sellVolume(final double volume)
    {
        putDouble(SignalLayout.SELL_VOLUME_OFFSET, volume);
    }

    @Override
    public final double imbalance()
    {
        return getDouble(SignalLayout.IMBALANCE_OFFSET);
    }

    final void imbalance(final double imbalance)
    {
        putDouble(SignalLayout.IMBALANCE_OFFSET, imbalance);
    }

    @Override
    public final double buyRatio()
    {
        return getDouble(SignalLayout.BUY_RATIO_OFFSET);
    }

    final void buyRatio(final double ratio)
    {
        putDouble(SignalLayout.BUY_RATIO_OFFSET, ratio);
    }

    @Override
    public final double sellRatio()
    {
        return getDouble(SignalLayout.SELL_RATIO_OFFSET);
    }

    final void sellRatio(final double ratio)
    {
        putDouble(SignalLayout.SELL_RATIO_OFFSET, ratio);
    }

    @Override
    public final long windowTrades()
    {
        return getLong(SignalLayout.WINDOW_TRADES_OFFSET);
    }

    final void windowTrades(final long trades)
    {
        putLong(SignalLayout.WINDOW_TRADES_OFFSET, trades);
    }

    @Override
    public final long eventSequence()
    {
        return getLong(SignalLayout.EVENT_SEQUENCE_OFFSET);
    }

    final void eventSequence(final long sequence)
    {
        putLong(SignalLayout.EVENT_SEQUENCE_OFFSET, sequence);
    }

    @Override
    public final double zScore()
    {
        return getDouble(SignalLayout.Z_SCORE_OFFSET);
    }

    final void zScore(final double zScore)
    {
        putDouble(SignalLayout.Z_SCORE_OFFSET, zScore);
    }

    @Override
    public final int historySamples()
    {
        return getInt(SignalLayout.HISTORY_SAMPLES_OFFSET);
    }

    final void historySamples(final int samples)
    {
        putInt(SignalLayout.HISTORY_SAMPLES_OFFSET, samples);
    }

    @Override
    public final double premiumPct()
    {
        return getDouble(SignalLayout.PREMIUM_OFFSET);
    }

    final void premiumPct(final double premium)
    {
        putDouble(SignalLayout.PREMIUM_OFFSET, premium);
    }

    @Override
    public final double premiumSmoothedPct()
    {
        return getDouble(SignalLayout.PREMIUM_SMOOTHED_OFFSET);
    }

    final void premiumSmoothedPct(final double premium)
    {
        putDouble(SignalLayout.PREMIUM_SMOOTHED_OFFSET, premium);
    }

    /**
     * @throws IllegalStateException if the bytes hold no known flow state code.
     */
    @Override
    public final FlowState flowState()
    {
        final byte code = getByte(SignalLayout.FLOW_STATE_OFFSET);
        final FlowState state = SignalLayout.FLOW_STATES.constant(code);
        if (state == null)
        {
            throw new IllegalStateException("unknown flow state code " + code);
        }
        return state;
    }

    final void flowState(final FlowState state)
    {
        putByte(SignalLayout.FLOW_STATE_OFFSET, SignalLayout.FLOW_STATES.code(state));
    }

    /**
     * @throws IllegalStateException if the bytes hold no known spot state code.
     */
    @Override
    public final SpotState spotState()
    {
        final byte code = getByte(SignalLayout.SPOT_STATE_OFFSET);
        final SpotState state = SignalLayout.SPOT_STATES.constant(code);
        if (state == null)
        {
            throw new IllegalStateException("unknown spot state code " + code);
        }
        return state;
    }

    final void spotState(final SpotState state)
    {
        putByte(SignalLayout.SPOT_STATE_OFFSET, SignalLayout.SPOT_STATES.code(state));
    }

    /**
     * @throws IllegalStateException if the bytes hold no known regime code.
     */
    @Override
    public final Regime regime()
    {
        final byte code = getByte(SignalLayout.REGIME_OFFSET);
        final Regime regime = SignalLayout.REGIMES.constant(code);
        if (regime == null)
        {
            throw new IllegalStateException("unknown regime code " + code);
        }
        return regime;
    }

    final void regime(final Regime regime)
    {
        putByte(SignalLayout.REGIME_OFFSET, SignalLayout.REGIMES.code(regime));
    }

    @Override
    public final long backfilledTrades()
    {
        return getLong(SignalLayout.BACKFILLED_TRADES_OFFSET);
    }

    final void backfilledTrades(final long trades)
    {
        putLong(SignalLayout.BACKFILLED_TRADES_OFFSET, trades);
    }

    @Override
    public final int warmingUpInstrument()
    {
        return getInt(SignalLayout.WARMING_UP_INSTRUMENT_OFFSET);
    }

    final void warmingUpInstrument(final int instrumentId)
    {
        putInt(SignalLayout.WARMING_UP_INSTRUMENT_OFFSET, instrumentId);
    }

    @Override
    public final int flags()
    {
        return getInt(SignalLayout.FLAGS_OFFSET);
    }

    final void flags(final int flags)
    {
        putInt(SignalLayout.FLAGS_OFFSET, flags);
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

    private long getLong(final int field)
    {
        final long bits = UnsafeApi.getLong(array, address + field);
        return SWAP ? Long.reverseBytes(bits) : bits;
    }

    private void putLong(final int field, final long value)
    {
        UnsafeApi.putLong(array, address + field, SWAP ? Long.reverseBytes(value) : value);
    }

    private int getInt(final int field)
    {
        final int bits = UnsafeApi.getInt(array, address + field);
        return SWAP ? Integer.reverseBytes(bits) : bits;
    }

    private void putInt(final int field, final int value)
    {
        UnsafeApi.putInt(array, address + field, SWAP ? Integer.reverseBytes(value) : value);
    }

    private double getDouble(final int field)
    {
        return SWAP ? Double.longBitsToDouble(getLong(field)) : UnsafeApi.getDouble(array, address + field);
    }

    private void putDouble(final int field, final double value)
    {
        if (SWAP)
        {
            putLong(field, Double.doubleToRawLongBits(value));
        }
        else
        {
            UnsafeApi.putDouble(array, address + field, value);
        }
    }

    private byte getByte(final int field)
    {
        return UnsafeApi.getByte(array, address + field);
    }

    private void putByte(final int field, final byte value)
    {
        UnsafeApi.putByte(array, address + field, value);
    }

    @Override
    public String toString()
    {
        return SignalSnapshot.describe(this);
    }
}
