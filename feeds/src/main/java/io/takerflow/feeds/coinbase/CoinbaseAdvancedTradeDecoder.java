package io.takerflow.feeds.coinbase;

import org.agrona.DirectBuffer;

import io.takerflow.engine.InstrumentCatalog;
import io.takerflow.engine.TakerSide;
import io.takerflow.engine.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.json.IsoTime;
import io.takerflow.feeds.json.JsonCursor;

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
    private static final byte[] CHANNEL = "channel".getBytes();
    private static final byte[] MARKET_TRADES = "market_trades".getBytes();
    private static final byte[] EVENTS = "events".getBytes();
    private static final byte[] TRADES = "trades".getBytes();
    private static final byte[] TRADE_ID = "trade_id".getBytes();
    private static final byte[] PRODUCT_ID = "product_id".getBytes();
    private static final byte[] PRICE = "price".getBytes();
    private static final byte[] SIZE = "size".getBytes();
    private static final byte[] SIDE = "side".getBytes();
    private static final byte[] TIME = "time".getBytes();
    private static final byte[] BUY = "BUY".getBytes();
    private static final byte[] SELL = "SELL".getBytes();
    private static final int ALL_FIELDS = 63;
    private static final byte[] TYPE = "type".getBytes();
    private static final byte[] SNAPSHOT = "snapshot".getBytes();
    private static final byte[] SUBSCRIPTIONS = "subscriptions".getBytes();
    private static final byte[] ERROR = "error".getBytes();
    private static final int MAX_SEEDS = 64;

    private final InstrumentCatalog instruments;
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
        this.instruments = instruments;
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
            else if (json.stringEquals(TRADES) && json.peek() == '[')
            {
                json.beginArray();
                while (json.nextElement())
                {
                    trade(json);
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

    private void trade(final JsonCursor json)
    {
        if (!json.beginObject())
        {
            return;
        }
        int seen = 0;
        long tradeId = 0;
        int productOffset = 0;
        int productLength = 0;
        long priceMantissa = 0;
        int priceScale = 0;
        long sizeMantissa = 0;
        int sizeScale = 0;
        TakerSide takerSide = TakerSide.BUY;
        long timeNs = IsoTime.INVALID;
        while (json.nextField())
        {
            if (json.stringEquals(TRADE_ID))
            {
                if (json.readLong())
                {
                    tradeId = json.mantissa();
                    seen |= 1;
                }
            }
            else if (json.stringEquals(PRODUCT_ID))
            {
                if (json.readString())
                {
                    productOffset = json.stringOffset();
                    productLength = json.stringLength();
                    seen |= 2;
                }
            }
            else if (json.stringEquals(PRICE))
            {
                if (json.readDecimal())
                {
                    priceMantissa = json.mantissa();
                    priceScale = json.scale();
                    seen |= 4;
                }
            }
            else if (json.stringEquals(SIZE))
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
                        takerSide = TakerSide.SELL;
                        seen |= 16;
                    }
                    else if (json.stringEquals(SELL))
                    {
                        takerSide = TakerSide.BUY;
                        seen |= 16;
                    }
                }
            }
            else if (json.stringEquals(TIME))
            {
                if (json.readString())
                {
                    timeNs = IsoTime.parseEpochNanos(json.buffer(), json.stringOffset(), json.stringLength());
                    seen |= 32;
                }
            }
            else
            {
                json.skipValue();
            }
        }
        if (seen != ALL_FIELDS || timeNs == IsoTime.INVALID || priceMantissa <= 0 || sizeMantissa < 0)
        {
            invalid = true;
            return;
        }
        final int instrumentId = instruments.lookup(Venue.COINBASE_ADVANCED, json.buffer(), productOffset, productLength);
        if (instrumentId >= 0 &&
            !batch.add(instrumentId, timeNs, priceMantissa, priceScale, sizeMantissa, sizeScale, takerSide, tradeId))
        {
            invalid = true;
        }
    }
}
