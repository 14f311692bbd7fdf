package io.takerflow.feeds.okx;

import org.agrona.DirectBuffer;

import io.takerflow.engine.InstrumentCatalog;
import io.takerflow.engine.TakerSide;
import io.takerflow.engine.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.json.JsonCursor;

/**
 * OKX v5 public {@code trades} (and {@code trades-all}) pushes:
 * {@code {"arg":{"channel":"trades","instId":..},"data":[{"instId","tradeId","px","sz","side","ts"}]}}.
 * {@code side} is the TAKER's side. Sizes of swaps are in contracts: the instrument's contract multiplier turns them
 * into base units in the engine. {@code "event":"subscribe"} is the acknowledgement, {@code "event":"error"} (with
 * {@code code} and {@code msg}) a refusal, {@code "event":"notice"} with code 64008 ("reconnect for a service
 * upgrade") a request to switch connections; the text {@code pong} decodes to no trade.
 */
public final class OkxTradeDecoder implements FrameDecoder
{
    private static final byte[] ARG = "arg".getBytes();
    private static final byte[] CHANNEL = "channel".getBytes();
    private static final byte[] TRADES = "trades".getBytes();
    private static final byte[] TRADES_ALL = "trades-all".getBytes();
    private static final byte[] DATA = "data".getBytes();
    private static final byte[] INST_ID = "instId".getBytes();
    private static final byte[] TRADE_ID = "tradeId".getBytes();
    private static final byte[] PX = "px".getBytes();
    private static final byte[] SZ = "sz".getBytes();
    private static final byte[] SIDE = "side".getBytes();
    private static final byte[] TS = "ts".getBytes();
    private static final byte[] BUY = "buy".getBytes();
    private static final byte[] SELL = "sell".getBytes();
    private static final byte[] PONG = "pong".getBytes();
    private static final int ALL_FIELDS = 63;
    private static final byte[] EVENT = "event".getBytes();
    private static final byte[] CODE = "code".getBytes();
    private static final byte[] SUBSCRIBE = "subscribe".getBytes();
    private static final byte[] ERROR = "error".getBytes();
    private static final byte[] NOTICE = "notice".getBytes();
    private static final byte[] SERVICE_UPGRADE = "64008".getBytes();
    private static final int NO_EVENT = 0;
    private static final int SUBSCRIBE_EVENT = 1;
    private static final int ERROR_EVENT = 2;
    private static final int NOTICE_EVENT = 3;

    private final InstrumentCatalog instruments;
    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private boolean invalid;

    /**
     * @param instruments maps instrument ids ({@code BTC-USDT-SWAP}) to catalog ids.
     */
    public OkxTradeDecoder(final InstrumentCatalog instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public Venue venue()
    {
        return Venue.OKX;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        if (length == PONG.length && isPong(buffer, offset))
        {
            return 0;
        }
        boolean trades = false;
        boolean parsed = false;
        int dataOffset = -1;
        int event = NO_EVENT;
        boolean serviceUpgrade = false;
        batch.clear();
        invalid = false;
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (!json.beginObject())
        {
            return MALFORMED;
        }
        while (json.nextField())
        {
            if (json.stringEquals(EVENT))
            {
                if (json.readString())
                {
                    event = json.stringEquals(SUBSCRIBE) ? SUBSCRIBE_EVENT : json.stringEquals(ERROR) ? ERROR_EVENT :
                        json.stringEquals(NOTICE) ? NOTICE_EVENT : NO_EVENT;
                }
            }
            else if (json.stringEquals(CODE))
            {
                if (json.peek() == '"')
                {
                    serviceUpgrade = json.readString() && json.stringEquals(SERVICE_UPGRADE);
                }
                else
                {
                    json.skipValue();
                }
            }
            else if (json.stringEquals(ARG) && json.peek() == '{')
            {
                json.beginObject();
                while (json.nextField())
                {
                    if (json.stringEquals(CHANNEL))
                    {
                        trades = json.readString() && (json.stringEquals(TRADES) || json.stringEquals(TRADES_ALL));
                    }
                    else
                    {
                        json.skipValue();
                    }
                }
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
        if (event == SUBSCRIBE_EVENT)
        {
            sink.onSubscribed();
            return 0;
        }
        if (event == ERROR_EVENT)
        {
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (event == NOTICE_EVENT)
        {
            if (serviceUpgrade)
            {
                sink.onServerShutdown();
            }
            return 0;
        }
        if (!trades || (!parsed && dataOffset < 0))
        {
            return 0;
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
        return batch.emitTo(Venue.OKX, receiveTimeNs, sink, true);
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
        int symbolOffset = 0;
        int symbolLength = 0;
        long tradeId = 0;
        long priceMantissa = 0;
        int priceScale = 0;
        long sizeMantissa = 0;
        int sizeScale = 0;
        TakerSide side = TakerSide.BUY;
        long timeMs = 0;
        while (json.nextField())
        {
            if (json.stringEquals(INST_ID))
            {
                if (json.readString())
                {
                    symbolOffset = json.stringOffset();
                    symbolLength = json.stringLength();
                    seen |= 1;
                }
            }
            else if (json.stringEquals(TRADE_ID))
            {
                if (json.readLong())
                {
                    tradeId = json.mantissa();
                    seen |= 2;
                }
            }
            else if (json.stringEquals(PX))
            {
                if (json.readDecimal())
                {
                    priceMantissa = json.mantissa();
                    priceScale = json.scale();
                    seen |= 4;
                }
            }
            else if (json.stringEquals(SZ))
            {
                if (json.readDecimal())
                {
                    sizeMantissa = json.mantissa();
                    sizeScale = json.scale();
                    seen |= 8;
                }
            }
            else if (json.stringEquals(SIDE))
            {
                if (json.readString())
                {
                    if (json.stringEquals(BUY))
                    {
                        side = TakerSide.BUY;
                        seen |= 16;
                    }
                    else if (json.stringEquals(SELL))
                    {
                        side = TakerSide.SELL;
                        seen |= 16;
                    }
                }
            }
            else if (json.stringEquals(TS))
            {
                if (json.readLong())
                {
                    timeMs = json.mantissa();
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
        final int instrumentId = instruments.lookup(Venue.OKX, json.buffer(), symbolOffset, symbolLength);
        if (instrumentId >= 0 &&
            !batch.add(instrumentId, timeMs * 1_000_000L, priceMantissa, priceScale, sizeMantissa, sizeScale, side, tradeId))
        {
            invalid = true;
        }
    }

    private static boolean isPong(final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < PONG.length; i++)
        {
            if (buffer.getByte(offset + i) != PONG[i])
            {
                return false;
            }
        }
        return true;
    }
}
