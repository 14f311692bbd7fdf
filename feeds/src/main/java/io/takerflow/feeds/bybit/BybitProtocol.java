package io.takerflow.feeds.bybit;

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
 * Bybit v5 public trades, linear and spot: {@code {"op":"subscribe","args":["publicTrade.BTCUSDT"]}}, answered by
 * {@code "success":true} or refused by {@code "success":false}. The client must send {@code {"op":"ping"}} at
 * least every 20 s; its pong is a keep-alive, not data. Trade ids are strings (UUIDs on linear): never ordered.
 */
public final class BybitProtocol implements VenueProtocol
{
    /** Bybit USDT perpetuals. */
    public static final BybitProtocol LINEAR = new BybitProtocol(Venue.BYBIT_LINEAR,
        URI.create("wss://stream.bybit.com/v5/public/linear"));
    /** Bybit spot. */
    public static final BybitProtocol SPOT = new BybitProtocol(Venue.BYBIT_SPOT,
        URI.create("wss://stream.bybit.com/v5/public/spot"));
    /** Bybit wants a client ping at least every 20 s. */
    public static final long PING_INTERVAL_NS = 20L * 1_000_000_000L;

    private final Venue venue;
    private final URI endpoint;

    private BybitProtocol(final Venue venue, final URI endpoint)
    {
        this.venue = venue;
        this.endpoint = endpoint;
    }

    @Override
    public Venue venue()
    {
        return venue;
    }

    @Override
    public URI defaultEndpoint()
    {
        return endpoint;
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        final List<String> topics = new ArrayList<>();
        for (final String symbol : symbols)
        {
            topics.add("publicTrade." + symbol);
        }
        return List.of("{\"op\":\"subscribe\",\"args\":" + VenueProtocol.quoted(topics) + "}");
    }

    @Override
    public String clientPing()
    {
        return "{\"op\":\"ping\"}";
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
     * @return the latest public trades ({@link BybitTradeHistory}): a reconnect's gap, bounded by the times of the
     * trades either side of it, is recovered as far back as they reach and the rest reported.
     */
    @Override
    public TradeHistory tradeHistory()
    {
        return venue == Venue.BYBIT_SPOT ? BybitTradeHistory.SPOT : BybitTradeHistory.LINEAR;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new BybitTradeDecoder(venue, instruments);
    }
}
