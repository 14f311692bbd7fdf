package io.takerflow.feeds.bitmex;

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
 * BitMEX realtime {@code trade} table: {@code {"table":"trade","action":"insert","data":[{"timestamp","symbol",
 * "side","size","price","trdMatchID",..}]}}. {@code side} is the TAKER's side ({@code Buy}/{@code Sell}); price and
 * size are JSON numbers, taken exactly as written; the id is the {@code trdMatchID} GUID, which identifies a trade
 * but orders nothing. {@code XBTUSD} sizes are USD contracts (inverse).
 * <p>
 * The {@code partial} sent on subscribe holds the last trade before it: never flow, it only proves the
 * subscription. {@code "success":true} with {@code subscribe} acknowledges, {@code error} (or {@code "success":
 * false}) refuses, the welcome {@code info} and the text {@code pong} are nothing. A trade insert without its
 * {@code data} array is malformed.
 */
public final class BitmexTradeDecoder implements FrameDecoder
{
    /** BitMEX's trade object. */
    public static final TradeFields FIELDS = TradeFields.of("symbol", "trdMatchID", "price", "size", "side",
        "timestamp", "Buy", "Sell", false, TradeFields.IdFormat.STRING, TradeFields.TimeFormat.ISO_8601);

    /** A trade {@code insert} as BitMEX sends it, one or more trades. */
    private static final JsonShape INSERT_SHAPE = JsonShape.of("{\"table\":\"trade\",\"action\":\"insert\",\"data\":" +
        "[%[{\"timestamp\":\"%S5\",\"symbol\":\"%S0\",\"side\":\"%S4\",\"size\":%D3,\"price\":%D2,\"tickDirection\":" +
        "\"%s\",\"trdMatchID\":\"%S1\",\"grossValue\":%n,\"homeNotional\":%n,\"foreignNotional\":%n," +
        "\"trdType\":\"%s\"}%]]}");
    /** The same before {@code trdType} was added. */
    private static final JsonShape OLD_INSERT_SHAPE = JsonShape.of("{\"table\":\"trade\",\"action\":\"insert\"," +
        "\"data\":[%[{\"timestamp\":\"%S5\",\"symbol\":\"%S0\",\"side\":\"%S4\",\"size\":%D3,\"price\":%D2," +
        "\"tickDirection\":\"%s\",\"trdMatchID\":\"%S1\",\"grossValue\":%n,\"homeNotional\":%n," +
        "\"foreignNotional\":%n}%]]}");
    private static final byte[] TABLE = "table".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE = "trade".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACTION = "action".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARTIAL = "partial".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INSERT = "insert".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUCCESS = "success".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBE = "subscribe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);
    private static final int OTHER_ACTION = 0;
    private static final int PARTIAL_ACTION = 1;
    private static final int INSERT_ACTION = 2;

    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private final TradeArrayReader reader;

    /**
     * @param instruments maps symbols ({@code XBTUSD}) to catalog ids.
     */
    public BitmexTradeDecoder(final InstrumentCatalog instruments)
    {
        this.reader = new TradeArrayReader(Venue.BITMEX, instruments, FIELDS);
    }

    @Override
    public Venue venue()
    {
        return Venue.BITMEX;
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
        int action = OTHER_ACTION;
        int dataOffset = -1;
        int success = -1;
        boolean subscribeReply = false;
        boolean error = false;
        batch.clear();
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (reader.match(json, INSERT_SHAPE, batch) || reader.match(json, OLD_INSERT_SHAPE, batch))
        {
            return batch.emitTo(Venue.BITMEX, receiveTimeNs, sink, false);
        }
        if (!json.beginObject())
        {
            return MALFORMED;
        }
        while (json.nextField())
        {
            if (json.stringEquals(TABLE))
            {
                trades = json.readString() && json.stringEquals(TRADE);
            }
            else if (json.stringEquals(ACTION))
            {
                if (json.readString())
                {
                    action = json.stringEquals(INSERT) ? INSERT_ACTION : json.stringEquals(PARTIAL) ? PARTIAL_ACTION :
                        OTHER_ACTION;
                }
            }
            else if (json.stringEquals(DATA))
            {
                dataOffset = json.position();
                json.skipValue();
            }
            else if (json.stringEquals(SUCCESS))
            {
                success = json.readBoolean();
            }
            else if (json.stringEquals(SUBSCRIBE))
            {
                subscribeReply = true;
                json.skipValue();
            }
            else if (json.stringEquals(ERROR))
            {
                error = true;
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
        if (error || success == 0)
        {
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (success == 1)
        {
            if (subscribeReply)
            {
                sink.onSubscribed();
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
        if (action == PARTIAL_ACTION)
        {
            json.wrap(buffer, dataOffset, offset + length - dataOffset);
            if (reader.read(json, batch))
            {
                batch.emitSnapshotTo(Venue.BITMEX, receiveTimeNs, sink, false);
            }
            batch.clear();
            sink.onSubscribed();
            return 0;
        }
        if (action != INSERT_ACTION)
        {
            return 0;
        }
        json.wrap(buffer, dataOffset, offset + length - dataOffset);
        if (!reader.read(json, batch))
        {
            batch.clear();
            return MALFORMED;
        }
        return batch.emitTo(Venue.BITMEX, receiveTimeNs, sink, false);
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
