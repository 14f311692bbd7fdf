package io.takerflow.feeds;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.json.IsoTime;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Reads an array of trade objects, described by a venue's {@link TradeFields}, straight from the frame into a
 * {@link TradeBatch}: one pass, no allocation. Every field is required; a trade with a missing or bad field, or more
 * trades than the batch holds, spoils the whole frame (the caller counts it malformed, nothing is emitted). Trades
 * for symbols not in the catalog are skipped. Used by one thread.
 */
public final class TradeArrayReader
{
    private static final int SYMBOL = 1;
    private static final int ID = 2;
    private static final int PRICE = 4;
    private static final int SIZE = 8;
    private static final int SIDE = 16;
    private static final int TIME = 32;
    private static final int ALL = SYMBOL | ID | PRICE | SIZE | SIDE | TIME;

    private final Venue venue;
    private final InstrumentCatalog instruments;
    private final TradeFields fields;
    private final TakerSide buy;
    private final TakerSide sell;

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
        final DirectBuffer buffer = json.buffer();
        final int offset = json.stringOffset();
        final int length = json.stringLength();
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
