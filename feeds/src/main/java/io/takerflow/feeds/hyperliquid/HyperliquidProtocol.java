package io.takerflow.feeds.hyperliquid;

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
 * Hyperliquid {@code trades}: one {@code {"method":"subscribe","subscription":{"type":"trades","coin":..}}} per
 * coin, each answered by {@code "channel":"subscriptionResponse"} or refused by {@code "channel":"error"}. The first
 * {@code trades} push per coin after subscribing is a snapshot of recent trades (30 in the recording), never flow.
 * Hyperliquid closes a connection that has sent nothing for 60 s, so the client sends {@code {"method":"ping"}}
 * (answered by {@code "channel":"pong"}, a keep-alive, not data). Trade ids ({@code tid}) are neither consecutive
 * nor ordered: they are remembered to drop copies, and every reconnect is a gap of unknown size, recovered as far as
 * the latest trades reach. Perpetual sizes
 * ({@code sz}) are in the coin: base units.
 */
public final class HyperliquidProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final HyperliquidProtocol INSTANCE = new HyperliquidProtocol();
    /** Hyperliquid closes a connection after 60 s without a message from the client; ping every 30 s. */
    public static final long PING_INTERVAL_NS = 30L * 1_000_000_000L;

    private HyperliquidProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.HYPERLIQUID;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://api.hyperliquid.xyz/ws");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        final List<String> messages = new ArrayList<>(symbols.size());
        for (final String coin : symbols)
        {
            messages.add("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"trades\",\"coin\":\"" + coin + "\"}}");
        }
        return messages;
    }

    @Override
    public String clientPing()
    {
        return "{\"method\":\"ping\"}";
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
     * @return the latest public trades ({@link HyperliquidTradeHistory}, {@code POST /info} {@code recentTrades}): a
     * reconnect's gap, bounded by the times of the trades either side of it, is recovered as far back as they reach
     * and the rest reported.
     */
    @Override
    public TradeHistory tradeHistory()
    {
        return HyperliquidTradeHistory.INSTANCE;
    }

    @Override
    public long typicalTradeId()
    {
        return 121_451_470_284_048L;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new HyperliquidTradeDecoder(instruments);
    }
}
