package io.takerflow.feeds.krakenfutures;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeArrayReader;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.TradeFields;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Kraken Futures v1 {@code trade} feed: one trade per frame, {@code {"feed":"trade","product_id":"PI_XBTUSD",
 * "uid","side","type","seq","time","qty","price"}}. {@code side} is the TAKER's side; {@code qty} and {@code price}
 * are JSON numbers, taken exactly as written; {@code seq} (consecutive per product) is the trade id; {@code time} is
 * epoch ms. {@code PI_}/{@code FI_} quantities are USD contracts (inverse).
 * <p>
 * The {@code trade_snapshot} sent on subscribe holds the 100 newest trades, newest FIRST: never flow, only its
 * highest {@code seq} is passed on as the product's last trade id (so trades missed since the last connection are a
 * gap); its trades go to {@link FrameSink#onSnapshotTrade} in {@code seq} order. {@code "event":"subscribed"} for the
 * trade feed acknowledges, {@code "event":"error"} or
 * {@code subscribed_failed} refuses, {@code info}, other feeds' events and {@code heartbeat}s are nothing. A trade
 * with a missing or bad field is malformed.
 */
public final class KrakenFuturesTradeDecoder implements FrameDecoder
{
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBED = "subscribed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBED_FAILED = "subscribed_failed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FEED = "feed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE = "trade".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE_SNAPSHOT = "trade_snapshot".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRODUCT_ID = "product_id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADES = "trades".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIDE = "side".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = "seq".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME = "time".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QTY = "qty".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "price".getBytes(StandardCharsets.US_ASCII);
    private static final int NO_EVENT = 0;
    private static final int SUBSCRIBED_EVENT = 1;
    private static final int REFUSED_EVENT = 2;
    private static final int OTHER_EVENT = 3;
    private static final int OTHER_FEED = 0;
    private static final int TRADE_FEED = 1;
    private static final int SNAPSHOT_FEED = 2;
    private static final int SYMBOL = 1;
    private static final int ID = 2;
    private static final int PRICE_SEEN = 4;
    private static final int SIZE = 8;
    private static final int SIDE_SEEN = 16;
    private static final int TIME_SEEN = 32;
    private static final int ALL = SYMBOL | ID | PRICE_SEEN | SIZE | SIDE_SEEN | TIME_SEEN;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** A snapshot trade's fields (each carries its {@code product_id}). */
    private static final TradeFields SNAPSHOT_FIELDS = TradeFields.of("product_id", "seq", "price", "qty", "side",
        "time", "buy", "sell", false, TradeFields.IdFormat.NUMBER, TradeFields.TimeFormat.EPOCH_MILLIS);

    private final JsonCursor json = new JsonCursor();
    private final InputEvent scratch = new InputEvent();
    private final InstrumentCatalog instruments;
    private final TradeArrayReader snapshotReader;
    private final TradeBatch snapshot = new TradeBatch();

    /**
     * @param instruments maps product ids ({@code PI_XBTUSD}) to catalog ids.
     */
    public KrakenFuturesTradeDecoder(final InstrumentCatalog instruments)
    {
        this.instruments = instruments;
        this.snapshotReader = new TradeArrayReader(Venue.KRAKEN_FUTURES, instruments, SNAPSHOT_FIELDS);
    }

    @Override
    public Venue venue()
    {
        return Venue.KRAKEN_FUTURES;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        int event = NO_EVENT;
        int feed = OTHER_FEED;
        int seen = 0;
        int symbolOffset = 0;
        int symbolLength = 0;
        long seq = 0;
        long priceMantissa = 0;
        int priceScale = 0;
        long sizeMantissa = 0;
        int sizeScale = 0;
        TakerSide side = null;
        long timeNs = 0;
        long newestSeq = -1;
        boolean snapshotTrades = false;
        int tradesOffset = -1;
        final JsonCursor json = this.json.wrap(buffer, offset, length);
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
                    event = json.stringEquals(SUBSCRIBED) ? SUBSCRIBED_EVENT :
                        json.stringEquals(ERROR) || json.stringEquals(SUBSCRIBED_FAILED) ? REFUSED_EVENT : OTHER_EVENT;
                }
            }
            else if (json.stringEquals(FEED))
            {
                if (json.readString())
                {
                    feed = json.stringEquals(TRADE) ? TRADE_FEED : json.stringEquals(TRADE_SNAPSHOT) ? SNAPSHOT_FEED :
                        OTHER_FEED;
                }
            }
            else if (json.stringEquals(PRODUCT_ID))
            {
                if (json.readString())
                {
                    symbolOffset = json.stringOffset();
                    symbolLength = json.stringLength();
                    seen |= SYMBOL;
                }
            }
            else if (json.stringEquals(SEQ))
            {
                if (json.readLong())
                {
                    seq = json.mantissa();
                    seen |= ID;
                }
            }
            else if (json.stringEquals(PRICE))
            {
                if (json.readDecimal())
                {
                    priceMantissa = json.mantissa();
                    priceScale = json.scale();
                    seen |= PRICE_SEEN;
                }
            }
            else if (json.stringEquals(QTY))
            {
                if (json.readDecimal())
                {
                    sizeMantissa = json.mantissa();
                    sizeScale = json.scale();
                    seen |= SIZE;
                }
            }
            else if (json.stringEquals(SIDE))
            {
                if (json.readString())
                {
                    side = json.stringEquals(BUY) ? TakerSide.BUY : json.stringEquals(SELL) ? TakerSide.SELL : null;
                    seen |= side == null ? 0 : SIDE_SEEN;
                }
            }
            else if (json.stringEquals(TIME))
            {
                if (json.readLong())
                {
                    timeNs = json.mantissa() * NANOS_PER_MILLI;
                    seen |= TIME_SEEN;
                }
            }
            else if (json.stringEquals(TRADES) && json.peek() == '[')
            {
                snapshotTrades = true;
                tradesOffset = json.position();
                newestSeq = newestSeq(json);
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
        if (event == REFUSED_EVENT)
        {
            sink.onRejected(buffer, offset, length);
            return 0;
        }
        if (event != NO_EVENT)
        {
            if (event == SUBSCRIBED_EVENT && feed == TRADE_FEED)
            {
                sink.onSubscribed();
            }
            return 0;
        }
        if (feed == SNAPSHOT_FEED)
        {
            if (!snapshotTrades || (seen & SYMBOL) == 0 || newestSeq == MALFORMED)
            {
                return MALFORMED;
            }
            final int instrumentId = instruments.lookup(Venue.KRAKEN_FUTURES, buffer, symbolOffset, symbolLength);
            if (instrumentId >= 0)
            {
                json.wrap(buffer, tradesOffset, offset + length - tradesOffset);
                if (snapshotReader.read(json, snapshot))
                {
                    snapshot.emitSnapshotTo(Venue.KRAKEN_FUTURES, receiveTimeNs, sink, true);
                }
                snapshot.clear();
                if (newestSeq >= 0)
                {
                    sink.onLastTradeId(instrumentId, newestSeq);
                }
                else
                {
                    sink.onSubscribed();
                }
            }
            return 0;
        }
        if (feed != TRADE_FEED)
        {
            return 0;
        }
        if (seen != ALL || priceMantissa <= 0 || sizeMantissa < 0)
        {
            return MALFORMED;
        }
        final int instrumentId = instruments.lookup(Venue.KRAKEN_FUTURES, buffer, symbolOffset, symbolLength);
        if (instrumentId < 0)
        {
            return 0;
        }
        sink.onTrade(scratch.trade().venue(Venue.KRAKEN_FUTURES).instrumentId(instrumentId).exchangeTimeNs(timeNs)
            .receiveTimeNs(receiveTimeNs).priceMantissa(priceMantissa).priceScale(priceScale)
            .quantityMantissa(sizeMantissa).quantityScale(sizeScale).takerSide(side).tradeId(seq));
        return 1;
    }

    /**
     * @return the highest {@code seq} in a snapshot's trades (they come newest first, but the highest is taken
     * whatever the order), -1 for an empty snapshot, {@link #MALFORMED} if a trade has none.
     */
    private static long newestSeq(final JsonCursor json)
    {
        long newest = -1;
        json.beginArray();
        while (json.nextElement())
        {
            if (!json.beginObject())
            {
                return MALFORMED;
            }
            long seq = -1;
            while (json.nextField())
            {
                if (json.stringEquals(SEQ) && json.readLong())
                {
                    seq = json.mantissa();
                }
                else
                {
                    json.skipValue();
                }
            }
            if (seq < 0)
            {
                return MALFORMED;
            }
            newest = Math.max(newest, seq);
        }
        return newest;
    }
}
