package io.takerflow.feeds.binance;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * Binance USD-M futures ({@code @aggTrade}) and spot ({@code @trade}) combined streams. The subscription is in the
 * URL ({@code ?streams=btcusdt@aggTrade}), so no acknowledgement comes: data proves it. The server sends WebSocket
 * pings (answered by Netty) and closes every connection after 24 h, announced by {@code serverShutdown}; the feed
 * switches connections make-before-break an hour before. Trade ids ({@code t}, aggregate {@code a}) are consecutive
 * per symbol. A request error is {@code {"error":{"code":..,"msg":..}}}.
 */
public final class BinanceProtocol implements VenueProtocol
{
    /** Binance USD-M futures. */
    public static final BinanceProtocol USDM = new BinanceProtocol(Venue.BINANCE_USDM,
        URI.create("wss://fstream.binance.com/market/stream"), "@aggTrade", 2_874_000_001L, BinanceTradeHistory.USDM);
    /** Binance spot. */
    public static final BinanceProtocol SPOT = new BinanceProtocol(Venue.BINANCE_SPOT,
        URI.create("wss://stream.binance.com:9443/stream"), "@trade", 5_112_000_001L, BinanceTradeHistory.SPOT);
    /** Binance closes every connection after 24 h; rotate a little before. */
    public static final long ROTATE_AFTER_NS = 23L * 3600 * 1_000_000_000L;

    private final Venue venue;
    private final URI endpoint;
    private final String stream;
    private final long typicalTradeId;
    private final TradeHistory history;

    private BinanceProtocol(
        final Venue venue, final URI endpoint, final String stream, final long typicalTradeId,
        final TradeHistory history)
    {
        this.history = history;
        this.typicalTradeId = typicalTradeId;
        this.venue = venue;
        this.endpoint = endpoint;
        this.stream = stream;
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
    public URI connectUri(final URI endpoint, final List<String> symbols)
    {
        if (endpoint.getRawQuery() != null)
        {
            return endpoint;
        }
        final StringBuilder streams = new StringBuilder();
        for (final String symbol : symbols)
        {
            streams.append(streams.length() == 0 ? "" : "/").append(symbol.toLowerCase(Locale.ROOT)).append(stream);
        }
        return URI.create(endpoint + "?streams=" + streams);
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        return List.of();
    }

    @Override
    public long rotateAfterNs()
    {
        return ROTATE_AFTER_NS;
    }

    @Override
    public long typicalTradeId()
    {
        return typicalTradeId;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.CONSECUTIVE;
    }

    @Override
    public boolean acknowledgesSubscription()
    {
        return false;
    }

    @Override
    public TradeHistory tradeHistory()
    {
        return history;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new BinanceTradeDecoder(venue, instruments);
    }
}
