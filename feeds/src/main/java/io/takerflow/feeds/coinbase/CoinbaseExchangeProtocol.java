package io.takerflow.feeds.coinbase;

import java.net.URI;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * Coinbase Exchange: {@code matches} and {@code heartbeat} channels by a subscribe message, acknowledged by a
 * {@code subscriptions} reply or refused by {@code "type":"error"}. Each subscribe brings a {@code last_match} (a
 * past trade: it seeds the gate, never flow). Trade ids are consecutive per product, and the heartbeat's
 * {@code last_trade_id} proves the subscription alive: equal to the last trade received, the market was idle;
 * beyond it, trades were missed.
 */
public final class CoinbaseExchangeProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final CoinbaseExchangeProtocol INSTANCE = new CoinbaseExchangeProtocol();

    private CoinbaseExchangeProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.COINBASE;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://ws-feed.exchange.coinbase.com");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        return List.of("{\"type\":\"subscribe\",\"product_ids\":" + VenueProtocol.quoted(symbols) +
            ",\"channels\":[\"matches\",\"heartbeat\"]}");
    }

    @Override
    public long typicalTradeId()
    {
        return 891_000_001L;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.CONSECUTIVE;
    }

    @Override
    public TradeHistory tradeHistory()
    {
        return CoinbaseExchangeTradeHistory.INSTANCE;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new CoinbaseMatchDecoder(instruments);
    }
}
