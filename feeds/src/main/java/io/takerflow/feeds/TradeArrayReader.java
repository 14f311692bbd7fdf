package io.takerflow.feeds;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.json.IsoTime;
import io.takerflow.feeds.json.JsonCursor;
import io.takerflow.feeds.json.JsonShape;

/**
 * Reads an array of trade objects, described by a venue's {@link TradeFields}, straight from the frame into a
 * {@link TradeBatch}: one pass, no allocation. Every field is required; a trade with a missing or bad field, or more
 * trades than the batch holds, spoils the whole frame (the caller counts it malformed, nothing is emitted). Trades
 * for symbols not in the catalog are skipped. Used by one thread.
 * <p>
 * The fast path, {@link #match}, reads a whole frame of a venue's exact layout ({@link JsonShape}) whose array element
 * is one trade, its fields in the slots named here: {@code SLOT_SYMBOL} and {@code SLOT_SIDE} strings ({@code %S}),
 * {@code SLOT_ID} a whole number ({@code %L}) or, for {@link TradeFields.IdFormat#STRING} ids, a string,
 * {@code SLOT_PRICE} and {@code SLOT_SIZE} decimals ({@code %D}), {@code SLOT_TIME} epoch milliseconds ({@code %L})
 * or, for {@link TradeFields.TimeFormat#ISO_8601}, a string. A frame of another layout is read by {@link #read}.
 */
public final class TradeArrayReader
{
    /** Slot of the symbol in a trade shape. */
    public static final int SLOT_SYMBOL = 0;
    /** Slot of the trade id in a trade shape. */
    public static final int SLOT_ID = 1;
    /** Slot of the price in a trade shape. */
    public static final int SLOT_PRICE = 2;
    /** Slot of the size in a trade shape. */
    public static final int SLOT_SIZE = 3;
    /** Slot of the side label in a trade shape. */
    public static final int SLOT_SIDE = 4;
    /** Slot of the trade time in a trade shape. */
    public static final int SLOT_TIME = 5;

    private static final int SYMBOL = 1;
    private static final int ID = 2;
    private static final int PRICE = 4;
    private static final int SIZE = 8;
    private static final int SIDE = 16;
    private static final int TIME = 32;
    private static final int ALL = SYMBOL | ID | PRICE | SIZE | SIDE | TIME;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Venue venue;
    private final InstrumentCatalog instruments;
    private final TradeFields fields;
    private final TakerSide buy;
    private final TakerSide sell;
    private final JsonShape.ElementHandler shapeTrade = this::shapeTrade;
    private final IsoTime times = new IsoTime();
    private TradeBatch shapeBatch;

    /**
     * @param venue       the venue.
     * @param instruments maps symbols to instrument ids.
     * @param fields      the venue's trade fields.
     */
    public TradeArrayReader(final Venue venue, final InstrumentCatalog instruments, final TradeFields fields)
    {
        this.venue = venue;
        this.instruments = instruments;
        this.fields = fields;
        this.buy = fields.labelIsMaker() ? TakerSide.SELL : TakerSide.BUY;
        this.sell = fields.labelIsMaker() ? TakerSide.BUY : TakerSide.SELL;
    }

    /**
     * Reads the array at the cursor into the batch.
     *
     * @param json  positioned before the array.
     * @param batch where trades go.
     * @return false if the value is not an array of valid trades (or overflows the batch).
     */
    public boolean read(final JsonCursor json, final TradeBatch batch)
    {
        if (!json.beginArray())
        {
            return false;
        }
        while (json.nextElement())
        {
            if (!trade(json, batch))
            {
                return false;
            }
        }
        return !json.failed();
    }

    /**
     * Reads the whole frame as the shape, if it has exactly that layout: each element of its array is a trade with
     * its fields in the {@code SLOT_} slots.
     *
     * @param json  just wrapped around the frame.
     * @param shape the layout.
     * @param batch where the trades go; emptied again if the frame does not match.
     * @return true if the frame matched and every trade was valid; false leaves the frame to the general reading.
     */
    public boolean match(final JsonCursor json, final JsonShape shape, final TradeBatch batch)
    {
        shapeBatch = batch;
        if (json.match(shape, shapeTrade))
        {
            return true;
        }
        batch.clear();
        return false;
    }

    private boolean shapeTrade(final JsonCursor json)
    {
        final TradeFields fields = this.fields;
        final TakerSide side = json.slotEquals(SLOT_SIDE, fields.buyLabel()) ? buy :
            json.slotEquals(SLOT_SIDE, fields.sellLabel()) ? sell : null;
        final long tradeId = fields.ids() == TradeFields.IdFormat.NUMBER ? json.slotMantissa(SLOT_ID) :
            stringId(json.buffer(), json.slotOffset(SLOT_ID), json.slotLength(SLOT_ID));
        final long timeNs = fields.times() == TradeFields.TimeFormat.EPOCH_MILLIS ?
            json.slotMantissa(SLOT_TIME) * NANOS_PER_MILLI :
            times.epochNanos(json.buffer(), json.slotOffset(SLOT_TIME), json.slotLength(SLOT_TIME));
        final long priceMantissa = json.slotMantissa(SLOT_PRICE);
        if (side == null || timeNs == IsoTime.INVALID || priceMantissa <= 0)
        {
            return false;
        }
        return add(json, shapeBatch, json.slotOffset(SLOT_SYMBOL), json.slotLength(SLOT_SYMBOL), tradeId,
            priceMantissa, json.slotScale(SLOT_PRICE), json.slotMantissa(SLOT_SIZE), json.slotScale(SLOT_SIZE), side,
            timeNs);
    }

    private boolean trade(final JsonCursor json, final TradeBatch batch)
    {
        if (!json.beginObject())
        {
            return false;
        }
        final TradeFields fields = this.fields;
        int seen = 0;
        int symbolOffset = 0;
        int symbolLength = 0;
        long tradeId = 0;
        long priceMantissa = 0;
        int priceScale = 0;
        long sizeMantissa = 0;
        int sizeScale = 0;
        TakerSide side = null;
        long timeNs = 0;
        while (json.nextField())
        {
            if (json.stringEquals(fields.symbol()))
            {
                if (json.readString())
                {
                    symbolOffset = json.stringOffset();
                    symbolLength = json.stringLength();
                    seen |= SYMBOL;
                }
            }
            else if (json.stringEquals(fields.tradeId()))
            {
                if (fields.ids() == TradeFields.IdFormat.NUMBER ? json.readLong() : json.readString())
                {
                    tradeId = fields.ids() == TradeFields.IdFormat.NUMBER ? json.mantissa() : stringId(json);
                    seen |= ID;
                }
            }
            else if (json.stringEquals(fields.price()))
            {
                if (json.readDecimal())
                {
                    priceMantissa = json.mantissa();
                    priceScale = json.scale();
                    seen |= PRICE;
                }
            }
            else if (json.stringEquals(fields.size()))
            {
                if (json.readDecimal())
                {
                    sizeMantissa = json.mantissa();
                    sizeScale = json.scale();
                    seen |= SIZE;
                }
            }
            else if (json.stringEquals(fields.side()))
            {
                if (json.readString())
                {
                    side = json.stringEquals(fields.buyLabel()) ? buy : json.stringEquals(fields.sellLabel()) ? sell :
                        null;
                    seen |= side == null ? 0 : SIDE;
                }
            }
            else if (json.stringEquals(fields.time()))
            {
                timeNs = IsoTime.readEpochNanos(json, fields.times() != TradeFields.TimeFormat.EPOCH_MILLIS);
                seen |= timeNs == IsoTime.INVALID ? 0 : TIME;
            }
            else
            {
                json.skipValue();
            }
        }
        if (json.failed() || seen != ALL || priceMantissa <= 0 || sizeMantissa < 0)
        {
            return false;
        }
        return add(json, batch, symbolOffset, symbolLength, tradeId, priceMantissa, priceScale, sizeMantissa, sizeScale,
            side, timeNs);
    }

    private boolean add(
        final JsonCursor json,
        final TradeBatch batch,
        final int symbolOffset,
        final int symbolLength,
        final long tradeId,
        final long priceMantissa,
        final int priceScale,
        final long sizeMantissa,
        final int sizeScale,
        final TakerSide side,
        final long timeNs)
    {
        final int instrumentId = instruments.lookup(venue, json.buffer(), symbolOffset, symbolLength);
        if (instrumentId < 0)
        {
            return true;
        }
        final InputEvent trade = batch.add();
        if (trade == null)
        {
            return false;
        }
        trade.instrumentId(instrumentId).exchangeTimeNs(timeNs).priceMantissa(priceMantissa).priceScale(priceScale)
            .quantityMantissa(sizeMantissa).quantityScale(sizeScale).takerSide(side).tradeId(tradeId);
        return true;
    }

    /**
     * A string id: its value if it is all digits and fits a long (Bybit spot), otherwise a stable 64-bit FNV-1a hash
     * (Bybit linear UUIDs), which identifies the trade but orders nothing.
     */
    static long stringId(final JsonCursor json)
    {
        return stringId(json.buffer(), json.stringOffset(), json.stringLength());
    }

    private static long stringId(final DirectBuffer buffer, final int offset, final int length)
    {
        long numeric = 0;
        boolean digits = length > 0 && length <= 19;
        for (int i = 0; i < length && digits; i++)
        {
            final int digit = buffer.getByte(offset + i) - '0';
            digits = digit >= 0 && digit <= 9 && numeric <= (Long.MAX_VALUE - digit) / 10;
            numeric = numeric * 10 + digit;
        }
        if (digits)
        {
            return numeric;
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++)
        {
            hash ^= buffer.getByte(offset + i);
            hash *= 0x100000001b3L;
        }
        return hash & Long.MAX_VALUE;
    }
}
