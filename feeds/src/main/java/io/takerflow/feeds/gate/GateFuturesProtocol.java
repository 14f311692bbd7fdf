package io.takerflow.feeds.gate;

import java.net.URI;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * Gate futures WebSocket v4, USDT-settled by default ({@code /v4/ws/usdt}; BTC-settled contracts live at
 * {@code /v4/ws/btc}, set as the venue's url): {@code {"time":..,"channel":"futures.trades","event":"subscribe",
 * "payload":[..]}}, answered with {@code "error":null} or refused with an error. {@code time} is "Request time in
 * seconds. Gap between request time and server time must not exceed 60 seconds", so the message is built anew for
 * every connection (a reconnect hours later sends the time of that reconnect). The client sends
 * {@code futures.ping}; its {@code futures.pong} is a keep-alive, not data. Nothing is replayed on subscribe. Trade
 * ids grow per contract but are not promised consecutive, so a reconnect is a gap of unknown size. USDT-settled
 * contracts are quanto, sized in contracts of the contract's {@code quanto_multiplier} (BTC_USDT: 0.0001 BTC), which
 * must be configured; BTC-settled {@code _USD} contracts are inverse, 1 USD each.
 */
public final class GateFuturesProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final GateFuturesProtocol INSTANCE = new GateFuturesProtocol();
    /** How often {@code futures.ping} goes out. */
    public static final long PING_INTERVAL_NS = 15L * 1_000_000_000L;

    private GateFuturesProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.GATE_FUTURES;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://fx-ws.gateio.ws/v4/ws/usdt");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        return List.of("{\"time\":" + System.currentTimeMillis() / 1000 +
            ",\"channel\":\"futures.trades\",\"event\":\"subscribe\",\"payload\":" + VenueProtocol.quoted(symbols) +
            "}");
    }

    @Override
    public String clientPing()
    {
        return "{\"channel\":\"futures.ping\"}";
    }

    @Override
    public long clientPingIntervalNs()
    {
        return PING_INTERVAL_NS;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.INCREASING;
    }

    /**
     * @return {@code futures/{settle}/trades} over the gap's span of time, paged by offset
     * ({@link GateFuturesTradeHistory}): a reconnect's gap is bounded by the ids and times of the trades either side.
     */
    @Override
    public TradeHistory tradeHistory()
    {
        return GateFuturesTradeHistory.INSTANCE;
    }

    @Override
    public SizeConvention sizeConvention(final String symbol)
    {
        return symbol.endsWith("_USD") || symbol.matches(".*_USD_\\d{8}") ? SizeConvention.INVERSE :
            SizeConvention.QUANTO;
    }

    @Override
    public String contractSizeNeeded(final String symbol)
    {
        return sizeConvention(symbol) == SizeConvention.INVERSE ?
            "Gate " + symbol + " is BTC-settled, sized in USD contracts (inverse: base = size x contractValue / " +
            "price);" +
            " the contract value is 1 USD" :
            "Gate futures trade in contracts: set the contract's quanto_multiplier (BTC_USDT: 0.0001)";
    }

    @Override
    public long typicalTradeId()
    {
        return 15_366_793L;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new GateFuturesTradeDecoder(instruments);
    }
}
