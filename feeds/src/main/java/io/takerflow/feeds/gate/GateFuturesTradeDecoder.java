package io.takerflow.feeds.gate;

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
 * Gate futures v4 {@code futures.trades}: {@code {"time","channel":"futures.trades","event":"update","result":[{"size"
 * ,"id","create_time","create_time_ms","price","contract"}]}}. The sign of {@code size} is the TAKER's side
 * (positive: the taker bought); the size is the number of contracts, kept as sent without its sign; {@code price}
 * is a string (older frames) or a number, taken exactly as written; the time is {@code create_time_ms}, or
 * {@code create_time} (seconds) where a frame has no milliseconds; {@code id} grows per contract.
 * <p>
 * The reply to {@code subscribe} acknowledges with {@code "error":null} or refuses with an {@code error} object;
 * {@code futures.pong} is a keep-alive. A trades update without its {@code result} array, or a trade with a missing
 * or bad field, is malformed.
 */
public final class GateFuturesTradeDecoder implements FrameDecoder
{
    private static final byte[] CHANNEL = "channel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADES = "futures.trades".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPDATE = "update".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBE = "subscribe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT = "result".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIZE = "size".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATE_TIME = "create_time".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATE_TIME_MS = "create_time_ms".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "price".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTRACT = "contract".getBytes(StandardCharsets.US_ASCII);
    private static final int OTHER_EVENT = 0;
    private static final int UPDATE_EVENT = 1;
    private static final int SUBSCRIBE_EVENT = 2;
    private static final int SYMBOL_SEEN = 1;
    private static final int ID_SEEN = 2;
    private static final int PRICE_SEEN = 4;
    private static final int SIZE_SEEN = 8;
    private static final int TIME_SEEN = 16;
    private static final int ALL = SYMBOL_SEEN | ID_SEEN | PRICE_SEEN | SIZE_SEEN | TIME_SEEN;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private final InstrumentCatalog instruments;

    /**
     * @param instruments maps contracts ({@code BTC_USDT}) to catalog ids.
     */
    public GateFuturesTradeDecoder(final InstrumentCatalog instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public Venue venue()
    {
        return Venue.GATE_FUTURES;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        boolean trades = false;
        int event = OTHER_EVENT;
        boolean error = false;
        int resultOffset = -1;
        batch.clear();
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (!json.beginObject())
        {
            return MALFORMED;
        }
        while (json.nextField())
        {
            if (json.stringEquals(CHANNEL))
            {
                trades = json.readString() && json.stringEquals(TRADES);
            }
            else if (json.stringEquals(EVENT))
            {
                if (json.readString())
                {
                    event = json.stringEquals(UPDATE) ? UPDATE_EVENT : json.stringEquals(SUBSCRIBE) ? SUBSCRIBE_EVENT :
                        OTHER_EVENT;
                }
            }
            else if (json.stringEquals(ERROR))
            {
                error = !json.readNullIfPresent() && json.skipValue();
            }
            else if (json.stringEquals(RESULT))
            {
                resultOffset = json.position();
                json.skipValue();
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
        if (error)
        {
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (!trades)
        {
            return 0;
        }
        if (event == SUBSCRIBE_EVENT)
        {
            sink.onSubscribed();
            return 0;
        }
        if (event != UPDATE_EVENT)
        {
            return 0;
        }
        if (resultOffset < 0)
        {
            return MALFORMED;
        }
        json.wrap(buffer, resultOffset, offset + length - resultOffset);
        if (!readTrades(json))
        {
            batch.clear();
            return MALFORMED;
        }
        return batch.emitTo(Venue.GATE_FUTURES, receiveTimeNs, sink, true);
    }

    private boolean readTrades(final JsonCursor json)
    {
        if (!json.beginArray())
        {
            return false;
        }
        while (json.nextElement())
        {
            if (!json.beginObject())
            {
                return false;
            }
            int seen = 0;
            int symbolOffset = 0;
            int symbolLength = 0;
            long id = 0;
            long priceMantissa = 0;
            int priceScale = 0;
            long sizeMantissa = 0;
            int sizeScale = 0;
            long timeNs = 0;
            boolean millis = false;
            while (json.nextField())
            {
                if (json.stringEquals(CONTRACT))
                {
                    if (json.readString())
                    {
                        symbolOffset = json.stringOffset();
                        symbolLength = json.stringLength();
                        seen |= SYMBOL_SEEN;
                    }
                }
                else if (json.stringEquals(ID))
                {
                    if (json.readLong())
                    {
                        id = json.mantissa();
                        seen |= ID_SEEN;
                    }
                }
                else if (json.stringEquals(PRICE))
                {
                    if (json.readDecimal())
                    {
                        priceMantissa = json.mantissa();
                        priceScale = json.scale();
                        seen |= PRICE_SEEN;
                    }
                }
                else if (json.stringEquals(SIZE))
                {
                    if (json.readDecimal())
                    {
                        sizeMantissa = json.mantissa();
                        sizeScale = json.scale();
                        seen |= SIZE_SEEN;
                    }
                }
                else if (json.stringEquals(CREATE_TIME_MS))
                {
                    if (json.readLong())
                    {
                        timeNs = json.mantissa() * NANOS_PER_MILLI;
                        millis = true;
                        seen |= TIME_SEEN;
                    }
                }
                else if (json.stringEquals(CREATE_TIME))
                {
                    if (json.readLong())
                    {
                        timeNs = millis ? timeNs : json.mantissa() * NANOS_PER_SECOND;
                        seen |= TIME_SEEN;
                    }
                }
                else
                {
                    json.skipValue();
                }
            }
            if (json.failed() || seen != ALL || priceMantissa <= 0 || sizeMantissa == 0)
            {
                return false;
            }
            final int instrumentId = instruments.lookup(Venue.GATE_FUTURES, json.buffer(), symbolOffset, symbolLength);
            final TakerSide side = sizeMantissa > 0 ? TakerSide.BUY : TakerSide.SELL;
            if (instrumentId >= 0)
            {
                final InputEvent trade = batch.add();
                if (trade == null)
                {
                    return false;
                }
                trade.instrumentId(instrumentId).exchangeTimeNs(timeNs).priceMantissa(priceMantissa)
                    .priceScale(priceScale).quantityMantissa(Math.abs(sizeMantissa)).quantityScale(sizeScale)
                    .takerSide(side).tradeId(id);
            }
        }
        return !json.failed();
    }
}
