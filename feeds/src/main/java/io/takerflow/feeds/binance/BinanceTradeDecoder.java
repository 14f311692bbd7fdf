package io.takerflow.feeds.binance;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.json.JsonCursor;
import io.takerflow.feeds.json.JsonShape;

/**
 * Binance spot and USD-M futures {@code trade} and {@code aggTrade} events, raw ({@code /ws/}) or inside the
 * combined-stream envelope {@code {"stream":..,"data":{..}}}. {@code m=true} means the buyer was the maker, so the
 * taker SOLD. The trade id is {@code t} for trades and {@code a} (the aggregate id) for aggTrades. A
 * {@code serverShutdown} event is passed on, an {@code {"error":{"code":..,"msg":..}}} reply is passed on as a
 * refusal; every other event decodes to no trade.
 */
public final class BinanceTradeDecoder implements FrameDecoder
{
    private static final byte[] STREAM = {'s', 't', 'r', 'e', 'a', 'm'};
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] TRADE = {'t', 'r', 'a', 'd', 'e'};
    private static final byte[] AGG_TRADE = {'a', 'g', 'g', 'T', 'r', 'a', 'd', 'e'};
    private static final byte[] SERVER_SHUTDOWN = {'s', 'e', 'r', 'v', 'e', 'r', 'S', 'h', 'u', 't', 'd', 'o', 'w',
        'n'};
    private static final int OTHER = 0;
    private static final int TRADE_EVENT = 1;
    private static final int AGG_TRADE_EVENT = 2;
    private static final int SHUTDOWN_EVENT = 3;
    private static final int ERROR_REPLY = 4;
    private static final byte[] ERROR = {'e', 'r', 'r', 'o', 'r'};
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private static final int SLOT_SYMBOL = 0;
    private static final int SLOT_PRICE = 1;
    private static final int SLOT_QUANTITY = 2;
    private static final int SLOT_TIME = 3;
    private static final int SLOT_ID = 4;
    private static final int SLOT_BUYER_IS_MAKER = 5;
    /** USD-M {@code aggTrade} as sent since 2025, with the quantity without RPI orders ({@code nq}). */
    private static final JsonShape AGG_TRADE_SHAPE = JsonShape.of("{\"stream\":\"%s\",\"data\":{\"e\":\"aggTrade\"," +
        "\"E\":%n,\"a\":%L4,\"s\":\"%S0\",\"p\":\"%D1\",\"q\":\"%D2\",\"nq\":\"%s\",\"f\":%n,\"l\":%n,\"T\":%L3," +
        "\"m\":%B5}}");
    /** USD-M {@code aggTrade} as sent before {@code nq}. */
    private static final JsonShape OLD_AGG_TRADE_SHAPE = JsonShape.of("{\"stream\":\"%s\",\"data\":{\"e\":" +
        "\"aggTrade\",\"E\":%n,\"a\":%L4,\"s\":\"%S0\",\"p\":\"%D1\",\"q\":\"%D2\",\"f\":%n,\"l\":%n,\"T\":%L3," +
        "\"m\":%B5}}");
    /** USD-M {@code trade}. */
    private static final JsonShape USDM_TRADE_SHAPE = JsonShape.of("{\"stream\":\"%s\",\"data\":{\"e\":\"trade\"," +
        "\"E\":%n,\"T\":%L3,\"s\":\"%S0\",\"t\":%L4,\"p\":\"%D1\",\"q\":\"%D2\",\"X\":\"%s\",\"m\":%B5}}");
    /** Spot {@code trade} ({@code M} is ignored, as by the field loop). */
    private static final JsonShape SPOT_TRADE_SHAPE = JsonShape.of("{\"stream\":\"%s\",\"data\":{\"e\":\"trade\"," +
        "\"E\":%n,\"s\":\"%S0\",\"t\":%L4,\"p\":\"%D1\",\"q\":\"%D2\",\"T\":%L3,\"m\":%B5,\"M\":%B6}}");
    private static final JsonShape[] USDM_SHAPES = {AGG_TRADE_SHAPE, OLD_AGG_TRADE_SHAPE, USDM_TRADE_SHAPE};
    private static final JsonShape[] SPOT_SHAPES = {SPOT_TRADE_SHAPE};

    private final Venue venue;
    private final InstrumentCatalog instruments;
    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();
    private final JsonShape[] shapes;

    private int eventType;
    private int symbolOffset;
    private int symbolLength;
    private long priceMantissa;
    private int priceScale;
    private long quantityMantissa;
    private int quantityScale;
    private long tradeTimeMs;
    private long tradeId;
    private long aggregateId;
    private int buyerIsMaker;
    private int seen;

    private static final int SEEN_SYMBOL = 1;
    private static final int SEEN_PRICE = 2;
    private static final int SEEN_QUANTITY = 4;
    private static final int SEEN_TIME = 8;
    private static final int SEEN_TRADE_ID = 16;
    private static final int SEEN_AGG_ID = 32;
    private static final int SEEN_SIDE = 64;
    private static final int REQUIRED = SEEN_SYMBOL | SEEN_PRICE | SEEN_QUANTITY | SEEN_TIME | SEEN_SIDE;

    /**
     * @param venue       {@link Venue#BINANCE_SPOT} or {@link Venue#BINANCE_USDM}.
     * @param instruments maps symbols ({@code BTCUSDT}) to instrument ids.
     */
    public BinanceTradeDecoder(final Venue venue, final InstrumentCatalog instruments)
    {
        if (venue != Venue.BINANCE_SPOT && venue != Venue.BINANCE_USDM)
        {
            throw new IllegalArgumentException("BinanceTradeDecoder is for binance-spot or binance-usdm, not " +
                venue.id());
        }
        this.venue = venue;
        this.instruments = instruments;
        this.shapes = venue == Venue.BINANCE_USDM ? USDM_SHAPES : SPOT_SHAPES;
    }

    /**
     * @return the cursor, for tests that compare the shapes with the field loop.
     */
    JsonCursor cursor()
    {
        return json;
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
        eventType = OTHER;
        seen = 0;
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (!matchShape(json) && !readFields(json))
        {
            return MALFORMED;
        }
        switch (eventType)
        {
            case TRADE_EVENT:
                return emit(receiveTimeNs, sink, tradeId, SEEN_TRADE_ID);
            case AGG_TRADE_EVENT:
                return emit(receiveTimeNs, sink, aggregateId, SEEN_AGG_ID);
            case SHUTDOWN_EVENT:
                sink.onServerShutdown();
                return 0;
            case ERROR_REPLY:
                sink.onRejected(buffer, offset, length);
                return 0;
            default:
                return 0;
        }
    }

    /**
     * The field loop, for every frame no shape matches.
     *
     * @return false if the frame is malformed.
     */
    private boolean readFields(final JsonCursor json)
    {
        if (!json.beginObject())
        {
            return false;
        }
        while (json.nextField())
        {
            if (json.stringEquals(DATA) && json.peek() == '{')
            {
                json.beginObject();
                while (json.nextField())
                {
                    eventField(json);
                }
            }
            else if (json.stringEquals(STREAM))
            {
                json.skipValue();
            }
            else
            {
                eventField(json);
            }
        }
        return !json.failed() && json.atEnd();
    }

    /**
     * The fast path: a trade frame exactly as the venue writes it, read into the same fields as the field loop.
     */
    private boolean matchShape(final JsonCursor json)
    {
        for (final JsonShape shape : shapes)
        {
            if (json.match(shape, null))
            {
                symbolOffset = json.slotOffset(SLOT_SYMBOL);
                symbolLength = json.slotLength(SLOT_SYMBOL);
                priceMantissa = json.slotMantissa(SLOT_PRICE);
                priceScale = json.slotScale(SLOT_PRICE);
                quantityMantissa = json.slotMantissa(SLOT_QUANTITY);
                quantityScale = json.slotScale(SLOT_QUANTITY);
                tradeTimeMs = json.slotMantissa(SLOT_TIME);
                buyerIsMaker = (int)json.slotMantissa(SLOT_BUYER_IS_MAKER);
                if (shape == USDM_TRADE_SHAPE || shape == SPOT_TRADE_SHAPE)
                {
                    eventType = TRADE_EVENT;
                    tradeId = json.slotMantissa(SLOT_ID);
                    seen = REQUIRED | SEEN_TRADE_ID;
                }
                else
                {
                    eventType = AGG_TRADE_EVENT;
                    aggregateId = json.slotMantissa(SLOT_ID);
                    seen = REQUIRED | SEEN_AGG_ID;
                }
                return true;
            }
        }
        return false;
    }

    private int emit(final long receiveTimeNs, final FrameSink sink, final long id, final int idBit)
    {
        if ((seen & (REQUIRED | idBit)) != (REQUIRED | idBit) || quantityMantissa < 0 || priceMantissa <= 0)
        {
            return MALFORMED;
        }
        final int instrumentId = instruments.lookup(venue, json.buffer(), symbolOffset, symbolLength);
        if (instrumentId < 0)
        {
            return 0;
        }
        batch.clear();
        batch.add().instrumentId(instrumentId).exchangeTimeNs(tradeTimeMs * NANOS_PER_MILLI)
            .priceMantissa(priceMantissa).priceScale(priceScale).quantityMantissa(quantityMantissa)
                .quantityScale(quantityScale)
            .takerSide(buyerIsMaker == 1 ? TakerSide.SELL : TakerSide.BUY).tradeId(id);
        return batch.emitTo(venue, receiveTimeNs, sink, false);
    }

    private void eventField(final JsonCursor json)
    {
        if (json.stringEquals(ERROR))
        {
            eventType = ERROR_REPLY;
            json.skipValue();
        }
        else if (json.stringIs('e'))
        {
            if (json.readString())
            {
                eventType = json.stringEquals(TRADE) ? TRADE_EVENT : json.stringEquals(AGG_TRADE) ? AGG_TRADE_EVENT :
                    json.stringEquals(SERVER_SHUTDOWN) ? SHUTDOWN_EVENT : OTHER;
            }
        }
        else if (json.stringIs('s'))
        {
            if (json.peek() == '"' && json.readString())
            {
                symbolOffset = json.stringOffset();
                symbolLength = json.stringLength();
                seen |= SEEN_SYMBOL;
            }
            else
            {
                json.skipValue();
            }
        }
        else if (json.stringIs('p'))
        {
            if (json.peek() == '"' && json.readDecimal())
            {
                priceMantissa = json.mantissa();
                priceScale = json.scale();
                seen |= SEEN_PRICE;
            }
            else
            {
                json.skipValue();
            }
        }
        else if (json.stringIs('q'))
        {
            if (json.peek() == '"' && json.readDecimal())
            {
                quantityMantissa = json.mantissa();
                quantityScale = json.scale();
                seen |= SEEN_QUANTITY;
            }
            else
            {
                json.skipValue();
            }
        }
        else if (json.stringIs('T'))
        {
            if (json.readLong())
            {
                tradeTimeMs = json.mantissa();
                seen |= SEEN_TIME;
            }
        }
        else if (json.stringIs('t'))
        {
            if (isNumber(json.peek()) && json.readLong())
            {
                tradeId = json.mantissa();
                seen |= SEEN_TRADE_ID;
            }
            else
            {
                json.skipValue();
            }
        }
        else if (json.stringIs('a'))
        {
            if (isNumber(json.peek()) && json.readLong())
            {
                aggregateId = json.mantissa();
                seen |= SEEN_AGG_ID;
            }
            else
            {
                json.skipValue();
            }
        }
        else if (json.stringIs('m'))
        {
            final byte next = json.peek();
            if (next == 't' || next == 'f')
            {
                buyerIsMaker = json.readBoolean();
                seen |= SEEN_SIDE;
            }
            else
            {
                json.skipValue();
            }
        }
        else
        {
            json.skipValue();
        }
    }

    private static boolean isNumber(final byte b)
    {
        return b == '-' || (b >= '0' && b <= '9');
    }
}
