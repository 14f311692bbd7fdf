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
 * Coinbase Advanced Trade: {@code market_trades} and {@code heartbeats} channels, one subscribe message each,
 * acknowledged on the {@code subscriptions} channel or refused by {@code "type":"error"}. Every subscribe brings a
 * {@code snapshot} of recent trades (past volume: it seeds the gate, never flow). Trade ids grow but are not
 * treated as consecutive. The {@code heartbeats} channel only proves the socket, not the trade subscription, so
 * staleness is judged on trades.
 */
public final class CoinbaseAdvancedProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final CoinbaseAdvancedProtocol INSTANCE = new CoinbaseAdvancedProtocol();

    private CoinbaseAdvancedProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.COINBASE_ADVANCED;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://advanced-trade-ws.coinbase.com");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        final String products = VenueProtocol.quoted(symbols);
        return List.of(
            "{\"type\":\"subscribe\",\"product_ids\":" + products + ",\"channel\":\"market_trades\"}",
            "{\"type\":\"subscribe\",\"product_ids\":" + products + ",\"channel\":\"heartbeats\"}");
    }

    @Override
    public long typicalTradeId()
    {
        return 891_000_001L;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.INCREASING;
    }

    /**
     * @return the public market trades ({@link CoinbaseAdvancedTradeHistory}): only the latest trades, so a gap is
     * recovered as far back as they reach and the rest is reported.
     */
    @Override
    public TradeHistory tradeHistory()
    {
        return CoinbaseAdvancedTradeHistory.INSTANCE;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new CoinbaseAdvancedTradeDecoder(instruments);
    }
}
