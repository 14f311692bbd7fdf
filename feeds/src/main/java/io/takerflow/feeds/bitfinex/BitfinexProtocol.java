package io.takerflow.feeds.bitfinex;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * Bitfinex v2 public {@code trades}: first {@code {"event":"conf","flags":65536}} (SEQ_ALL: every message of the
 * connection carries a sequence number as its last element, so a lost message is seen), then one
 * {@code {"event":"subscribe","channel":"trades","symbol":"tBTCUSD"}} per pair, each acknowledged by
 * {@code "event":"subscribed"} with the channel id the pair's messages carry, or refused by {@code "event":"error"}.
 * The first message of a channel is a snapshot of the 30 newest trades, newest first: not flow. Every trade comes as
 * {@code te} (executed) and again as {@code tu} (update) with the same id: only {@code te} is booked. Bitfinex sends
 * a heartbeat {@code hb} per idle channel every 15 s (a keep-alive, not data), and info 20051 before restarting
 * a server, on which the feed switches connections. Trade ids grow per pair but skip values. Configured symbols are
 * the pair without Bitfinex's {@code t} prefix ({@code BTCUSD}); sizes are in the base currency.
 */
public final class BitfinexProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final BitfinexProtocol INSTANCE = new BitfinexProtocol();
    /** SEQ_ALL: a sequence number on every message. */
    public static final int SEQUENCE_ALL_FLAG = 65536;

    private BitfinexProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.BITFINEX;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://api-pub.bitfinex.com/ws/2");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        final List<String> messages = new ArrayList<>(symbols.size() + 1);
        messages.add("{\"event\":\"conf\",\"flags\":" + SEQUENCE_ALL_FLAG + "}");
        for (final String pair : symbols)
        {
            messages.add("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"t" + pair + "\"}");
        }
        return messages;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.INCREASING;
    }

    /**
     * @return {@code trades/t{SYMBOL}/hist}, paged by time ({@link BitfinexTradeHistory}): a reconnect's gap is
     * bounded by the ids and times of the trades either side of it.
     */
    @Override
    public TradeHistory tradeHistory()
    {
        return BitfinexTradeHistory.INSTANCE;
    }

    @Override
    public long typicalTradeId()
    {
        return 1_669_899_159L;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new BitfinexTradeDecoder(instruments);
    }
}
