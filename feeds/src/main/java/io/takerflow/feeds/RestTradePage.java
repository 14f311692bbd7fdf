package io.takerflow.feeds;

import io.takerflow.engine.input.TakerSide;
import io.takerflow.feeds.json.IsoTime;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Reads a REST page of trades: a JSON array of trade objects, bare or under a key of an envelope object (OKX
 * {@code data}), or nested envelopes (Deribit's JSON-RPC {@code result.trades}), described by a field table. The side
 * is either a label ({@code "buy"}/{@code "sell"}, the taker's
 * or the maker's) or a "buyer is the maker" boolean (Binance {@code m}, {@code isBuyerMaker}). Every field is
 * required; a trade missing one spoils the page. Stateless: one instance per venue, shared.
 */
public final class RestTradePage
{
    private static final int ID = 1;
    private static final int PRICE = 2;
    private static final int SIZE = 4;
    private static final int SIDE = 8;
    private static final int TIME = 16;
    private static final int ALL = ID | PRICE | SIZE | SIDE | TIME;

    private final byte[][] envelope;
    private final byte[] id;
    private final byte[] price;
    private final byte[] size;
    private final byte[] side;
    private final byte[] time;
    private final byte[] buyLabel;
    private final byte[] sellLabel;
    private final boolean labelIsMaker;
    private final boolean isoTime;
    private final boolean stringIds;

    private RestTradePage(
        final String envelope, final String id, final String price, final String size, final String side,
        final String time, final String buyLabel, final String sellLabel, final boolean labelIsMaker,
        final boolean isoTime, final boolean stringIds)
    {
        this.stringIds = stringIds;
        this.envelope = envelope == null ? null : path(envelope);
        this.id = ascii(id);
        this.price = ascii(price);
        this.size = ascii(size);
        this.side = ascii(side);
        this.time = ascii(time);
        this.buyLabel = buyLabel == null ? null : ascii(buyLabel);
        this.sellLabel = sellLabel == null ? null : ascii(sellLabel);
        this.labelIsMaker = labelIsMaker;
        this.isoTime = isoTime;
    }

    /**
     * A page whose side is a "buyer is the maker" boolean (true: the taker sold), times in epoch ms.
     *
     * @param id          key of the trade id (a number).
     * @param price       key of the price.
     * @param size        key of the size.
     * @param buyerMaker  key of the boolean.
     * @param time        key of the time.
     * @return the reader.
     */
    public static RestTradePage buyerMaker(
        final String id, final String price, final String size, final String buyerMaker, final String time)
    {
        return new RestTradePage(null, id, price, size, buyerMaker, time, null, null, false, false, false);
    }

    /**
     * A page whose side is a label.
     *
     * @param envelope     key of the array in an envelope object, null for a bare array; nested envelopes are
     *                     written as a path with dots ({@code result.trades}).
     * @param id           key of the trade id (a number, bare or quoted).
     * @param price        key of the price.
     * @param size         key of the size.
     * @param side         key of the side label.
     * @param time         key of the time.
     * @param buyLabel     label of a buy.
     * @param sellLabel    label of a sell.
     * @param labelIsMaker true if the label is the maker's side (Coinbase): the taker is the opposite.
     * @param isoTime      true for ISO-8601 times, false for epoch ms.
     * @return the reader.
     */
    public static RestTradePage labelled(
        final String envelope, final String id, final String price, final String size, final String side,
        final String time, final String buyLabel, final String sellLabel, final boolean labelIsMaker,
        final boolean isoTime)
    {
        return new RestTradePage(envelope, id, price, size, side, time, buyLabel, sellLabel, labelIsMaker, isoTime,
            false);
    }

    /**
     * @return this reader with string trade ids read as the WebSocket decoders read them
     * ({@link TradeFields.IdFormat#STRING}: the number if all digits, otherwise a stable 64-bit hash, Bybit's UUIDs), so
     * a REST trade and its WebSocket copy carry the same id.
     */
    public RestTradePage withStringIds()
    {
        return new RestTradePage(this, true);
    }

    private RestTradePage(final RestTradePage from, final boolean stringIds)
    {
        this.envelope = from.envelope;
        this.id = from.id;
        this.price = from.price;
        this.size = from.size;
        this.side = from.side;
        this.time = from.time;
        this.buyLabel = from.buyLabel;
        this.sellLabel = from.sellLabel;
        this.labelIsMaker = from.labelIsMaker;
        this.isoTime = from.isoTime;
        this.stringIds = stringIds;
    }

    /**
     * @param json positioned on the body.
     * @param sink receives the trades in page order.
     * @return false if the body is not a valid page.
     */
    public boolean read(final JsonCursor json, final TradeHistory.PageSink sink)
    {
        return envelope == null ? array(json, sink) : enveloped(json, sink, 0);
    }

    private boolean enveloped(final JsonCursor json, final TradeHistory.PageSink sink, final int depth)
    {
        if (!json.beginObject())
        {
            return false;
        }
        boolean found = false;
        while (json.nextField())
        {
            if (!found && json.stringEquals(envelope[depth]))
            {
                if (!(depth == envelope.length - 1 ? array(json, sink) : enveloped(json, sink, depth + 1)))
                {
                    return false;
                }
                found = true;
            }
            else
            {
                json.skipValue();
            }
        }
        return found && !json.failed();
    }

    private boolean array(final JsonCursor json, final TradeHistory.PageSink sink)
    {
        if (!json.beginArray())
        {
            return false;
        }
        while (json.nextElement())
        {
            if (!trade(json, sink))
            {
                return false;
            }
        }
        return !json.failed();
    }

    private boolean trade(final JsonCursor json, final TradeHistory.PageSink sink)
    {
        if (!json.beginObject())
        {
            return false;
        }
        int seen = 0;
        long tradeId = 0;
        long priceMantissa = 0;
        int priceScale = 0;
        long sizeMantissa = 0;
        int sizeScale = 0;
        TakerSide takerSide = null;
        long timeNs = 0;
        while (json.nextField())
        {
            if (json.stringEquals(id))
            {
                if (stringIds ? json.readString() : json.readLong())
                {
                    tradeId = stringIds ? TradeArrayReader.stringId(json) : json.mantissa();
                    seen |= ID;
                }
            }
            else if (json.stringEquals(price))
            {
                if (json.readDecimal())
                {
                    priceMantissa = json.mantissa();
                    priceScale = json.scale();
                    seen |= PRICE;
                }
            }
            else if (json.stringEquals(size))
            {
                if (json.readDecimal())
                {
                    sizeMantissa = json.mantissa();
                    sizeScale = json.scale();
                    seen |= SIZE;
                }
            }
            else if (json.stringEquals(side))
            {
                if (buyLabel == null)
                {
                    final int buyerIsMaker = json.readBoolean();
                    takerSide = buyerIsMaker == 1 ? TakerSide.SELL : buyerIsMaker == 0 ? TakerSide.BUY : null;
                }
                else if (json.readString())
                {
                    final boolean buy = json.stringEquals(buyLabel);
                    final boolean sell = !buy && json.stringEquals(sellLabel);
                    takerSide = !buy && !sell ? null : buy != labelIsMaker ? TakerSide.BUY : TakerSide.SELL;
                }
                seen |= takerSide == null ? 0 : SIDE;
            }
            else if (json.stringEquals(time))
            {
                timeNs = IsoTime.readEpochNanos(json, isoTime);
                seen |= timeNs == IsoTime.INVALID ? 0 : TIME;
            }
            else
            {
                json.skipValue();
            }
        }
        if (json.failed() || seen != ALL || priceMantissa <= 0 || sizeMantissa < 0)
        {
            return false;
        }
        sink.onTrade(tradeId, timeNs, priceMantissa, priceScale, sizeMantissa, sizeScale, takerSide);
        return true;
    }

    private static byte[][] path(final String keys)
    {
        final String[] parts = keys.split("\\.");
        final byte[][] path = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++)
        {
            path[i] = ascii(parts[i]);
        }
        return path;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
