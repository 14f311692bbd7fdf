package io.takerflow.journal;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import net.openhft.chronicle.bytes.Bytes;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.ScaledDecimal;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.RegimeReason;
import io.takerflow.engine.signal.SignalFlyweight;
import io.takerflow.engine.signal.SignalLayout;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.engine.signal.SignalView;

/**
 * The journal's fixed binary layout, version {@value #VERSION}: the descriptor of every record. Every record starts
 * with a kind byte; input events, signals and regime changes then have a fixed length, with each field at a named
 * offset from the record's start; run headers (which open every run and every roll cycle) carry the configuration
 * needed to rebuild the signal handler. Enums are stored as explicit codes (never ordinals), decimal scales as
 * whole bytes. Little-endian, as Chronicle Bytes writes.
 * <p>
 * Version history: 1 packed the price and size scales into 4-bit halves of one byte (at most 15 decimals, though
 * venues send up to 18) and stored enum ordinals; 2 stores scales whole and explicit codes, adds the window's
 * trade count and the event sequence to signals (and the sequence to inputs), and the window minimums, recovery limits
 * and dwell to the run header; 3 appends the backfill marks and the recovered count to inputs (trades recovered over
 * REST, and the GAP
 * statuses that open and close a backfill) and adds each instrument's size convention (linear, inverse, quanto) to
 * the run header; 4 ends every input, signal and regime change record with a check ({@link #check}) over its
 * other bytes, so a record torn by a write fault (a mapped page that a full file system never backed reads as
 * zeros, though the document around it was committed) is recognised instead of read as data; 5 appends to every
 * signal how many of its window's trades a backfill recovered ({@link SignalLayout#BACKFILLED_TRADES_OFFSET}), the
 * signal record now being the kind byte, the {@link SignalLayout} bytes and the check, and adds event type code 5
 * (a window sample: a history bar that fills a flow window bucket at start). Readers refuse every version but their
 * own.
 */
public final class RecordLayout
{
    static
    {
        ChronicleAnalytics.disable();
    }

    /** Layout version, written in every run header; readers refuse versions they do not know. */
    public static final int VERSION = 5;
    /** Magic at the start of a run header: "TKFL". */
    public static final int MAGIC = 0x4C464B54;

    static final byte RUN_HEADER = 1;
    static final byte INPUT = 2;
    static final byte SIGNAL = 3;
    static final byte REGIME_CHANGE = 4;

    /** Every record: its kind (byte). */
    public static final int KIND_OFFSET = 0;

    /** Input: {@link EventType} code (byte). */
    public static final int INPUT_TYPE_OFFSET = 1;
    /** Input: {@link Venue} code (byte). */
    public static final int INPUT_VENUE_OFFSET = 2;
    /** Input: {@link TakerSide} code (byte). */
    public static final int INPUT_TAKER_SIDE_OFFSET = 3;
    /** Input: {@link FeedState} code (byte). */
    public static final int INPUT_FEED_STATE_OFFSET = 4;
    /** Input: price scale, 0 to 18 (byte); a HISTORY_SAMPLE's buy volume scale. */
    public static final int INPUT_PRICE_SCALE_OFFSET = 5;
    /** Input: quantity scale, 0 to 18 (byte); a HISTORY_SAMPLE's sell volume scale. */
    public static final int INPUT_QUANTITY_SCALE_OFFSET = 6;
    /** Input: instrument id (int). */
    public static final int INPUT_INSTRUMENT_OFFSET = 7;
    /** Input: exchange time, epoch ns (long). */
    public static final int INPUT_EXCHANGE_TIME_OFFSET = 11;
    /** Input: receive time, epoch ns (long). */
    public static final int INPUT_RECEIVE_TIME_OFFSET = 19;
    /** Input: price mantissa (long); a HISTORY_SAMPLE's buy volume mantissa. */
    public static final int INPUT_PRICE_OFFSET = 27;
    /** Input: quantity mantissa (long); a HISTORY_SAMPLE's sell volume mantissa. */
    public static final int INPUT_QUANTITY_OFFSET = 35;
    /** Input: trade id (long). */
    public static final int INPUT_TRADE_ID_OFFSET = 43;
    /** Input: missing trade count of a GAP (long). */
    public static final int INPUT_MISSING_OFFSET = 51;
    /**
     * Input: its place in the run, 1 for the run's first ring event (long); a signal's
     * {@link SignalView#eventSequence()} names the input that produced it.
     */
    public static final int INPUT_SEQUENCE_OFFSET = 59;
    /**
     * Input: backfill marks (int): {@link InputEvent#BACKFILLED} on a trade recovered over REST,
     * {@link InputEvent#BACKFILL_PENDING} / {@link InputEvent#BACKFILL_DONE} on a GAP.
     */
    public static final int INPUT_MARKS_OFFSET = 67;
    /** Input: trades a backfill recovered, on a GAP marked {@link InputEvent#BACKFILL_DONE} (long). */
    public static final int INPUT_RECOVERED_OFFSET = 71;
    /** Input: {@link #check} of the bytes before it (int), written last. */
    public static final int INPUT_CHECK_OFFSET = 79;
    /** Bytes of an input record, kind byte included. */
    public static final int INPUT_LENGTH = 83;

    /**
     * Signal: its values, {@link SignalLayout#LENGTH} bytes laid out as {@link SignalLayout} says (each signal field
     * {@code F} is at {@code SIGNAL_VALUES_OFFSET + SignalLayout.F_OFFSET}).
     */
    public static final int SIGNAL_VALUES_OFFSET = 1;
    /** Signal: time, epoch ns (long). */
    public static final int SIGNAL_TIME_OFFSET = SIGNAL_VALUES_OFFSET + SignalLayout.TIME_OFFSET;
    /** Signal: market index (int). */
    public static final int SIGNAL_MARKET_OFFSET = SIGNAL_VALUES_OFFSET + SignalLayout.MARKET_INDEX_OFFSET;
    /** Signal: the run's input event sequence that produced it (long). */
    public static final int SIGNAL_SEQUENCE_OFFSET = SIGNAL_VALUES_OFFSET + SignalLayout.EVENT_SEQUENCE_OFFSET;
    /** Signal: {@link #check} of the bytes before it (int), written last. */
    public static final int SIGNAL_CHECK_OFFSET = SIGNAL_VALUES_OFFSET + SignalLayout.LENGTH;
    /** Bytes of a signal record, kind byte included. */
    public static final int SIGNAL_LENGTH = SIGNAL_CHECK_OFFSET + Integer.BYTES;

    /** Regime change: time, epoch ns (long). */
    public static final int CHANGE_TIME_OFFSET = 1;
    /** Regime change: market index (int). */
    public static final int CHANGE_MARKET_OFFSET = 9;
    /** Regime change: the run's input event sequence that caused it (long). */
    public static final int CHANGE_SEQUENCE_OFFSET = 13;
    /** Regime change: {@link Regime} code before (byte). */
    public static final int CHANGE_FROM_OFFSET = 21;
    /** Regime change: {@link Regime} code after (byte). */
    public static final int CHANGE_TO_OFFSET = 22;
    /** Regime change: {@link RegimeReason} code (byte). */
    public static final int CHANGE_REASON_OFFSET = 23;
    /** Regime change: {@link #check} of the bytes before it (int), written last. */
    public static final int CHANGE_CHECK_OFFSET = 24;
    /** Bytes of a regime change record, kind byte included. */
    public static final int CHANGE_LENGTH = 28;

    static final JournalCodes<EventType> TYPES = new JournalCodes<>(EventType.class,
        EventType.TRADE, 1, EventType.FEED_STATUS, 2, EventType.CLOCK_TICK, 3, EventType.HISTORY_SAMPLE, 4,
        EventType.WINDOW_SAMPLE, 5);
    static final JournalCodes<Venue> VENUES = new JournalCodes<>(Venue.class,
        Venue.BINANCE_USDM, 1, Venue.BINANCE_SPOT, 2, Venue.COINBASE, 3, Venue.COINBASE_ADVANCED, 4,
        Venue.BYBIT_LINEAR, 5, Venue.BYBIT_SPOT, 6, Venue.OKX, 7, Venue.DERIBIT, 8, Venue.BITMEX, 9,
        Venue.KRAKEN_FUTURES, 10, Venue.GATE_FUTURES, 11, Venue.HYPERLIQUID, 12, Venue.KRAKEN, 13, Venue.BITSTAMP, 14,
        Venue.BITFINEX, 15);
    static final JournalCodes<SizeConvention> SIZE_CONVENTIONS = new JournalCodes<>(SizeConvention.class,
        SizeConvention.LINEAR, 1, SizeConvention.INVERSE, 2, SizeConvention.QUANTO, 3);
    static final JournalCodes<TakerSide> SIDES = new JournalCodes<>(TakerSide.class, TakerSide.BUY, 1, TakerSide.SELL,
        2);
    static final JournalCodes<FeedState> FEED_STATES = new JournalCodes<>(FeedState.class,
        FeedState.CONNECTED, 1, FeedState.DISCONNECTED, 2, FeedState.STALE, 3, FeedState.GAP, 4,
        FeedState.REJECTED, 6); // 5 was JOURNAL_FAILED, never journaled (errors do not travel through the ring)
    static final JournalCodes<RegimeReason> REASONS = new JournalCodes<>(RegimeReason.class,
        RegimeReason.SELLERS_WITH_SPOT_ABSENT, 1, RegimeReason.BUYERS_WITH_SPOT_PRESENT, 2,
        RegimeReason.SELLERS_EXHAUSTED, 3, RegimeReason.SELLING_RESUMED, 4, RegimeReason.SPOT_RETURNED, 5,
        RegimeReason.FLOW_CHANGED, 6, RegimeReason.SPOT_CHANGED, 7, RegimeReason.RECOVERY_FAILED, 8,
        RegimeReason.RECOVERY_EXPIRED, 9);

    private static final int WHOLE_SIGNAL_LONGS = SignalLayout.LENGTH & ~(Long.BYTES - 1);

    private RecordLayout()
    {
    }

    /**
     * @param sequence the event's place in the run, 1 for the first.
     */
    static void writeInput(final Bytes<?> bytes, final InputEvent event, final long sequence)
    {
        final long at = reserve(bytes, INPUT_LENGTH);
        bytes.writeByte(at + KIND_OFFSET, INPUT);
        bytes.writeByte(at + INPUT_TYPE_OFFSET, TYPES.code(event.type()));
        bytes.writeByte(at + INPUT_VENUE_OFFSET, VENUES.code(event.venue()));
        bytes.writeByte(at + INPUT_TAKER_SIDE_OFFSET, SIDES.code(event.takerSide()));
        bytes.writeByte(at + INPUT_FEED_STATE_OFFSET, FEED_STATES.code(event.feedState()));
        // a history or window sample's buy and sell volumes take the price and quantity places (the layout since
        // version 1), a window sample's trade count the trade id's
        final boolean history = event.type() == EventType.HISTORY_SAMPLE || event.type() == EventType.WINDOW_SAMPLE;
        bytes.writeByte(at + INPUT_PRICE_SCALE_OFFSET, (byte)(history ? event.buyVolumeScale() : event.priceScale()));
        bytes.writeByte(at + INPUT_QUANTITY_SCALE_OFFSET,
            (byte)(history ? event.sellVolumeScale() : event.quantityScale()));
        bytes.writeInt(at + INPUT_INSTRUMENT_OFFSET, event.instrumentId());
        bytes.writeLong(at + INPUT_EXCHANGE_TIME_OFFSET, event.exchangeTimeNs());
        bytes.writeLong(at + INPUT_RECEIVE_TIME_OFFSET, event.receiveTimeNs());
        bytes.writeLong(at + INPUT_PRICE_OFFSET, history ? event.buyVolumeMantissa() : event.priceMantissa());
        bytes.writeLong(at + INPUT_QUANTITY_OFFSET, history ? event.sellVolumeMantissa() : event.quantityMantissa());
        bytes.writeLong(at + INPUT_TRADE_ID_OFFSET, event.tradeId());
        bytes.writeLong(at + INPUT_MISSING_OFFSET, event.missingCount());
        bytes.writeLong(at + INPUT_SEQUENCE_OFFSET, sequence);
        bytes.writeInt(at + INPUT_MARKS_OFFSET, event.marks());
        bytes.writeLong(at + INPUT_RECOVERED_OFFSET, event.recoveredCount());
        bytes.writeInt(at + INPUT_CHECK_OFFSET, check(bytes, at, INPUT_CHECK_OFFSET));
    }

    /**
     * Reads an input record, its read position at the kind byte.
     *
     * @return the event's place in the run.
     * @throws JournalException naming the field if a code or scale is not one this layout knows.
     */
    static long readInput(final Bytes<?> bytes, final InputEvent into)
    {
        final long at = require(bytes, INPUT_LENGTH, "input");
        final EventType type = TYPES.decode(bytes.readByte(at + INPUT_TYPE_OFFSET), "event type");
        final Venue venue = VENUES.decode(bytes.readByte(at + INPUT_VENUE_OFFSET), "venue");
        final TakerSide side = SIDES.decode(bytes.readByte(at + INPUT_TAKER_SIDE_OFFSET), "taker side");
        final FeedState state = FEED_STATES.decode(bytes.readByte(at + INPUT_FEED_STATE_OFFSET), "feed state");
        final int priceScale = scale(bytes.readByte(at + INPUT_PRICE_SCALE_OFFSET), "price");
        final int quantityScale = scale(bytes.readByte(at + INPUT_QUANTITY_SCALE_OFFSET), "quantity");
        into.reset(type)
            .venue(venue)
            .instrumentId(bytes.readInt(at + INPUT_INSTRUMENT_OFFSET))
            .exchangeTimeNs(bytes.readLong(at + INPUT_EXCHANGE_TIME_OFFSET))
            .receiveTimeNs(bytes.readLong(at + INPUT_RECEIVE_TIME_OFFSET))
            .takerSide(side)
            .tradeId(bytes.readLong(at + INPUT_TRADE_ID_OFFSET))
            .feedState(state)
            .missingCount(bytes.readLong(at + INPUT_MISSING_OFFSET))
            .mark(bytes.readInt(at + INPUT_MARKS_OFFSET), bytes.readLong(at + INPUT_RECOVERED_OFFSET));
        final long first = bytes.readLong(at + INPUT_PRICE_OFFSET);
        final long second = bytes.readLong(at + INPUT_QUANTITY_OFFSET);
        if (type == EventType.HISTORY_SAMPLE || type == EventType.WINDOW_SAMPLE)
        {
            into.buyVolumeMantissa(first).buyVolumeScale(priceScale).sellVolumeMantissa(second)
                .sellVolumeScale(quantityScale);
        }
        else
        {
            into.priceMantissa(first).priceScale(priceScale).quantityMantissa(second).quantityScale(quantityScale);
        }
        final long sequence = bytes.readLong(at + INPUT_SEQUENCE_OFFSET);
        bytes.readSkip(INPUT_LENGTH);
        return sequence;
    }

    /**
     * Writes a signal record: the kind byte, the signal's {@link SignalLayout} bytes, the check. A
     * {@link SignalFlyweight} (what the signal handler hands its listeners) is copied as bytes; any other view is
     * first copied into a new {@link SignalSnapshot}.
     */
    static void writeSignal(final Bytes<?> bytes, final SignalView signal)
    {
        final SignalFlyweight values = signal instanceof SignalFlyweight ?
            (SignalFlyweight)signal : new SignalSnapshot().copyFrom(signal);
        final DirectBuffer source = values.buffer();
        final int from = values.offset();
        final long at = reserve(bytes, SIGNAL_LENGTH);
        bytes.writeByte(at + KIND_OFFSET, SIGNAL);
        final long to = at + SIGNAL_VALUES_OFFSET;
        for (int i = 0; i < WHOLE_SIGNAL_LONGS; i += Long.BYTES)
        {
            bytes.writeLong(to + i, source.getLong(from + i, LITTLE_ENDIAN));
        }
        for (int i = WHOLE_SIGNAL_LONGS; i < SignalLayout.LENGTH; i++)
        {
            bytes.writeByte(to + i, source.getByte(from + i));
        }
        bytes.writeInt(at + SIGNAL_CHECK_OFFSET, check(bytes, at, SIGNAL_CHECK_OFFSET));
    }

    static void writeRegimeChange(final Bytes<?> bytes, final RegimeChange change, final SignalView signal)
    {
        final long at = reserve(bytes, CHANGE_LENGTH);
        bytes.writeByte(at + KIND_OFFSET, REGIME_CHANGE);
        bytes.writeLong(at + CHANGE_TIME_OFFSET, change.timeNs());
        bytes.writeInt(at + CHANGE_MARKET_OFFSET, signal.marketIndex());
        bytes.writeLong(at + CHANGE_SEQUENCE_OFFSET, signal.eventSequence());
        bytes.writeByte(at + CHANGE_FROM_OFFSET, SignalLayout.REGIMES.code(change.from()));
        bytes.writeByte(at + CHANGE_TO_OFFSET, SignalLayout.REGIMES.code(change.to()));
        bytes.writeByte(at + CHANGE_REASON_OFFSET, REASONS.code(change.reason()));
        bytes.writeInt(at + CHANGE_CHECK_OFFSET, check(bytes, at, CHANGE_CHECK_OFFSET));
    }

    /**
     * Reads a signal record, its read position at the kind byte, into a new snapshot.
     *
     * @throws JournalException naming the field if a state or regime code is not one the layout knows.
     */
    static SignalSnapshot readSignal(final Bytes<?> bytes, final String[] marketNames)
    {
        final long at = require(bytes, SIGNAL_LENGTH, "signal");
        final int market = bytes.readInt(at + SIGNAL_MARKET_OFFSET);
        final UnsafeBuffer values = new UnsafeBuffer(new byte[SignalLayout.LENGTH]);
        final long from = at + SIGNAL_VALUES_OFFSET;
        for (int i = 0; i < WHOLE_SIGNAL_LONGS; i += Long.BYTES)
        {
            values.putLong(i, bytes.readLong(from + i), LITTLE_ENDIAN);
        }
        for (int i = WHOLE_SIGNAL_LONGS; i < SignalLayout.LENGTH; i++)
        {
            values.putByte(i, bytes.readByte(from + i));
        }
        known(SignalLayout.FLOW_STATES.constant(values.getByte(SignalLayout.FLOW_STATE_OFFSET)),
            values.getByte(SignalLayout.FLOW_STATE_OFFSET), "flow state");
        known(SignalLayout.SPOT_STATES.constant(values.getByte(SignalLayout.SPOT_STATE_OFFSET)),
            values.getByte(SignalLayout.SPOT_STATE_OFFSET), "spot state");
        regime(values.getByte(SignalLayout.REGIME_OFFSET));
        bytes.readSkip(SIGNAL_LENGTH);
        return new SignalSnapshot().copyFrom(values, 0, marketName(marketNames, market));
    }

    private static Regime regime(final byte code)
    {
        return known(SignalLayout.REGIMES.constant(code), code, "regime");
    }

    private static <E> E known(final E constant, final byte code, final String field)
    {
        if (constant == null)
        {
            throw new JournalException("unknown " + field + " code " + code);
        }
        return constant;
    }

    /**
     * Reads a regime change record, its read position at the kind byte.
     */
    static RegimeChangeRecord readRegimeChange(final Bytes<?> bytes, final String[] marketNames)
    {
        final long at = require(bytes, CHANGE_LENGTH, "regime change");
        final int market = bytes.readInt(at + CHANGE_MARKET_OFFSET);
        final RegimeChangeRecord record = new RegimeChangeRecord(
            bytes.readLong(at + CHANGE_TIME_OFFSET),
            market,
            marketName(marketNames, market),
            bytes.readLong(at + CHANGE_SEQUENCE_OFFSET),
            regime(bytes.readByte(at + CHANGE_FROM_OFFSET)),
            regime(bytes.readByte(at + CHANGE_TO_OFFSET)),
            REASONS.decode(bytes.readByte(at + CHANGE_REASON_OFFSET), "regime reason"));
        bytes.readSkip(CHANGE_LENGTH);
        return record;
    }

    private static String marketName(final String[] marketNames, final int market)
    {
        return market >= 0 && market < marketNames.length ? marketNames[market] : "#" + market;
    }

    /**
     * The check that ends a fixed-length record: a multiply-xorshift hash of its first {@code length} bytes, seeded
     * so that an all-zero record never matches. It catches a torn record (a suffix of zeros where a write fault lost
     * the stores) and random damage; it is not a defence against deliberate tampering.
     *
     * @param bytes  holding the record.
     * @param at     the record's kind byte.
     * @param length bytes covered (the check's own offset).
     * @return the check.
     */
    static int check(final Bytes<?> bytes, final long at, final int length)
    {
        long hash = 0x54414B4552464C4FL; // "TAKERFLO"
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            hash = mix(hash ^ bytes.readLong(at + i));
        }
        for (; i < length; i++)
        {
            hash = mix(hash ^ (bytes.readByte(at + i) & 0xFFL) << (i & 7) * 8);
        }
        return (int)(hash ^ hash >>> 32);
    }

    private static long mix(final long value)
    {
        long z = value * 0x9E3779B97F4A7C15L;
        z = (z ^ z >>> 32) * 0xD6E8FEB86659FD93L;
        return z ^ z >>> 32;
    }

    /**
     * @return null if the fixed-length record of this kind at the read position is whole (its check matches), else
     * why not; a record of another kind is not checked here.
     */
    static String damage(final Bytes<?> bytes)
    {
        final long at = bytes.readPosition();
        final byte kind = bytes.readByte(at);
        final int checkOffset;
        switch (kind)
        {
            case INPUT:
                checkOffset = INPUT_CHECK_OFFSET;
                break;
            case SIGNAL:
                checkOffset = SIGNAL_CHECK_OFFSET;
                break;
            case REGIME_CHANGE:
                checkOffset = CHANGE_CHECK_OFFSET;
                break;
            case RUN_HEADER:
                return null;
            default:
                return "unknown record kind " + kind;
        }
        if (bytes.readRemaining() < checkOffset + Integer.BYTES)
        {
            return null; // too short: reading it names the layout mismatch
        }
        final int stored = bytes.readInt(at + checkOffset);
        final int computed = check(bytes, at, checkOffset);
        return stored == computed ? null : "record check " + Integer.toHexString(stored) + " does not match its " +
            "bytes (" + Integer.toHexString(computed) + ")";
    }

    private static long reserve(final Bytes<?> bytes, final int length)
    {
        final long at = bytes.writePosition();
        bytes.writeSkip(length);
        return at;
    }

    private static long require(final Bytes<?> bytes, final int length, final String kind)
    {
        if (bytes.readRemaining() < length)
        {
            throw new JournalException(kind + " record holds " + bytes.readRemaining() + " bytes, layout version " +
                VERSION + " needs " + length);
        }
        return bytes.readPosition();
    }

    private static int scale(final byte scale, final String field)
    {
        if (scale < 0 || scale > ScaledDecimal.MAX_SCALE)
        {
            throw new JournalException(field + " scale " + scale + " is outside 0 to " + ScaledDecimal.MAX_SCALE);
        }
        return scale;
    }
}
