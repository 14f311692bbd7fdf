package io.takerflow.feeds.venues;

import java.net.URI;
import java.util.List;

import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.VenueProtocol;
import io.takerflow.feeds.binance.BinanceProtocol;
import io.takerflow.feeds.bybit.BybitProtocol;
import io.takerflow.feeds.okx.OkxProtocol;

/**
 * Shortcuts to the venue facts held by each venue's {@link VenueProtocol}, kept for callers that know a venue and
 * want one fact. The facts themselves live in the venue packages.
 */
public final class VenueEndpoints
{
    /** Binance closes every connection after 24 h; rotate a little before. */
    public static final long BINANCE_ROTATE_AFTER_NS = BinanceProtocol.ROTATE_AFTER_NS;
    /** Bybit wants a client ping at least every 20 s. */
    public static final long BYBIT_PING_INTERVAL_NS = BybitProtocol.PING_INTERVAL_NS;
    /** OKX closes a connection silent for 30 s; ping when idle for 20 s. */
    public static final long OKX_PING_INTERVAL_NS = OkxProtocol.PING_INTERVAL_NS;

    private VenueEndpoints()
    {
    }

    /**
     * @param venue a venue.
     * @return its public trade endpoint.
     */
    public static URI defaultEndpoint(final Venue venue)
    {
        return VenueProtocols.of(venue).defaultEndpoint();
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
     * @return the URL to connect to.
     */
    public static URI connectUri(final Venue venue, final URI endpoint, final List<String> symbols)
    {
        return VenueProtocols.of(venue).connectUri(endpoint, symbols);
    }

    /**
     * @param venue   the venue.
     * @param symbols wire symbols.
     * @return the text messages to send once connected, in order.
     */
    public static List<String> subscribeMessages(final Venue venue, final List<String> symbols)
    {
        return VenueProtocols.of(venue).subscribeMessages(symbols);
    }

    /**
     * @param venue a venue.
     * @return the text the client sends as an application ping, or null if the venue needs none.
     */
    public static String clientPing(final Venue venue)
    {
        return VenueProtocols.of(venue).clientPing();
    }

    /**
     * @param venue a venue.
     * @return how often to send {@link #clientPing(Venue)}, 0 if never.
     */
    public static long clientPingIntervalNs(final Venue venue)
    {
        return VenueProtocols.of(venue).clientPingIntervalNs();
    }

    /**
     * @param venue a venue.
     * @return how long to keep a connection before rotating to a fresh one, 0 for no rotation.
     */
    public static long rotateAfterNs(final Venue venue)
    {
        return VenueProtocols.of(venue).rotateAfterNs();
    }
}
