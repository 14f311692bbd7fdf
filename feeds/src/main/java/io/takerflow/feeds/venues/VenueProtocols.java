package io.takerflow.feeds.venues;

import java.util.EnumMap;
import java.util.Map;

import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.VenueProtocol;
import io.takerflow.feeds.binance.BinanceProtocol;
import io.takerflow.feeds.bitfinex.BitfinexProtocol;
import io.takerflow.feeds.bitmex.BitmexProtocol;
import io.takerflow.feeds.bitstamp.BitstampProtocol;
import io.takerflow.feeds.bybit.BybitProtocol;
import io.takerflow.feeds.coinbase.CoinbaseAdvancedProtocol;
import io.takerflow.feeds.coinbase.CoinbaseExchangeProtocol;
import io.takerflow.feeds.deribit.DeribitProtocol;
import io.takerflow.feeds.gate.GateFuturesProtocol;
import io.takerflow.feeds.hyperliquid.HyperliquidProtocol;
import io.takerflow.feeds.kraken.KrakenProtocol;
import io.takerflow.feeds.krakenfutures.KrakenFuturesProtocol;
import io.takerflow.feeds.okx.OkxProtocol;

/**
 * The list of venue protocols: the one place that names every venue package.
 */
public final class VenueProtocols
{
    private static final Map<Venue, VenueProtocol> PROTOCOLS = new EnumMap<>(Venue.class);

    static
    {
        register(BinanceProtocol.USDM);
        register(BinanceProtocol.SPOT);
        register(CoinbaseExchangeProtocol.INSTANCE);
        register(CoinbaseAdvancedProtocol.INSTANCE);
        register(BybitProtocol.LINEAR);
        register(BybitProtocol.SPOT);
        register(OkxProtocol.INSTANCE);
        register(HyperliquidProtocol.INSTANCE);
        register(BitfinexProtocol.INSTANCE);
        register(KrakenProtocol.INSTANCE);
        register(BitstampProtocol.INSTANCE);
        register(DeribitProtocol.INSTANCE);
        register(BitmexProtocol.INSTANCE);
        register(KrakenFuturesProtocol.INSTANCE);
        register(GateFuturesProtocol.INSTANCE);
    }

    private VenueProtocols()
    {
    }

    private static void register(final VenueProtocol protocol)
    {
        PROTOCOLS.put(protocol.venue(), protocol);
    }

    /**
     * @param venue a venue.
     * @return its protocol.
     * @throws IllegalArgumentException if no package implements it.
     */
    public static VenueProtocol of(final Venue venue)
    {
        final VenueProtocol protocol = PROTOCOLS.get(venue);
        if (protocol == null)
        {
            throw new IllegalArgumentException("no protocol for " + venue.id());
        }
        return protocol;
    }
}
