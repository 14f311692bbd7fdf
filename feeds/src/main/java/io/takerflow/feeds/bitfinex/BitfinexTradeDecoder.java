package io.takerflow.feeds.bitfinex;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.JsonDecimal;
import io.takerflow.feeds.TradeBatch;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Bitfinex v2 {@code trades} messages of one connection. Channel messages are arrays
 * {@code [CHANNEL_ID, [[ID, MTS, AMOUNT, PRICE], ..], SEQ]} (the snapshot on subscribe, newest first),
 * {@code [CHANNEL_ID, "te"|"tu", [ID, MTS, AMOUNT, PRICE], SEQ]} and {@code [CHANNEL_ID, "hb", SEQ]}; the channel id
 * is learnt from {@code {"event":"subscribed","channel":"trades","chanId":..,"symbol":"tBTCUSD"}}, so a decoder
 * belongs to one connection. AMOUNT is signed by the TAKER's side: positive, the taker bought; negative, the taker
 * sold (Bitfinex: "the order that causes the trade determines if it is a buy or a sell"); the size is its absolute
 * value. AMOUNT and PRICE are JSON numbers, kept exactly as sent, exponents included ({@code 5e-7}).
 * <p>
 * The snapshot is not flow: only its newest id is passed on, to seed the gate. Of {@code te} and {@code tu}, which
 * carry the same trade, only {@code te} is booked. The sequence number (present once {@code conf} flag 65536 is
 * set) counts every message of the connection by one: a jump means messages were lost, reported as such. Info 20051
 * (server restart) asks for a switch of connection; {@code "event":"error"} is a refusal.
 */
public final class BitfinexTradeDecoder implements FrameDecoder
{
    /** Channels one connection may carry. */
    public static final int MAX_CHANNELS = 64;

    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "channel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL_ID = "chanId".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SYMBOL = "symbol".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE = "code".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS = "status".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADES = "trades".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBED = "subscribed".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "info".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONF = "conf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXECUTED = "te".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPDATED = "tu".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEARTBEAT = "hb".getBytes(StandardCharsets.US_ASCII);
    private static final long SERVER_RESTART = 20051;
    private static final int UNKNOWN_CHANNEL = Integer.MIN_VALUE;

    private final InstrumentCatalog instruments;
    private final JsonCursor json = new JsonCursor();
    private final JsonDecimal number = new JsonDecimal();
    /** Where {@link BitfinexTrade#read} hands a trade: into the batch, for {@link #tradeInstrument}. */
    private final TradeHistory.PageSink toBatch = this::toBatch;
    private int tradeInstrument;
    private boolean batchFull;
    private final TradeBatch batch = new TradeBatch();
    private final long[] channelIds = new long[MAX_CHANNELS];
    private final int[] channelInstruments = new int[MAX_CHANNELS];
    private int channels;
    private long lastSequence;
    private boolean snapshotsAreFlow;

    /**
     * @param instruments maps pairs without the {@code t} prefix ({@code BTCUSD}) to instrument ids.
     */
    public BitfinexTradeDecoder(final InstrumentCatalog instruments)
    {
        this.instruments = instruments;
    }

    /**
     * For proving the taker side on recordings, whose trades are mostly in snapshots: emit snapshot trades as well,
     * oldest first. Never for a live feed.
     *
     * @return this decoder.
     */
    public BitfinexTradeDecoder keepSnapshots()
    {
        snapshotsAreFlow = true;
        return this;
    }

    @Override
    public Venue venue()
    {
        return Venue.BITFINEX;
    }

    @Override
    public int decode(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final FrameSink sink)
    {
        batch.clear();
        final JsonCursor json = this.json.wrap(buffer, offset, length);
        final byte first = json.peek();
        if (first == '{')
        {
            return event(json, buffer, offset, length, sink);
        }
        if (first != '[')
        {
            return MALFORMED;
        }
        json.beginArray();
        if (!json.nextElement() || !json.readLong())
        {
            return MALFORMED;
        }
        final int instrumentId = instrumentOf(json.mantissa());
        if (instrumentId == UNKNOWN_CHANNEL)
        {
            return otherChannel(json, sink);
        }
        if (!json.nextElement())
        {
            return MALFORMED;
        }
        boolean snapshot = false;
        boolean executed = false;
        if (json.peek() == '[')
        {
            snapshot = true;
            if (!json.beginArray())
            {
                return MALFORMED;
            }
            while (json.nextElement())
            {
                if (!trade(json, instrumentId))
                {
                    batch.clear();
                    return MALFORMED;
                }
            }
        }
        else if (json.readString())
        {
            executed = json.stringEquals(EXECUTED);
            final boolean trade = executed || json.stringEquals(UPDATED);
            if (!trade && !json.stringEquals(HEARTBEAT))
            {
                json.skipValue();
            }
            if (trade && (!json.nextElement() || !trade(json, instrumentId)))
            {
                batch.clear();
                return MALFORMED;
            }
        }
        long sequence = 0;
        if (json.nextElement())
        {
            if (json.peek() != '[' && json.readLong())
            {
                sequence = json.mantissa();
            }
            while (json.nextElement())
            {
                json.skipValue();
            }
        }
        if (json.failed() || !json.atEnd())
        {
            batch.clear();
            return MALFORMED;
        }
        onSequence(sequence, sink);
        if (batch.size() == 0)
        {
            batch.clear();
            return 0;
        }
        if (snapshot && !snapshotsAreFlow)
        {
            long newest = batch.tradeId(0);
            for (int i = 1; i < batch.size(); i++)
            {
                newest = Math.max(newest, batch.tradeId(i));
            }
            batch.emitSnapshotTo(Venue.BITFINEX, receiveTimeNs, sink, true);
            sink.onLastTradeId(instrumentId, newest);
            return 0;
        }
        if (!snapshot && !executed)
        {
            batch.clear();
            return 0;
        }
        return batch.emitTo(Venue.BITFINEX, receiveTimeNs, sink, true);
    }

    /**
     * A message of a channel this connection did not subscribe to trades on (a recording's books and tickers):
     * only its sequence number, the last element from the third on, counts.
     */
    private int otherChannel(final JsonCursor json, final FrameSink sink)
    {
        long sequence = 0;
        for (int index = 1; json.nextElement(); index++)
        {
            final byte next = json.peek();
            if (index >= 2 && (next == '-' || (next >= '0' && next <= '9')) && number.read(json))
            {
                sequence = number.scale() == 0 ? number.mantissa() : 0;
            }
            else
            {
                json.skipValue();
                sequence = 0;
            }
        }
        if (json.failed() || !json.atEnd())
        {
            return MALFORMED;
        }
        onSequence(sequence, sink);
        return 0;
    }

    private void onSequence(final long sequence, final FrameSink sink)
    {
        if (sequence <= 0)
        {
            return;
        }
        if (lastSequence > 0 && sequence > lastSequence + 1)
        {
            sink.onMessagesLost(sequence - lastSequence - 1);
        }
        lastSequence = sequence;
    }

    /**
     * One {@code [ID, MTS, AMOUNT, PRICE]} into the batch.
     */
    private boolean trade(final JsonCursor json, final int instrumentId)
    {
        tradeInstrument = instrumentId;
        batchFull = false;
        return BitfinexTrade.read(json, number, toBatch) && !batchFull;
    }

    private void toBatch(
        final long tradeId, final long exchangeTimeNs, final long priceMantissa, final int priceScale,
        final long quantityMantissa, final int quantityScale, final TakerSide takerSide)
    {
        final InputEvent trade = batch.add();
        if (trade == null)
        {
            batchFull = true;
            return;
        }
        trade.instrumentId(tradeInstrument).exchangeTimeNs(exchangeTimeNs).priceMantissa(priceMantissa)
            .priceScale(priceScale).quantityMantissa(quantityMantissa).quantityScale(quantityScale)
            .takerSide(takerSide).tradeId(tradeId);
    }

    private int event(
        final JsonCursor json, final DirectBuffer buffer, final int offset, final int length, final FrameSink sink)
    {
        json.beginObject();
        byte[] event = null;
        boolean trades = false;
        boolean ok = false;
        long channelId = -1;
        long code = 0;
        int symbolOffset = 0;
        int symbolLength = 0;
        while (json.nextField())
        {
            if (json.stringEquals(EVENT))
            {
                if (json.readString())
                {
                    event = json.stringEquals(SUBSCRIBED) ? SUBSCRIBED : json.stringEquals(ERROR) ? ERROR :
                        json.stringEquals(INFO) ? INFO : json.stringEquals(CONF) ? CONF : null;
                }
            }
            else if (json.stringEquals(CHANNEL))
            {
                trades = json.readString() && json.stringEquals(TRADES);
            }
            else if (json.stringEquals(CHANNEL_ID))
            {
                channelId = json.readLong() ? json.mantissa() : -1;
            }
            else if (json.stringEquals(CODE))
            {
                code = json.readLong() ? json.mantissa() : 0;
            }
            else if (json.stringEquals(STATUS))
            {
                ok = json.readString() && json.stringEquals(OK);
            }
            else if (json.stringEquals(SYMBOL))
            {
                if (json.readString())
                {
                    symbolOffset = json.stringOffset();
                    symbolLength = json.stringLength();
                }
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
        if (event == ERROR || (event == CONF && !ok))
        {
            sink.onRejected(buffer, offset, length);
        }
        else if (event == INFO && code == SERVER_RESTART)
        {
            sink.onServerShutdown();
        }
        else if (event == SUBSCRIBED && trades && channelId >= 0 && symbolLength > 1)
        {
            final boolean prefixed = buffer.getByte(symbolOffset) == 't';
            final int instrumentId = instruments.lookup(Venue.BITFINEX, buffer, symbolOffset + (prefixed ? 1 : 0),
                symbolLength - (prefixed ? 1 : 0));
            if (instrumentId >= 0 && channels < MAX_CHANNELS)
            {
                channelIds[channels] = channelId;
                channelInstruments[channels++] = instrumentId;
                sink.onSubscribed();
            }
        }
        return 0;
    }

    private int instrumentOf(final long channelId)
    {
        for (int i = 0; i < channels; i++)
        {
            if (channelIds[i] == channelId)
            {
                return channelInstruments[i];
            }
        }
        return UNKNOWN_CHANNEL;
    }
}
