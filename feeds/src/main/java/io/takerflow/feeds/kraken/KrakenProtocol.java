package io.takerflow.feeds.kraken;

import java.net.URI;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * Kraken spot WebSocket v1 {@code trade}: {@code {"event":"subscribe","pair":["XBT/USD",..],
 * "subscription":{"name":"trade"}}}, answered per pair by {@code "event":"subscriptionStatus"} with
 * {@code "status":"subscribed"} and the channel id the pair's messages carry, or {@code "status":"error"} with the
 * {@code errorMessage}. There is no snapshot on subscribe. Kraken sends {@code {"event":"heartbeat"}} about once a
 * second while the connection has nothing else to send: a keep-alive of the connection, not data. v1 trades carry
 * no trade id: each gets a stable hash of its time, price, size, side and place in its message, used only to drop
 * copies, so every reconnect is a gap of unknown size. Pairs are written as Kraken writes them ({@code XBT/USD});
 * sizes are in the base currency.
 */
public final class KrakenProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final KrakenProtocol INSTANCE = new KrakenProtocol();

    private KrakenProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.KRAKEN;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://ws.kraken.com/");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        return List.of("{\"event\":\"subscribe\",\"pair\":" + VenueProtocol.quoted(symbols) +
            ",\"subscription\":{\"name\":\"trade\"}}");
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.NONE;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new KrakenTradeDecoder(instruments);
    }
}
