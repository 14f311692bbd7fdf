package io.takerflow.feeds.coinbase;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.json.IsoTime;
import io.takerflow.feeds.json.JsonCursor;
import io.takerflow.feeds.json.JsonShape;

/**
 * Coinbase Exchange {@code match} messages. Their {@code side} is the MAKER order's side, so the taker is the
 * opposite: {@code "side":"sell"} was a taker BUY. {@code last_match} (the last trade before the subscription, sent
 * on every subscribe) and {@code heartbeat} messages report the product's last trade id, which seeds the gate and
 * detects gaps but is never booked as flow. {@code subscriptions} is the acknowledgement, {@code error} (with
 * {@code message} and {@code reason}) a refusal; every other message type decodes to no trade.
 */
public final class CoinbaseMatchDecoder implements FrameDecoder
{
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MATCH = "match".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_MATCH = "last_match".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEARTBEAT = "heartbeat".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIPTIONS = "subscriptions".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE_ID = "trade_id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_TRADE_ID = "last_trade_id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIDE = "side".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIZE = "size".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "price".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRODUCT_ID = "product_id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME = "time".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);

    private static final int OTHER = 0;
    private static final int MATCH_MESSAGE = 1;
    private static final int HEARTBEAT_MESSAGE = 2;
    private static final int LAST_MATCH_MESSAGE = 3;
    private static final int SUBSCRIPTIONS_MESSAGE = 4;
    private static final int ERROR_MESSAGE = 5;
    private static final int SEEN_TRADE_ID = 1;
    private static final int SEEN_SIDE = 2;
    private static final int SEEN_SIZE = 4;
    private static final int SEEN_PRICE = 8;
    private static final int SEEN_PRODUCT = 16;
    private static final int SEEN_TIME = 32;
    private static final int SEEN_LAST_TRADE_ID = 64;
    private static final int MATCH_FIELDS =
        SEEN_TRADE_ID | SEEN_SIDE | SEEN_SIZE | SEEN_PRICE | SEEN_PRODUCT | SEEN_TIME;

    private static final int SLOT_TRADE_ID = 0;
    private static final int SLOT_SIDE = 1;
    private static final int SLOT_SIZE = 2;
    private static final int SLOT_PRICE = 3;
    private static final int SLOT_PRODUCT = 4;
    private static final int SLOT_TIME = 5;
    /** A {@code match} as Coinbase sends it. */
    private static final JsonShape MATCH_SHAPE = JsonShape.of("{\"type\":\"match\",\"trade_id\":%L0," +
        "\"maker_order_id\":\"%s\",\"taker_order_id\":\"%s\",\"side\":\"%S1\",\"size\":\"%D2\",\"price\":\"%D3\"," +
        "\"product_id\":\"%S4\"," +
        "\"sequence\":%n,\"time\":\"%S5\"}");

    private final InstrumentCatalog instruments;
    private final IsoTime times = new IsoTime();
    private final JsonCursor json = new JsonCursor();
    private final TradeBatch batch = new TradeBatch();

    private int messageType;
    private int seen;
    private long tradeId;
    private long lastTradeId;
    private TakerSide takerSide;
    private long sizeMantissa;
    private int sizeScale;
    private long priceMantissa;
    private int priceScale;
    private int productOffset;
    private int productLength;
    private long timeNs;

    /**
     * @param instruments maps product ids ({@code BTC-USD}) to instrument ids.
     */
    public CoinbaseMatchDecoder(final InstrumentCatalog instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public Venue venue()
    {
        return Venue.COINBASE;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        messageType = OTHER;
        seen = 0;
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        if (json.match(MATCH_SHAPE, null))
        {
            matchFromSlots(json);
        }
        else
        {
            if (!json.beginObject())
            {
                return MALFORMED;
            }
            while (json.nextField())
            {
                field(json);
            }
            if (json.failed() || !json.atEnd())
            {
                return MALFORMED;
            }
        }
        if (messageType == SUBSCRIPTIONS_MESSAGE)
        {
            sink.onSubscribed();
            return 0;
        }
        if (messageType == ERROR_MESSAGE)
        {
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (messageType == LAST_MATCH_MESSAGE)
        {
            if ((seen & (SEEN_TRADE_ID | SEEN_PRODUCT)) != (SEEN_TRADE_ID | SEEN_PRODUCT))
            {
                return MALFORMED;
            }
            final int instrumentId = instruments.lookup(Venue.COINBASE, buffer, productOffset, productLength);
            if (instrumentId >= 0)
            {
                sink.onLastTradeId(instrumentId, tradeId);
            }
            return 0;
        }
        if (messageType == MATCH_MESSAGE)
        {
            if ((seen & MATCH_FIELDS) != MATCH_FIELDS || priceMantissa <= 0 || sizeMantissa < 0 || timeNs ==
                IsoTime.INVALID)
            {
                return MALFORMED;
            }
            final int instrumentId = instruments.lookup(Venue.COINBASE, buffer, productOffset, productLength);
            if (instrumentId < 0)
            {
                return 0;
            }
            batch.clear();
            batch.add().instrumentId(instrumentId).exchangeTimeNs(timeNs).priceMantissa(priceMantissa)
                .priceScale(priceScale).quantityMantissa(sizeMantissa).quantityScale(sizeScale).takerSide(takerSide)
                .tradeId(tradeId);
            return batch.emitTo(Venue.COINBASE, receiveTimeNs, sink, false);
        }
        if (messageType == HEARTBEAT_MESSAGE && (seen & (SEEN_LAST_TRADE_ID | SEEN_PRODUCT)) ==
            (SEEN_LAST_TRADE_ID | SEEN_PRODUCT))
        {
            final int instrumentId = instruments.lookup(Venue.COINBASE, buffer, productOffset, productLength);
            if (instrumentId >= 0)
            {
                sink.onLastTradeId(instrumentId, lastTradeId);
            }
        }
        return 0;
    }

    /**
     * @return the cursor, for tests that compare the shapes with the field loop.
     */
    JsonCursor cursor()
    {
        return json;
    }

    /**
     * The fast path: a {@code match} exactly as Coinbase writes it, with the same checks as the field loop.
     */
    private void matchFromSlots(final JsonCursor json)
    {
        messageType = MATCH_MESSAGE;
        seen = SEEN_TRADE_ID | SEEN_SIZE | SEEN_PRICE | SEEN_PRODUCT | SEEN_TIME;
        tradeId = json.slotMantissa(SLOT_TRADE_ID);
        if (json.slotEquals(SLOT_SIDE, SELL))
        {
            takerSide = TakerSide.BUY;
            seen |= SEEN_SIDE;
        }
        else if (json.slotEquals(SLOT_SIDE, BUY))
        {
            takerSide = TakerSide.SELL;
            seen |= SEEN_SIDE;
        }
        sizeMantissa = json.slotMantissa(SLOT_SIZE);
        sizeScale = json.slotScale(SLOT_SIZE);
        priceMantissa = json.slotMantissa(SLOT_PRICE);
        priceScale = json.slotScale(SLOT_PRICE);
        productOffset = json.slotOffset(SLOT_PRODUCT);
        productLength = json.slotLength(SLOT_PRODUCT);
        timeNs = times.epochNanos(json.buffer(), json.slotOffset(SLOT_TIME), json.slotLength(SLOT_TIME));
    }

    private void field(final JsonCursor json)
    {
        if (json.peek() == 'n')
        {
            json.skipValue();
        }
        else if (json.stringEquals(TYPE))
        {
            if (json.readString())
            {
                messageType = json.stringEquals(MATCH) ? MATCH_MESSAGE :
                    json.stringEquals(LAST_MATCH) ? LAST_MATCH_MESSAGE :
                    json.stringEquals(HEARTBEAT) ? HEARTBEAT_MESSAGE :
                    json.stringEquals(SUBSCRIPTIONS) ? SUBSCRIPTIONS_MESSAGE :
                    json.stringEquals(ERROR) ? ERROR_MESSAGE : OTHER;
            }
        }
        else if (json.stringEquals(TRADE_ID))
        {
            if (json.readLong())
            {
                tradeId = json.mantissa();
                seen |= SEEN_TRADE_ID;
            }
        }
        else if (json.stringEquals(LAST_TRADE_ID))
        {
            if (json.readLong())
            {
                lastTradeId = json.mantissa();
                seen |= SEEN_LAST_TRADE_ID;
            }
        }
        else if (json.stringEquals(SIDE))
        {
            if (json.readString())
            {
                if (json.stringEquals(SELL))
                {
                    takerSide = TakerSide.BUY;
                    seen |= SEEN_SIDE;
                }
                else if (json.stringEquals(BUY))
                {
                    takerSide = TakerSide.SELL;
                    seen |= SEEN_SIDE;
                }
            }
        }
        else if (json.stringEquals(SIZE))
        {
            if (json.readDecimal())
            {
                sizeMantissa = json.mantissa();
                sizeScale = json.scale();
                seen |= SEEN_SIZE;
            }
        }
        else if (json.stringEquals(PRICE))
        {
            if (json.readDecimal())
            {
                priceMantissa = json.mantissa();
                priceScale = json.scale();
                seen |= SEEN_PRICE;
            }
        }
        else if (json.stringEquals(PRODUCT_ID))
        {
            if (json.readString())
            {
                productOffset = json.stringOffset();
                productLength = json.stringLength();
                seen |= SEEN_PRODUCT;
            }
        }
        else if (json.stringEquals(TIME))
        {
            if (json.readString())
            {
                timeNs = times.epochNanos(json.buffer(), json.stringOffset(), json.stringLength());
                seen |= SEEN_TIME;
            }
        }
        else
        {
            json.skipValue();
        }
    }
}
