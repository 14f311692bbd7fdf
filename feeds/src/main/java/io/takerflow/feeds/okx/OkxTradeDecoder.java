package io.takerflow.feeds.okx;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeArrayReader;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.TradeFields;
import io.takerflow.feeds.json.JsonCursor;
import io.takerflow.feeds.json.JsonShape;

/**
 * OKX v5 public {@code trades} (and {@code trades-all}) pushes:
 * {@code {"arg":{"channel":"trades","instId":..},"data":[{"instId","tradeId","px","sz","side","ts"}]}}.
 * {@code side} is the TAKER's side. Sizes of swaps are in contracts: the instrument's contract multiplier turns them
 * into base units in the engine. {@code "event":"subscribe"} is the acknowledgement, {@code "event":"error"} (with
 * {@code code} and {@code msg}) a refusal, {@code "event":"notice"} with code 64008 ("reconnect for a service
 * upgrade") a request to switch connections; the text {@code pong} decodes to no trade. A trades push without its
 * {@code data} array is malformed.
 */
public final class OkxTradeDecoder implements FrameDecoder
{
    /** OKX's trade object. */
    public static final TradeFields FIELDS = TradeFields.of("instId", "tradeId", "px", "sz", "side", "ts", "buy",
        "sell", false, TradeFields.IdFormat.NUMBER, TradeFields.TimeFormat.EPOCH_MILLIS);

    /** A {@code trades} push as OKX sends it, one or more trades. */
    private static final JsonShape TRADES_SHAPE = JsonShape.of("{\"arg\":{\"channel\":\"trades\",\"instId\":\"%s\"}," +
        "\"data\":[%[{\"instId\":\"%S0\",\"tradeId\":\"%L1\",\"px\":\"%D2\",\"sz\":\"%D3\",\"side\":\"%S4\"," +
        "\"ts\":\"%L5\",\"count\":\"%s\",\"source\":\"%s\",\"seqId\":%n}%]]}");
    /** A {@code trades} push as OKX sent it before {@code count}, {@code source} and {@code seqId} (2022). */
    private static final JsonShape OLD_TRADES_SHAPE = JsonShape.of("{\"arg\":{\"channel\":\"trades\",\"instId\":" +
        "\"%s\"},\"data\":[%[{\"instId\":\"%S0\",\"tradeId\":\"%L1\",\"px\":\"%D2\",\"sz\":\"%D3\"," +
        "\"side\":\"%S4\",\"ts\":\"%L5\"}%]]}");

    private static final byte[] ARG = "arg".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "channel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADES = "trades".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADES_ALL = "trades-all".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE = "code".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBE = "subscribe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTICE = "notice".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVICE_UPGRADE = "64008".getBytes(StandardCharsets.US_ASCII);
    private static final int NO_EVENT = 0;
    private static final int SUBSCRIBE_EVENT = 1;
    private static final int ERROR_EVENT = 2;
    private static final int NOTICE_EVENT = 3;

    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private final TradeArrayReader reader;

    /**
     * @param instruments maps instrument ids ({@code BTC-USDT-SWAP}) to catalog ids.
     */
    public OkxTradeDecoder(final InstrumentCatalog instruments)
    {
        this.reader = new TradeArrayReader(Venue.OKX, instruments, FIELDS);
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
        boolean valid = true;
        int dataOffset = -1;
        int event = NO_EVENT;
        boolean serviceUpgrade = false;
        batch.clear();
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (reader.match(json, TRADES_SHAPE, batch) || reader.match(json, OLD_TRADES_SHAPE, batch))
        {
            return batch.emitTo(Venue.OKX, receiveTimeNs, sink, true);
        }
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
                if (trades)
                {
                    valid = reader.read(json, batch);
                    dataOffset = Integer.MAX_VALUE;
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
        if (json.failed() || !json.atEnd() || !valid)
        {
            batch.clear();
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
        if (!trades)
        {
            return 0;
        }
        if (dataOffset < 0)
        {
            return MALFORMED;
        }
        if (dataOffset != Integer.MAX_VALUE)
        {
            json.wrap(buffer, dataOffset, offset + length - dataOffset);
            if (!reader.read(json, batch))
            {
                batch.clear();
                return MALFORMED;
            }
        }
        return batch.emitTo(Venue.OKX, receiveTimeNs, sink, true);
    }

    /**
     * @return the cursor, for tests that compare the shapes with the field loop.
     */
    JsonCursor cursor()
    {
        return json;
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
