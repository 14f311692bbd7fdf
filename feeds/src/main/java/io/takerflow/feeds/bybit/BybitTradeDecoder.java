package io.takerflow.feeds.bybit;

import org.agrona.DirectBuffer;

import io.takerflow.engine.InstrumentCatalog;
import io.takerflow.engine.TakerSide;
import io.takerflow.engine.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Bybit v5 public trades ({@code topic} {@code publicTrade.<symbol>}, linear or spot). {@code S} is the TAKER's
 * side. The trade id {@code i} is numeric on spot but a UUID on linear: a UUID is turned into a stable 64-bit hash,
 * which identifies the trade but cannot reveal gaps (Bybit documents ids as strings, so the gate never orders by
 * them). A subscribe reply with {@code "success":true} is the acknowledgement, any reply with
 * {@code "success":false} a refusal (its {@code ret_msg} says why); pongs decode to no trade.
 */
public final class BybitTradeDecoder implements FrameDecoder
{
    private static final byte[] TOPIC = "topic".getBytes();
    private static final byte[] DATA = "data".getBytes();
    private static final byte[] PUBLIC_TRADE = "publicTrade.".getBytes();
    private static final byte[] BUY = "Buy".getBytes();
    private static final byte[] SELL = "Sell".getBytes();
    private static final int ALL_FIELDS = 63;
    private static final byte[] SUCCESS = "success".getBytes();
    private static final byte[] OP = "op".getBytes();
    private static final byte[] SUBSCRIBE = "subscribe".getBytes();

    private final Venue venue;
    private final InstrumentCatalog instruments;
    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private boolean invalid;

    /**
     * @param venue       {@link Venue#BYBIT_LINEAR} or {@link Venue#BYBIT_SPOT}.
     * @param instruments maps symbols ({@code BTCUSDT}) to instrument ids.
     */
    public BybitTradeDecoder(final Venue venue, final InstrumentCatalog instruments)
    {
        if (venue != Venue.BYBIT_LINEAR && venue != Venue.BYBIT_SPOT)
        {
            throw new IllegalArgumentException("BybitTradeDecoder is for bybit-linear or bybit-spot, not " + venue.id());
        }
        this.venue = venue;
        this.instruments = instruments;
    }

    @Override
    public Venue venue()
    {
        return venue;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        boolean trades = false;
        boolean parsed = false;
        int dataOffset = -1;
        int success = -1;
        boolean subscribeReply = false;
        batch.clear();
        invalid = false;
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (!json.beginObject())
        {
            return MALFORMED;
        }
        while (json.nextField())
        {
            if (json.stringEquals(SUCCESS))
            {
                success = json.readBoolean();
            }
            else if (json.stringEquals(OP))
            {
                subscribeReply = json.readString() && json.stringEquals(SUBSCRIBE);
            }
            else if (json.stringEquals(TOPIC))
            {
                trades = json.readString() && startsWith(json, PUBLIC_TRADE);
            }
            else if (json.stringEquals(DATA))
            {
                if (trades && json.peek() == '[')
                {
                    trades(json);
                    parsed = true;
                }
                else
                {
                    dataOffset = json.position();
                    json.skipValue();
                }
            }
            else
            {
                json.skipValue();
            }
        }
        if (json.failed() || !json.atEnd())
        {
            return MALFORMED;
        }
        if (!trades)
        {
            if (success == 0)
            {
                sink.onRejected(buffer, offset, length);
            }
            else if (success == 1 && subscribeReply)
            {
                sink.onSubscribed();
            }
            return 0;
        }
        if (!parsed && dataOffset < 0)
        {
            return MALFORMED;
        }
        if (!parsed)
        {
            json.wrap(buffer, dataOffset, offset + length - dataOffset);
            trades(json);
        }
        if (json.failed() || invalid)
        {
            batch.clear();
            return MALFORMED;
        }
        return batch.emitTo(venue, receiveTimeNs, sink, false);
    }

    /**
     * Reads the {@code data} array of trades into the batch.
     */
    private void trades(final JsonCursor json)
    {
        if (!json.beginArray())
        {
            return;
        }
        while (json.nextElement())
        {
            trade(json);
        }
    }

    private void trade(final JsonCursor json)
    {
        if (!json.beginObject())
        {
            return;
        }
        int seen = 0;
        long timeMs = 0;
        int symbolOffset = 0;
        int symbolLength = 0;
        TakerSide side = TakerSide.BUY;
        long sizeMantissa = 0;
        int sizeScale = 0;
        long priceMantissa = 0;
        int priceScale = 0;
        long tradeId = 0;
        while (json.nextField())
        {
            if (json.stringIs('T'))
            {
                if (json.readLong())
                {
                    timeMs = json.mantissa();
                    seen |= 1;
                }
            }
            else if (json.stringIs('s'))
            {
                if (json.readString())
                {
                    symbolOffset = json.stringOffset();
                    symbolLength = json.stringLength();
                    seen |= 2;
                }
            }
            else if (json.stringIs('S'))
            {
                if (json.readString())
                {
                    if (json.stringEquals(BUY))
                    {
                        side = TakerSide.BUY;
                        seen |= 4;
                    }
                    else if (json.stringEquals(SELL))
                    {
                        side = TakerSide.SELL;
                        seen |= 4;
                    }
                }
            }
            else if (json.stringIs('v'))
            {
                if (json.readDecimal())
                {
                    sizeMantissa = json.mantissa();
                    sizeScale = json.scale();
                    seen |= 8;
                }
            }
            else if (json.stringIs('p'))
            {
                if (json.readDecimal())
                {
                    priceMantissa = json.mantissa();
                    priceScale = json.scale();
                    seen |= 16;
                }
            }
            else if (json.stringIs('i'))
            {
                if (json.readString())
                {
                    tradeId = tradeId(json);
                    seen |= 32;
                }
            }
            else
            {
                json.skipValue();
            }
        }
        if (seen != ALL_FIELDS || priceMantissa <= 0 || sizeMantissa < 0)
        {
            invalid = true;
            return;
        }
        final int instrumentId = instruments.lookup(venue, json.buffer(), symbolOffset, symbolLength);
        if (instrumentId >= 0 &&
            !batch.add(instrumentId, timeMs * 1_000_000L, priceMantissa, priceScale, sizeMantissa, sizeScale, side, tradeId))
        {
            invalid = true;
        }
    }

    private static long tradeId(final JsonCursor json)
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

    private static boolean startsWith(final JsonCursor json, final byte[] prefix)
    {
        if (json.stringLength() < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (json.buffer().getByte(json.stringOffset() + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }
}
