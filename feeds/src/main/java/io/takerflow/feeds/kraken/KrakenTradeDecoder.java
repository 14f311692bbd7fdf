package io.takerflow.feeds.kraken;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Kraken spot WebSocket v1 {@code trade} messages of one connection:
 * {@code [CHANNEL_ID, [["price","volume","time","side","orderType","misc"], ..], "trade", "XBT/USD"]}. {@code side}
 * is the TAKER's side: {@code b} the taker bought, {@code s} sold (Kraken: "side: Triggering order side
 * (buy/sell)"). Price and volume are strings kept exactly as sent; time is epoch seconds with a fraction. The pair
 * comes last, so the channel id, learnt from {@code "event":"subscriptionStatus"} ({@code "status":"subscribed"}),
 * names the instrument in one pass; a decoder belongs to one connection.
 * <p>
 * v1 has no trade id. Each trade's id is a stable 63-bit hash of its bytes (time, price, volume, side) and its
 * place in the message, so the copy of a trade that two connections deliver hashes the same; it orders nothing.
 * {@code "status":"error"} is a refusal; heartbeats, pongs and {@code systemStatus} decode to no trade.
 */
public final class KrakenTradeDecoder implements FrameDecoder
{
    /** Channels one connection may carry. */
    public static final int MAX_CHANNELS = 64;

    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS = "status".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL_ID = "channelID".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL_NAME = "channelName".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAIR = "pair".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIPTION_STATUS = "subscriptionStatus".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBED = "subscribed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE = "trade".getBytes(StandardCharsets.US_ASCII);
    private static final int UNKNOWN_CHANNEL = Integer.MIN_VALUE;
    private static final long[] NANOS_PER_UNIT = {1_000_000_000L, 100_000_000L, 10_000_000L, 1_000_000L, 100_000L,
        10_000L, 1_000L, 100L, 10L, 1L};

    private final InstrumentCatalog instruments;
    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private final long[] channelIds = new long[MAX_CHANNELS];
    private final int[] channelInstruments = new int[MAX_CHANNELS];
    private int channels;

    /**
     * @param instruments maps pairs ({@code XBT/USD}) to instrument ids.
     */
    public KrakenTradeDecoder(final InstrumentCatalog instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public Venue venue()
    {
        return Venue.KRAKEN;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        batch.clear();
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        final byte first = json.peek();
        if (first == '{')
        {
            return event(json, buffer, offset, length, sink);
        }
        if (first != '[' || !json.beginArray() || !json.nextElement() || !json.readLong())
        {
            return MALFORMED;
        }
        final int instrumentId = instrumentOf(json.mantissa());
        if (!json.nextElement())
        {
            return MALFORMED;
        }
        if (instrumentId == UNKNOWN_CHANNEL)
        {
            json.skipValue();
        }
        else if (json.beginArray())
        {
            for (int index = 0; json.nextElement(); index++)
            {
                if (!trade(json, instrumentId, index))
                {
                    batch.clear();
                    return MALFORMED;
                }
            }
        }
        boolean trades = false;
        for (int index = 2; json.nextElement(); index++)
        {
            if (index == 2 && json.readString())
            {
                trades = json.stringEquals(TRADE);
            }
            else
            {
                json.skipValue();
            }
        }
        if (json.failed() || !json.atEnd())
        {
            batch.clear();
            return MALFORMED;
        }
        if (!trades || instrumentId == UNKNOWN_CHANNEL)
        {
            batch.clear();
            return 0;
        }
        return batch.emitTo(Venue.KRAKEN, receiveTimeNs, sink, false);
    }

    /**
     * One {@code ["price","volume","time","side","orderType","misc"]} into the batch.
     */
    private boolean trade(final JsonCursor json, final int instrumentId, final int index)
    {
        if (!json.beginArray() || !json.nextElement())
        {
            return false;
        }
        final int start = json.position();
        if (!json.readDecimal())
        {
            return false;
        }
        final long price = json.mantissa();
        final int priceScale = json.scale();
        if (!json.nextElement() || !json.readDecimal())
        {
            return false;
        }
        final long volume = json.mantissa();
        final int volumeScale = json.scale();
        if (!json.nextElement() || !json.readDecimal() || json.scale() > 9)
        {
            return false;
        }
        final long timeNs = json.mantissa() * NANOS_PER_UNIT[json.scale()];
        if (!json.nextElement() || !json.readString() || json.stringLength() != 1)
        {
            return false;
        }
        final byte label = json.buffer().getByte(json.stringOffset());
        final TakerSide side = label == 'b' ? TakerSide.BUY : label == 's' ? TakerSide.SELL : null;
        final int end = json.position();
        while (json.nextElement())
        {
            json.skipValue();
        }
        if (json.failed() || side == null || price <= 0 || volume < 0)
        {
            return false;
        }
        final InputEvent trade = batch.add();
        if (trade == null)
        {
            return false;
        }
        trade.instrumentId(instrumentId).exchangeTimeNs(timeNs).priceMantissa(price).priceScale(priceScale)
            .quantityMantissa(volume).quantityScale(volumeScale).takerSide(side)
            .tradeId(tradeHash(json.buffer(), start, end, index));
        return true;
    }

    /**
     * A stable 63-bit FNV-1a hash of a trade's price, volume, time and side as sent, and its place in the message.
     */
    private static long tradeHash(final DirectBuffer buffer, final int start, final int end, final int index)
    {
        long hash = 0xcbf29ce484222325L;
        for (int i = start; i < end; i++)
        {
            hash ^= buffer.getByte(i);
            hash *= 0x100000001b3L;
        }
        hash ^= index;
        hash *= 0x100000001b3L;
        return hash & Long.MAX_VALUE;
    }

    private int event(
        final JsonCursor json, final DirectBuffer buffer, final int offset, final int length, final FrameSink sink)
    {
        json.beginObject();
        boolean subscriptionStatus = false;
        int status = 0;
        boolean trade = true;
        long channelId = -1;
        int pairOffset = 0;
        int pairLength = 0;
        while (json.nextField())
        {
            if (json.stringEquals(EVENT))
            {
                subscriptionStatus = json.readString() && json.stringEquals(SUBSCRIPTION_STATUS);
            }
            else if (json.stringEquals(STATUS))
            {
                if (json.readString())
                {
                    status = json.stringEquals(SUBSCRIBED) ? 1 : json.stringEquals(ERROR) ? -1 : 0;
                }
            }
            else if (json.stringEquals(CHANNEL_ID))
            {
                channelId = json.readLong() ? json.mantissa() : -1;
            }
            else if (json.stringEquals(CHANNEL_NAME))
            {
                trade = json.readString() && json.stringEquals(TRADE);
            }
            else if (json.stringEquals(PAIR) && json.peek() == '"')
            {
                if (json.readString())
                {
                    pairOffset = json.stringOffset();
                    pairLength = json.stringLength();
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
        if (!subscriptionStatus)
        {
            return 0;
        }
        if (status < 0)
        {
            sink.onRejected(buffer, offset, length);
        }
        else if (status > 0 && trade && channelId >= 0)
        {
            final int instrumentId = instruments.lookup(Venue.KRAKEN, buffer, pairOffset, pairLength);
            if (instrumentId >= 0 && channels < MAX_CHANNELS)
            {
                channelIds[channels] = channelId;
                channelInstruments[channels++] = instrumentId;
                sink.onSubscribed();
            }
        }
        return 0;
    }

    private int instrumentOf(final long channelId)
    {
        for (int i = 0; i < channels; i++)
        {
            if (channelIds[i] == channelId)
            {
                return channelInstruments[i];
            }
        }
        return UNKNOWN_CHANNEL;
    }
}
