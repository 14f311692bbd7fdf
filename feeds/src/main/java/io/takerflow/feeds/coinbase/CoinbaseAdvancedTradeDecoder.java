package io.takerflow.feeds.coinbase;

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
 * Coinbase Advanced Trade {@code market_trades} messages:
 * {@code {"channel":"market_trades",..,"events":[{"type":"snapshot"|"update","trades":[{..}]}]}}. As on the
 * Exchange feed, {@code side} is the MAKER's side (trades at the best bid are labelled BUY), so the taker is the
 * opposite. Updates are emitted oldest first. A {@code snapshot} event (the recent trades sent on every subscribe)
 * is past volume, not flow: only its newest trade id per product is passed on, to seed the gate. The
 * {@code subscriptions} channel is the acknowledgement and {@code "type":"error"} a refusal; other channels decode
 * to no trade.
 */
public final class CoinbaseAdvancedTradeDecoder implements FrameDecoder
{
    private static final byte[] CHANNEL = "channel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MARKET_TRADES = "market_trades".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENTS = "events".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADES = "trades".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SNAPSHOT = "snapshot".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIPTIONS = "subscriptions".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SEEDS = 64;

    /** Coinbase Advanced's trade object: the side is the maker's. */
    public static final TradeFields FIELDS = TradeFields.of("product_id", "trade_id", "price", "size", "side", "time",
        "BUY", "SELL", true, TradeFields.IdFormat.NUMBER, TradeFields.TimeFormat.ISO_8601);

    /** A {@code market_trades} {@code update} as Coinbase sends it: one event, one or more trades. */
    private static final JsonShape UPDATE_SHAPE = JsonShape.of("{\"channel\":\"market_trades\",\"client_id\":\"%s\"," +
        "\"timestamp\":\"%s\",\"sequence_num\":%n,\"events\":[{\"type\":\"update\",\"trades\":[%[{\"product_id\":" +
        "\"%S0\",\"trade_id\":\"%L1\",\"price\":\"%D2\",\"size\":\"%D3\",\"time\":\"%S5\",\"side\":\"%S4\"}%]]}]}");

    private final TradeArrayReader reader;
    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private boolean invalid;
    private final int[] seedInstruments = new int[MAX_SEEDS];
    private final long[] seedIds = new long[MAX_SEEDS];
    private int seeds;

    /**
     * @param instruments maps product ids ({@code BTC-USD}) to instrument ids.
     */
    public CoinbaseAdvancedTradeDecoder(final InstrumentCatalog instruments)
    {
        this.reader = new TradeArrayReader(Venue.COINBASE_ADVANCED, instruments, FIELDS);
    }

    @Override
    public Venue venue()
    {
        return Venue.COINBASE_ADVANCED;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        batch.clear();
        invalid = false;
        seeds = 0;
        boolean marketTrades = false;
        boolean subscriptions = false;
        boolean error = false;
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (reader.match(json, UPDATE_SHAPE, batch))
        {
            return batch.emitTo(Venue.COINBASE_ADVANCED, receiveTimeNs, sink, true);
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
                    marketTrades = json.stringEquals(MARKET_TRADES);
                    subscriptions = json.stringEquals(SUBSCRIPTIONS);
                }
            }
            else if (json.stringEquals(TYPE))
            {
                error = json.readString() && json.stringEquals(ERROR);
            }
            else if (json.stringEquals(EVENTS) && json.peek() == '[')
            {
                json.beginArray();
                while (json.nextElement())
                {
                    event(json);
                }
            }
            else
            {
                json.skipValue();
            }
        }
        if (json.failed() || !json.atEnd() || invalid)
        {
            batch.clear();
            return MALFORMED;
        }
        if (error)
        {
            batch.clear();
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (!marketTrades)
        {
            batch.clear();
            if (subscriptions)
            {
                sink.onSubscribed();
            }
            return 0;
        }
        for (int i = 0; i < seeds; i++)
        {
            sink.onLastTradeId(seedInstruments[i], seedIds[i]);
        }
        return batch.emitTo(Venue.COINBASE_ADVANCED, receiveTimeNs, sink, true);
    }

    /**
     * @return the cursor, for tests that compare the shapes with the field loop.
     */
    JsonCursor cursor()
    {
        return json;
    }

    private void event(final JsonCursor json)
    {
        if (!json.beginObject())
        {
            return;
        }
        final int start = batch.size();
        boolean snapshot = false;
        while (json.nextField())
        {
            if (json.stringEquals(TYPE))
            {
                snapshot = json.readString() && json.stringEquals(SNAPSHOT);
            }
            else if (json.stringEquals(TRADES))
            {
                if (!reader.read(json, batch))
                {
                    invalid = true;
                }
            }
            else
            {
                json.skipValue();
            }
        }
        if (snapshot)
        {
            seed(start);
        }
    }

    /**
     * A snapshot's trades happened before the subscription: keep only the newest id per instrument, to seed the
     * gate, and drop them from the flow.
     */
    private void seed(final int start)
    {
        for (int i = start; i < batch.size(); i++)
        {
            final int instrumentId = batch.instrumentId(i);
            int s = 0;
            while (s < seeds && seedInstruments[s] != instrumentId)
            {
                s++;
            }
            if (s == seeds)
            {
                if (seeds == MAX_SEEDS)
                {
                    continue;
                }
                seedInstruments[s] = instrumentId;
                seedIds[s] = batch.tradeId(i);
                seeds++;
            }
            else
            {
                seedIds[s] = Math.max(seedIds[s], batch.tradeId(i));
            }
        }
        batch.truncate(start);
    }
}
