package io.takerflow.feeds.deribit;

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
 * Deribit JSON-RPC frames: {@code {"jsonrpc":"2.0","method":"subscription","params":{"channel":"trades.BTC-PERPETUAL
 * .100ms","data":[{"trade_seq","timestamp","price","amount","direction","instrument_name",..}]}}}. {@code direction}
 * is the TAKER's side (Deribit's schema: "Trade direction of the taker"); {@code price} and {@code amount} are JSON
 * numbers, taken exactly as written; {@code trade_seq} (consecutive per instrument) is the trade id, because the
 * string {@code trade_id} only grows. Perpetual and inverse future amounts are USD (the instrument's inverse size
 * convention turns them into base units).
 * <p>
 * Replies: a {@code result} array answers {@code public/subscribe} with the channels subscribed (an empty one
 * subscribed nothing: refused), an {@code error} object is a refusal, other results ({@code "ok"} to
 * {@code public/set_heartbeat}, {@code public/test}'s version) are nothing. {@code "method":"heartbeat"} with
 * {@code "type":"test_request"} asks for a {@code public/test} reply (the server closes the connection without it);
 * a plain heartbeat is a keep-alive, not data. A trades notification without its {@code data} array is malformed.
 */
public final class DeribitTradeDecoder implements FrameDecoder
{
    /** Deribit's public trade object. */
    public static final TradeFields FIELDS = TradeFields.of("instrument_name", "trade_seq", "price", "amount",
        "direction", "timestamp", "buy", "sell", false, TradeFields.IdFormat.NUMBER,
        TradeFields.TimeFormat.EPOCH_MILLIS);

    /** A {@code trades.*.raw} notification as Deribit sends it, one or more trades. */
    private static final JsonShape TRADES_SHAPE = JsonShape.of("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\"," +
        "\"params\":{\"channel\":\"trades.%s\",\"data\":[%[{\"trade_seq\":%L1,\"trade_id\":\"%s\",\"timestamp\":%L5," +
        "\"tick_direction\":%n,\"price\":%D2,\"mark_price\":%n,\"instrument_name\":\"%S0\",\"index_price\":%n," +
        "\"direction\":\"%S4\",\"amount\":%D3}%]]}}");
    private static final byte[] METHOD = "method".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIPTION = "subscription".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEARTBEAT = "heartbeat".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARAMS = "params".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "channel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADES_PREFIX = "trades.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEST_REQUEST = "test_request".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT = "result".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final int NONE = 0;
    private static final int NOTIFICATION = 1;
    private static final int HEARTBEAT_METHOD = 2;

    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private final TradeArrayReader reader;

    /**
     * @param instruments maps instrument names ({@code BTC-PERPETUAL}) to catalog ids.
     */
    public DeribitTradeDecoder(final InstrumentCatalog instruments)
    {
        this.reader = new TradeArrayReader(Venue.DERIBIT, instruments, FIELDS);
    }

    @Override
    public Venue venue()
    {
        return Venue.DERIBIT;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        int method = NONE;
        boolean trades = false;
        boolean testRequest = false;
        boolean valid = true;
        int dataOffset = -1;
        int paramsOffset = -1;
        int subscribedChannels = -1;
        boolean error = false;
        batch.clear();
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (reader.match(json, TRADES_SHAPE, batch))
        {
            return batch.emitTo(Venue.DERIBIT, receiveTimeNs, sink, true);
        }
        if (!json.beginObject())
        {
            return MALFORMED;
        }
        while (json.nextField())
        {
            if (json.stringEquals(METHOD))
            {
                if (json.readString())
                {
                    method = json.stringEquals(SUBSCRIPTION) ? NOTIFICATION :
                        json.stringEquals(HEARTBEAT) ? HEARTBEAT_METHOD : NONE;
                }
            }
            else if (json.stringEquals(PARAMS) && json.peek() == '{')
            {
                paramsOffset = json.position();
                json.beginObject();
                while (json.nextField())
                {
                    if (json.stringEquals(CHANNEL))
                    {
                        trades = json.readString() && startsWith(json, TRADES_PREFIX);
                    }
                    else if (json.stringEquals(TYPE))
                    {
                        testRequest = json.readString() && json.stringEquals(TEST_REQUEST);
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
            }
            else if (json.stringEquals(RESULT))
            {
                if (json.peek() == '[')
                {
                    subscribedChannels = 0;
                    json.beginArray();
                    while (json.nextElement())
                    {
                        subscribedChannels++;
                        json.skipValue();
                    }
                }
                else
                {
                    json.skipValue();
                }
            }
            else if (json.stringEquals(ERROR))
            {
                error = json.peek() == '{';
                json.skipValue();
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
        if (error || subscribedChannels == 0)
        {
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (subscribedChannels > 0)
        {
            sink.onSubscribed();
            return 0;
        }
        if (method == HEARTBEAT_METHOD)
        {
            if (testRequest)
            {
                sink.onKeepAliveRequest();
            }
            return 0;
        }
        if (method != NOTIFICATION || !trades)
        {
            return paramsOffset < 0 && method == NOTIFICATION ? MALFORMED : 0;
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
        return batch.emitTo(Venue.DERIBIT, receiveTimeNs, sink, true);
    }

    /**
     * @return the cursor, for tests that compare the shapes with the field loop.
     */
    JsonCursor cursor()
    {
        return json;
    }

    private static boolean startsWith(final JsonCursor json, final byte[] prefix)
    {
        if (json.stringLength() < prefix.length)
        {
            return false;
        }
        final DirectBuffer buffer = json.buffer();
        for (int i = 0; i < prefix.length; i++)
        {
            if (buffer.getByte(json.stringOffset() + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }
}
