package io.takerflow.feeds.okx;

import java.net.URI;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * OKX v5 public {@code trades}: {@code {"op":"subscribe","args":[{"channel":"trades","instId":..}]}}, answered per
 * argument by {@code "event":"subscribe"} or refused by {@code "event":"error"}. OKX closes a connection silent
 * for 30 s, so the client sends the text {@code ping} when idle (its {@code pong} is a keep-alive, not data), and
 * announces service upgrades with {@code "event":"notice"} code 64008, on which the feed switches connections
 * make-before-break. Trade ids grow per instrument but are not consecutive.
 */
public final class OkxProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final OkxProtocol INSTANCE = new OkxProtocol();
    /** OKX closes a connection silent for 30 s; ping every 20 s. */
    public static final long PING_INTERVAL_NS = 20L * 1_000_000_000L;

    private OkxProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.OKX;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://ws.okx.com:8443/ws/v5/public");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        final StringBuilder args = new StringBuilder();
        for (final String symbol : symbols)
        {
            args.append(args.length() == 0 ? "" : ",")
                .append("{\"channel\":\"trades\",\"instId\":\"").append(symbol).append("\"}");
        }
        return List.of("{\"op\":\"subscribe\",\"args\":[" + args + "]}");
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
    public String contractSizeNeeded(final String symbol)
    {
        return symbol.endsWith("-SWAP") ? "OKX swaps trade in contracts (BTC-USDT-SWAP is 0.01 BTC per contract)" :
            null;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.INCREASING;
    }

    @Override
    public TradeHistory tradeHistory()
    {
        return OkxTradeHistory.INSTANCE;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new OkxTradeDecoder(instruments);
    }
}
