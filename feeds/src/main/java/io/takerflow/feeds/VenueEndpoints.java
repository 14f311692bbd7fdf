package io.takerflow.feeds;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.takerflow.engine.Venue;

/**
 * Everything Takerflow knows about reaching each venue, in one place: default endpoint, how the subscription is
 * made (in the URL or by messages), client heartbeats, whether trade ids are consecutive, and how long the venue
 * keeps a connection open.
 */
public final class VenueEndpoints
{
    /** Binance closes every connection after 24 h; rotate a little before. */
    public static final long BINANCE_ROTATE_AFTER_NS = 23L * 3600 * 1_000_000_000L;
    /** Bybit wants a client ping at least every 20 s. */
    public static final long BYBIT_PING_INTERVAL_NS = 20L * 1_000_000_000L;
    /** OKX closes a connection silent for 30 s; ping when idle for 20 s. */
    public static final long OKX_PING_INTERVAL_NS = 20L * 1_000_000_000L;

    private VenueEndpoints()
    {
    }

    /**
     * @param venue a venue.
     * @return its public trade endpoint (for Binance, the stream path without the {@code ?streams=} query).
     */
    public static URI defaultEndpoint(final Venue venue)
    {
        switch (venue)
        {
            case BINANCE_USDM:
                return URI.create("wss://fstream.binance.com/market/stream");
            case BINANCE_SPOT:
                return URI.create("wss://stream.binance.com:9443/stream");
            case COINBASE:
                return URI.create("wss://ws-feed.exchange.coinbase.com");
            case COINBASE_ADVANCED:
                return URI.create("wss://advanced-trade-ws.coinbase.com");
            case BYBIT_LINEAR:
                return URI.create("wss://stream.bybit.com/v5/public/linear");
            case BYBIT_SPOT:
                return URI.create("wss://stream.bybit.com/v5/public/spot");
            case OKX:
                return URI.create("wss://ws.okx.com:8443/ws/v5/public");
            default:
                throw new IllegalArgumentException("no endpoint for " + venue.id());
        }
    }

    /**
     * @return the default REST base of Binance USD-M, where {@code /fapi/v1/klines} lives.
     */
    public static URI binanceUsdmRest()
    {
        return URI.create("https://fapi.binance.com");
    }

    /**
     * @param venue    the venue.
     * @param endpoint its endpoint (default or configured).
     * @param symbols  wire symbols.
     * @return the URL to connect to; Binance subscribes in the URL ({@code ?streams=btcusdt@aggTrade}).
     */
    public static URI connectUri(final Venue venue, final URI endpoint, final List<String> symbols)
    {
        if ((venue == Venue.BINANCE_USDM || venue == Venue.BINANCE_SPOT) && endpoint.getRawQuery() == null)
        {
            final String stream = venue == Venue.BINANCE_USDM ? "@aggTrade" : "@trade";
            final StringBuilder streams = new StringBuilder();
            for (final String symbol : symbols)
            {
                streams.append(streams.length() == 0 ? "" : "/").append(symbol.toLowerCase(Locale.ROOT)).append(stream);
            }
            return URI.create(endpoint + "?streams=" + streams);
        }
        return endpoint;
    }

    /**
     * @param venue   the venue.
     * @param symbols wire symbols.
     * @return the text messages to send once connected, in order.
     */
    public static List<String> subscribeMessages(final Venue venue, final List<String> symbols)
    {
        final List<String> messages = new ArrayList<>();
        switch (venue)
        {
            case COINBASE:
                messages.add("{\"type\":\"subscribe\",\"product_ids\":" + quoted(symbols) +
                    ",\"channels\":[\"matches\",\"heartbeat\"]}");
                break;
            case COINBASE_ADVANCED:
                messages.add("{\"type\":\"subscribe\",\"product_ids\":" + quoted(symbols) + ",\"channel\":\"market_trades\"}");
                messages.add("{\"type\":\"subscribe\",\"product_ids\":" + quoted(symbols) + ",\"channel\":\"heartbeats\"}");
                break;
            case BYBIT_LINEAR:
            case BYBIT_SPOT:
                final List<String> topics = new ArrayList<>();
                for (final String symbol : symbols)
                {
                    topics.add("publicTrade." + symbol);
                }
                messages.add("{\"op\":\"subscribe\",\"args\":" + quoted(topics) + "}");
                break;
            case OKX:
                final StringBuilder args = new StringBuilder();
                for (final String symbol : symbols)
                {
                    args.append(args.length() == 0 ? "" : ",")
                        .append("{\"channel\":\"trades\",\"instId\":\"").append(symbol).append("\"}");
                }
                messages.add("{\"op\":\"subscribe\",\"args\":[" + args + "]}");
                break;
            default:
                break;
        }
        return messages;
    }

    /**
     * @param venue a venue.
     * @return the text the client sends as an application ping, or null if the venue needs none.
     */
    public static String clientPing(final Venue venue)
    {
        switch (venue)
        {
            case BYBIT_LINEAR:
            case BYBIT_SPOT:
                return "{\"op\":\"ping\"}";
            case OKX:
                return "ping";
            default:
                return null;
        }
    }

    /**
     * @param venue a venue.
     * @return how often to send {@link #clientPing(Venue)}, 0 if never.
     */
    public static long clientPingIntervalNs(final Venue venue)
    {
        switch (venue)
        {
            case BYBIT_LINEAR:
            case BYBIT_SPOT:
                return BYBIT_PING_INTERVAL_NS;
            case OKX:
                return OKX_PING_INTERVAL_NS;
            default:
                return 0;
        }
    }

    /**
     * @param venue a venue.
     * @return true if its trade ids count up by one per trade per instrument, so a jump is a gap
     * (Binance {@code t}/{@code a}, Coinbase {@code trade_id}).
     */
    public static boolean consecutiveTradeIds(final Venue venue)
    {
        return venue == Venue.BINANCE_USDM || venue == Venue.BINANCE_SPOT || venue == Venue.COINBASE;
    }

    /**
     * @param venue a venue.
     * @return true if trade ids only grow, so anything at or below the last id is a duplicate.
     */
    public static boolean increasingTradeIds(final Venue venue)
    {
        return venue != Venue.BYBIT_LINEAR;
    }

    /**
     * @param venue a venue.
     * @return how long to keep a connection before rotating to a fresh one, 0 for no rotation.
     */
    public static long rotateAfterNs(final Venue venue)
    {
        return venue == Venue.BINANCE_USDM || venue == Venue.BINANCE_SPOT ? BINANCE_ROTATE_AFTER_NS : 0;
    }

    private static String quoted(final List<String> values)
    {
        final StringBuilder out = new StringBuilder("[");
        for (final String value : values)
        {
            out.append(out.length() == 1 ? "" : ",").append('"').append(value).append('"');
        }
        return out.append(']').toString();
    }
}
