package io.takerflow.feeds.hyperliquid;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.collections.IntHashSet;

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
 * Hyperliquid {@code trades} pushes: {@code {"channel":"trades","data":[{"coin","side","px","sz","time","hash",
 * "tid","users"}]}}. {@code side} is the TAKER's side: {@code B} the taker bought, {@code A} the taker sold
 * (Hyperliquid's documentation: "Side is aggressing side for trades"). {@code px} and {@code sz} are strings, kept
 * exactly as sent; {@code time} is epoch milliseconds.
 * <p>
 * The first {@code trades} push per coin on a connection is the snapshot of recent trades Hyperliquid sends on
 * subscribe: past volume, not flow. It is dropped (it only proves the subscription alive), so a decoder belongs to
 * one connection. {@code subscriptionResponse} is the acknowledgement, {@code error} a refusal, {@code pong} and
 * other channels decode to no trade. A trades push without its {@code data} array is malformed.
 */
public final class HyperliquidTradeDecoder implements FrameDecoder
{
    /** Hyperliquid's trade object: {@code side} B/A is the taker's. */
    public static final TradeFields FIELDS = TradeFields.of("coin", "tid", "px", "sz", "side", "time", "B", "A",
        false, TradeFields.IdFormat.NUMBER, TradeFields.TimeFormat.EPOCH_MILLIS);

    /** A {@code trades} push as Hyperliquid sends it, one or more trades. */
    private static final JsonShape TRADES_SHAPE = JsonShape.of("{\"channel\":\"trades\",\"data\":[%[{\"coin\":" +
        "\"%S0\",\"hash\":\"%s\",\"px\":\"%D2\",\"side\":\"%S4\",\"sz\":\"%D3\",\"tid\":%L1,\"time\":%L5," +
        "\"users\":[\"%s\",\"%s\"]}%]]}");
    private static final byte[] CHANNEL = "channel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADES = "trades".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIPTION_RESPONSE = "subscriptionResponse".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final int OTHER = 0;
    private static final int TRADES_CHANNEL = 1;
    private static final int ACK_CHANNEL = 2;
    private static final int ERROR_CHANNEL = 3;

    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private final TradeArrayReader reader;
    private final IntHashSet snapshotSeen = new IntHashSet(64);

    /**
     * @param instruments maps coins ({@code BTC}) to instrument ids.
     */
    public HyperliquidTradeDecoder(final InstrumentCatalog instruments)
    {
        this.reader = new TradeArrayReader(Venue.HYPERLIQUID, instruments, FIELDS);
    }

    @Override
    public Venue venue()
    {
        return Venue.HYPERLIQUID;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        batch.clear();
        int channel = OTHER;
        int dataOffset = -1;
        boolean valid = true;
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (reader.match(json, TRADES_SHAPE, batch))
        {
            return emit(receiveTimeNs, sink);
        }
        if (!json.beginObject())
        {
            return MALFORMED;
        }
        while (json.nextField())
        {
            if (json.stringEquals(CHANNEL))
            {
                if (json.readString())
                {
                    channel = json.stringEquals(TRADES) ? TRADES_CHANNEL : json.stringEquals(SUBSCRIPTION_RESPONSE) ?
                        ACK_CHANNEL : json.stringEquals(ERROR) ? ERROR_CHANNEL : OTHER;
                }
            }
            else if (json.stringEquals(DATA))
            {
                if (channel == TRADES_CHANNEL)
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
        if (channel == ACK_CHANNEL)
        {
            sink.onSubscribed();
            return 0;
        }
        if (channel == ERROR_CHANNEL)
        {
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (channel != TRADES_CHANNEL)
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
        return emit(receiveTimeNs, sink);
    }

    /**
     * @return the cursor, for tests that compare the shapes with the field loop.
     */
    JsonCursor cursor()
    {
        return json;
    }

    /**
     * The first trades push per coin is the snapshot of recent trades: it seeds the gate and is not flow.
     */
    private int emit(final long receiveTimeNs, final FrameSink sink)
    {
        if (batch.size() == 0)
        {
            return 0;
        }
        final int instrumentId = batch.instrumentId(0);
        if (snapshotSeen.add(instrumentId))
        {
            final long seed = batch.tradeId(0);
            batch.emitSnapshotTo(Venue.HYPERLIQUID, receiveTimeNs, sink, false);
            sink.onLastTradeId(instrumentId, seed);
            return 0;
        }
        return batch.emitTo(Venue.HYPERLIQUID, receiveTimeNs, sink, false);
    }
}
