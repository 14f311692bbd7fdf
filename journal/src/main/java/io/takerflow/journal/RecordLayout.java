package io.takerflow.journal;

import net.openhft.chronicle.bytes.Bytes;

import io.takerflow.engine.EventType;
import io.takerflow.engine.FeedState;
import io.takerflow.engine.InputEvent;
import io.takerflow.engine.TakerSide;
import io.takerflow.engine.Venue;
import io.takerflow.engine.signal.FlowState;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.engine.signal.SpotState;

/**
 * The journal's fixed binary layout, version {@value #VERSION}. Every record starts with a kind byte; input events
 * and signals then have a fixed length, run headers (which open every run and every roll cycle) carry the
 * configuration needed to rebuild the signal handler. Little-endian, as Chronicle Bytes writes.
 */
public final class RecordLayout
{
    static
    {
        ChronicleAnalytics.disable();
    }

    /** Layout version, written in every run header; readers refuse versions they do not know. */
    public static final int VERSION = 1;
    /** Magic at the start of a run header: "TKFL". */
    public static final int MAGIC = 0x4C464B54;

    static final byte RUN_HEADER = 1;
    static final byte INPUT = 2;
    static final byte SIGNAL = 3;
    static final byte REGIME_CHANGE = 4;

    /** Bytes of an input record, kind byte included. */
    public static final int INPUT_LENGTH = 1 + 5 + 4 + 6 * 8;
    /** Bytes of a signal record, kind byte included. */
    public static final int SIGNAL_LENGTH = 1 + 8 + 4 + 8 * 8 + 4 + 3 + 4;

    private static final EventType[] TYPES = EventType.values();
    private static final Venue[] VENUES = Venue.values();
    private static final TakerSide[] SIDES = TakerSide.values();
    private static final FeedState[] STATES = FeedState.values();
    private static final FlowState[] FLOW_STATES = FlowState.values();
    private static final SpotState[] SPOT_STATES = SpotState.values();
    private static final Regime[] REGIMES = Regime.values();

    private RecordLayout()
    {
    }

    static void writeInput(final Bytes<?> bytes, final InputEvent event)
    {
        bytes.writeByte(INPUT);
        bytes.writeByte((byte)event.type().ordinal());
        bytes.writeByte((byte)event.venue().ordinal());
        bytes.writeByte((byte)event.takerSide().ordinal());
        bytes.writeByte((byte)event.feedState().ordinal());
        bytes.writeByte((byte)(event.priceScale() << 4 | event.quantityScale()));
        bytes.writeInt(event.instrumentId());
        bytes.writeLong(event.exchangeTimeNs());
        bytes.writeLong(event.receiveTimeNs());
        bytes.writeLong(event.priceMantissa());
        bytes.writeLong(event.quantityMantissa());
        bytes.writeLong(event.tradeId());
        bytes.writeLong(event.missingCount());
    }

    /**
     * Reads the body of an input record (after its kind byte).
     */
    static void readInput(final Bytes<?> bytes, final InputEvent into)
    {
        final EventType type = TYPES[bytes.readByte()];
        final Venue venue = VENUES[bytes.readByte()];
        final TakerSide side = SIDES[bytes.readByte()];
        final FeedState state = STATES[bytes.readByte()];
        final int scales = bytes.readByte() & 0xFF;
        final int instrumentId = bytes.readInt();
        final long exchangeTimeNs = bytes.readLong();
        final long receiveTimeNs = bytes.readLong();
        final long price = bytes.readLong();
        final long quantity = bytes.readLong();
        final long tradeId = bytes.readLong();
        final long missing = bytes.readLong();
        into.restore(type, venue, instrumentId, exchangeTimeNs, receiveTimeNs, price, scales >>> 4, quantity,
            scales & 0xF, side, tradeId, state, missing);
    }

    static void writeSignal(final Bytes<?> bytes, final SignalView signal)
    {
        bytes.writeByte(SIGNAL);
        bytes.writeLong(signal.timeNs());
        bytes.writeInt(signal.marketIndex());
        bytes.writeDouble(signal.buyVolume());
        bytes.writeDouble(signal.sellVolume());
        bytes.writeDouble(signal.imbalance());
        bytes.writeDouble(signal.buyRatio());
        bytes.writeDouble(signal.sellRatio());
        bytes.writeDouble(signal.zScore());
        bytes.writeDouble(signal.premiumPct());
        bytes.writeDouble(signal.premiumSmoothedPct());
        bytes.writeInt(signal.historySamples());
        bytes.writeByte((byte)signal.flowState().ordinal());
        bytes.writeByte((byte)signal.spotState().ordinal());
        bytes.writeByte((byte)signal.regime().ordinal());
        bytes.writeInt(signal.flags());
    }

    static void writeRegimeChange(final Bytes<?> bytes, final RegimeChange change, final SignalView signal)
    {
        bytes.writeByte(REGIME_CHANGE);
        bytes.writeLong(change.timeNs());
        bytes.writeInt(signal.marketIndex());
        bytes.writeByte((byte)change.from().ordinal());
        bytes.writeByte((byte)change.to().ordinal());
        bytes.writeByte((byte)change.reason().ordinal());
    }

    /**
     * Reads the body of a signal record (after its kind byte) into a record.
     */
    static SignalRecord readSignal(final Bytes<?> bytes, final String[] marketNames)
    {
        final long timeNs = bytes.readLong();
        final int market = bytes.readInt();
        final double buyVolume = bytes.readDouble();
        final double sellVolume = bytes.readDouble();
        final double imbalance = bytes.readDouble();
        final double buyRatio = bytes.readDouble();
        final double sellRatio = bytes.readDouble();
        final double z = bytes.readDouble();
        final double premium = bytes.readDouble();
        final double smoothed = bytes.readDouble();
        final int samples = bytes.readInt();
        final FlowState flow = FLOW_STATES[bytes.readByte()];
        final SpotState spot = SPOT_STATES[bytes.readByte()];
        final Regime regime = REGIMES[bytes.readByte()];
        final int flags = bytes.readInt();
        return new SignalRecord(timeNs, market, market < marketNames.length ? marketNames[market] : "#" + market,
            buyVolume, sellVolume, imbalance, buyRatio, sellRatio, z, premium, smoothed, samples, flow, spot, regime, flags);
    }

    static Regime regime(final int ordinal)
    {
        return REGIMES[ordinal];
    }
}
