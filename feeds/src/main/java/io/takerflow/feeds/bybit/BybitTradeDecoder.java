package io.takerflow.feeds.bybit;

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
 * Bybit v5 public trades ({@code topic} {@code publicTrade.<symbol>}, linear or spot). {@code S} is the TAKER's
 * side. The trade id {@code i} is numeric on spot but a UUID on linear: a UUID is turned into a stable 64-bit hash,
 * which identifies the trade but cannot reveal gaps (Bybit documents ids as strings, so the gate never orders by
 * them). A subscribe reply with {@code "success":true} is the acknowledgement, any reply with
 * {@code "success":false} a refusal (its {@code ret_msg} says why); pongs decode to no trade. A trades push without
 * its {@code data} array is malformed.
 */
public final class BybitTradeDecoder implements FrameDecoder
{
    /** Bybit's trade object. */
    public static final TradeFields FIELDS = TradeFields.of("s", "i", "p", "v", "S", "T", "Buy", "Sell", false,
        TradeFields.IdFormat.STRING, TradeFields.TimeFormat.EPOCH_MILLIS);

    /** A linear {@code publicTrade} push as Bybit sends it, one or more trades. */
    private static final JsonShape LINEAR_SHAPE = JsonShape.of("{\"topic\":\"publicTrade.%s\",\"type\":\"snapshot\"," +
        "\"ts\":%n,\"data\":[%[{\"T\":%L5,\"s\":\"%S0\",\"S\":\"%S4\",\"v\":\"%D3\",\"p\":\"%D2\",\"L\":\"%s\"," +
        "\"i\":\"%S1\",\"BT\":%B6,\"RPI\":%B7,\"seq\":%n}%]]}");
    /** The same before {@code RPI} and {@code seq} were added. */
    private static final JsonShape OLD_LINEAR_SHAPE = JsonShape.of("{\"topic\":\"publicTrade.%s\",\"type\":" +
        "\"snapshot\",\"ts\":%n,\"data\":[%[{\"T\":%L5,\"s\":\"%S0\",\"S\":\"%S4\",\"v\":\"%D3\",\"p\":\"%D2\"," +
        "\"L\":\"%s\",\"i\":\"%S1\",\"BT\":%B6}%]]}");

    private static final byte[] TOPIC = "topic".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUBLIC_TRADE = "publicTrade.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUCCESS = "success".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OP = "op".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBE = "subscribe".getBytes(StandardCharsets.US_ASCII);

    private final Venue venue;
    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private final TradeArrayReader reader;

    /**
     * @param venue       {@link Venue#BYBIT_LINEAR} or {@link Venue#BYBIT_SPOT}.
     * @param instruments maps symbols ({@code BTCUSDT}) to instrument ids.
     */
    public BybitTradeDecoder(final Venue venue, final InstrumentCatalog instruments)
    {
        if (venue != Venue.BYBIT_LINEAR && venue != Venue.BYBIT_SPOT)
        {
            throw new IllegalArgumentException("BybitTradeDecoder is for bybit-linear or bybit-spot, not " +
                venue.id());
        }
        this.venue = venue;
        this.reader = new TradeArrayReader(venue, instruments, FIELDS);
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
        boolean valid = true;
        int dataOffset = -1;
        int success = -1;
        boolean subscribeReply = false;
        batch.clear();
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (venue == Venue.BYBIT_LINEAR &&
            (reader.match(json, LINEAR_SHAPE, batch) || reader.match(json, OLD_LINEAR_SHAPE, batch)))
        {
            return batch.emitTo(venue, receiveTimeNs, sink, false);
        }
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
        return batch.emitTo(venue, receiveTimeNs, sink, false);
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
