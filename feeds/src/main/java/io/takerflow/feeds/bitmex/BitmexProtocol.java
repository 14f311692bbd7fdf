package io.takerflow.feeds.bitmex;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * BitMEX realtime: {@code {"op":"subscribe","args":["trade:XBTUSD"]}}, answered per topic by {@code "success":true}
 * or refused with {@code error}; the {@code partial} that follows holds the last trade before the subscription and
 * is never flow. BitMEX asks clients to send the text {@code ping} on a quiet connection; its {@code pong} is a
 * keep-alive, not data. Trade ids ({@code trdMatchID}) are GUIDs: never ordered, so every reconnect is a gap of
 * unknown size, bounded by the times of the trades either side of it and backfilled by time. {@code XBTUSD} and the
 * XBT inverse futures are sized in USD contracts of 1 USD; every other BitMEX contract has its own multiplier, which
 * must be configured.
 */
public final class BitmexProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final BitmexProtocol INSTANCE = new BitmexProtocol();
    /** How often the text ping goes out. */
    public static final long PING_INTERVAL_NS = 20L * 1_000_000_000L;

    private BitmexProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.BITMEX;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://ws.bitmex.com/realtime");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        final List<String> topics = new ArrayList<>();
        for (final String symbol : symbols)
        {
            topics.add("trade:" + symbol);
        }
        return List.of("{\"op\":\"subscribe\",\"args\":" + VenueProtocol.quoted(topics) + "}");
    }

    @Override
    public String clientPing()
    {
        return "ping";
    }

    @Override
    public long clientPingIntervalNs()
    {
        return PING_INTERVAL_NS;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.NONE;
    }

    /**
     * @return the public trades by time ({@link BitmexTradeHistory}): a reconnect's gap, bounded by the times of the
     * trades either side of it, is walked up by time and its trades the gate never published are recovered.
     */
    @Override
    public TradeHistory tradeHistory()
    {
        return BitmexTradeHistory.INSTANCE;
    }

    @Override
    public SizeConvention sizeConvention(final String symbol)
    {
        return symbol.equals("XBTUSD") || symbol.matches("XBT[FGHJKMNQUVXZ]\\d\\d") ?
            SizeConvention.INVERSE : SizeConvention.LINEAR;
    }

    @Override
    public String contractSizeNeeded(final String symbol)
    {
        return sizeConvention(symbol) == SizeConvention.INVERSE ?
            "BitMEX " + symbol + " is sized in USD contracts (inverse: base = size x contractValue / price); the " +
            "contract value is 1 USD" :
            "BitMEX " + symbol + " is sized in contracts with their own multiplier (the instrument's " +
            "underlyingToPositionMultiplier: base units per contract)";
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new BitmexTradeDecoder(instruments);
    }
}
