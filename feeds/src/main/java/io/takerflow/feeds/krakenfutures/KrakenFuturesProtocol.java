package io.takerflow.feeds.krakenfutures;

import java.net.URI;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * Kraken Futures WebSocket v1: {@code {"event":"subscribe","feed":"trade","product_ids":[..]}}, answered per product
 * by {@code "event":"subscribed"} or refused by {@code "event":"error"}; the {@code heartbeat} feed is subscribed
 * too, so the connection carries traffic when the market is quiet (its messages are keep-alives, not data). On
 * subscribe Kraken sends a {@code trade_snapshot} of the 100 newest trades, newest first: never flow. {@code seq}
 * counts up by one per product, so a jump, or a snapshot beyond the last trade received, is a gap of known size.
 * Kraken: "In order to keep the websocket connection alive, you will need to make a ping request at least every 60
 * seconds"; Futures v1 documents no ping message of its own (unlike spot's {@code {"event":"ping"}}), so the ping
 * is the WebSocket's own ping frame, sent every 30 s ({@link #PING_INTERVAL_NS}); the heartbeat feed alone is
 * traffic from Kraken, not the ping asked of the client.
 * {@code PI_} (perpetual) and {@code FI_} (fixed maturity) contracts are inverse, 1 USD each; {@code PF_} (multi-
 * collateral) contracts are sized in the base currency.
 */
public final class KrakenFuturesProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final KrakenFuturesProtocol INSTANCE = new KrakenFuturesProtocol();
    /** How often a WebSocket ping frame goes out (Kraken asks for one at least every 60 s). */
    public static final long PING_INTERVAL_NS = 30L * 1_000_000_000L;

    private KrakenFuturesProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.KRAKEN_FUTURES;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://futures.kraken.com/ws/v1");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        return List.of(
            "{\"event\":\"subscribe\",\"feed\":\"trade\",\"product_ids\":" + VenueProtocol.quoted(symbols) + "}",
            "{\"event\":\"subscribe\",\"feed\":\"heartbeat\"}");
    }

    @Override
    public boolean pingsWithFrames()
    {
        return true;
    }

    @Override
    public long clientPingIntervalNs()
    {
        return PING_INTERVAL_NS;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.CONSECUTIVE;
    }

    @Override
    public SizeConvention sizeConvention(final String symbol)
    {
        return symbol.startsWith("PI_") || symbol.startsWith("FI_") ? SizeConvention.INVERSE : SizeConvention.LINEAR;
    }

    @Override
    public String contractSizeNeeded(final String symbol)
    {
        return sizeConvention(symbol) == SizeConvention.INVERSE ?
            "Kraken Futures " + symbol + " is sized in USD contracts (inverse: base = qty x contractValue / price); " +
            "the contract value is 1 USD" : null;
    }

    @Override
    public long typicalTradeId()
    {
        return 103_832L;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new KrakenFuturesTradeDecoder(instruments);
    }
}
