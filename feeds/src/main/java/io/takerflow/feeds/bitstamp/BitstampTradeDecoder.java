package io.takerflow.feeds.bitstamp;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.JsonDecimal;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Bitstamp {@code live_trades} messages: {@code {"data":{"id","amount","price","type","microtimestamp",..},
 * "channel":"live_trades_btcusd","event":"trade"}}, one trade each. {@code type} is the TAKER's side: 0 the taker
 * bought, 1 sold (Bitstamp: "0 (buy) or 1 (sell)"; in the recording the order on the {@code type} side is always the
 * newer, taking one). {@code amount} and {@code price} are JSON numbers (exponents included), kept exactly as sent;
 * {@code microtimestamp} is epoch microseconds. The channel comes after the data, so the trade is held in fields
 * until the message ends: one pass. {@code bts:subscription_succeeded} is the acknowledgement, {@code bts:error} a
 * refusal, {@code bts:request_reconnect} a request to switch connections; other events decode to no trade.
 */
public final class BitstampTradeDecoder implements FrameDecoder
{
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "channel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AMOUNT = "amount".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "price".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MICROTIMESTAMP = "microtimestamp".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE = "trade".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBED = "bts:subscription_succeeded".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "bts:error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECONNECT = "bts:request_reconnect".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREFIX = BitstampProtocol.CHANNEL_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int HAVE_ID = 1;
    private static final int HAVE_AMOUNT = 2;
    private static final int HAVE_PRICE = 4;
    private static final int HAVE_TYPE = 8;
    private static final int HAVE_TIME = 16;
    private static final int HAVE_ALL = 31;

    private final InstrumentCatalog instruments;
    private final JsonCursor json = new JsonCursor();
    private final JsonDecimal number = new JsonDecimal();
    private final InputEvent trade = new InputEvent();
    private int seen;
    private long tradeId;
    private long amount;
    private int amountScale;
    private long price;
    private int priceScale;
    private TakerSide side;
    private long timeNs;

    /**
     * @param instruments maps lower-case pairs ({@code btcusd}) to instrument ids.
     */
    public BitstampTradeDecoder(final InstrumentCatalog instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public Venue venue()
    {
        return Venue.BITSTAMP;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (!json.beginObject())
        {
            return MALFORMED;
        }
        seen = 0;
        byte[] event = null;
        boolean valid = true;
        int channelOffset = 0;
        int channelLength = -1;
        while (json.nextField())
        {
            if (json.stringEquals(DATA))
            {
                if (json.peek() == '{')
                {
                    valid = data(json);
                }
                else
                {
                    json.skipValue();
                }
            }
            else if (json.stringEquals(CHANNEL))
            {
                if (json.readString())
                {
                    channelOffset = json.stringOffset();
                    channelLength = json.stringLength();
                }
            }
            else if (json.stringEquals(EVENT))
            {
                if (json.readString())
                {
                    event = json.stringEquals(TRADE) ? TRADE : json.stringEquals(SUBSCRIBED) ? SUBSCRIBED :
                        json.stringEquals(ERROR) ? ERROR : json.stringEquals(RECONNECT) ? RECONNECT : null;
                }
            }
            else
            {
                json.skipValue();
            }
        }
        if (json.failed() || !json.atEnd() || !valid)
        {
            return MALFORMED;
        }
        if (event == ERROR)
        {
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (event == RECONNECT)
        {
            sink.onServerShutdown();
            return 0;
        }
        if (event != TRADE && event != SUBSCRIBED)
        {
            return 0;
        }
        final int instrumentId = instrumentOf(buffer, channelOffset, channelLength);
        if (event == SUBSCRIBED)
        {
            if (instrumentId >= 0)
            {
                sink.onSubscribed();
            }
            return 0;
        }
        if (seen != HAVE_ALL || price <= 0 || amount < 0 || channelLength < 0)
        {
            return MALFORMED;
        }
        if (instrumentId < 0)
        {
            return 0;
        }
        sink.onTrade(trade.trade().venue(Venue.BITSTAMP).instrumentId(instrumentId).exchangeTimeNs(timeNs)
            .receiveTimeNs(receiveTimeNs).priceMantissa(price).priceScale(priceScale).quantityMantissa(amount)
            .quantityScale(amountScale).takerSide(side).tradeId(tradeId));
        return 1;
    }

    private boolean data(final JsonCursor json)
    {
        json.beginObject();
        while (json.nextField())
        {
            if (json.stringEquals(ID))
            {
                if (json.readLong())
                {
                    tradeId = json.mantissa();
                    seen |= HAVE_ID;
                }
            }
            else if (json.stringEquals(AMOUNT))
            {
                if (!number.read(json))
                {
                    return false;
                }
                amount = number.mantissa();
                amountScale = number.scale();
                seen |= HAVE_AMOUNT;
            }
            else if (json.stringEquals(PRICE))
            {
                if (!number.read(json))
                {
                    return false;
                }
                price = number.mantissa();
                priceScale = number.scale();
                seen |= HAVE_PRICE;
            }
            else if (json.stringEquals(TYPE))
            {
                if (json.readLong())
                {
                    side = json.mantissa() == 0 ? TakerSide.BUY : json.mantissa() == 1 ? TakerSide.SELL : null;
                    seen |= side == null ? 0 : HAVE_TYPE;
                }
            }
            else if (json.stringEquals(MICROTIMESTAMP))
            {
                if (json.readLong())
                {
                    timeNs = json.mantissa() * 1_000L;
                    seen |= HAVE_TIME;
                }
            }
            else
            {
                json.skipValue();
            }
        }
        return !json.failed();
    }

    private int instrumentOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= PREFIX.length)
        {
            return -1;
        }
        for (int i = 0; i < PREFIX.length; i++)
        {
            if (buffer.getByte(offset + i) != PREFIX[i])
            {
                return -1;
            }
        }
        return instruments.lookup(Venue.BITSTAMP, buffer, offset + PREFIX.length, length - PREFIX.length);
    }
}
