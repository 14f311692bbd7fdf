package io.takerflow.feeds;


import java.net.URI;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;

/**
 * Every fact about one venue's public trade feed, in one object per venue package: where to connect and how to
 * subscribe, which application pings it wants, how long it keeps a connection, what its trade ids promise, which
 * messages prove the subscription alive, and its decoder (which tells trades from acknowledgements, errors,
 * heartbeats, snapshots and notices). The connection state machine asks this object and knows no venue by name;
 * adding a venue means adding one package with one of these and listing it in {@link io.takerflow.feeds.venues.VenueProtocols}.
 */
public interface VenueProtocol
{
    /**
     * @return the venue.
     */
    Venue venue();

    /**
     * @return its public trade endpoint (for Binance, the stream path without the {@code ?streams=} query).
     */
    URI defaultEndpoint();

    /**
     * @param endpoint the endpoint (default or configured).
     * @param symbols  wire symbols.
     * @return the URL to connect to; venues that subscribe in the URL (Binance) add the streams here.
     */
    default URI connectUri(final URI endpoint, final List<String> symbols)
    {
        return endpoint;
    }

    /**
     * @param symbols wire symbols.
     * @return the text messages to send once the WebSocket is open, in order (none for a URL subscription).
     */
    List<String> subscribeMessages(List<String> symbols);

    /**
     * @return the text the client sends as an application ping, or null if the venue needs none.
     */
    default String clientPing()
    {
        return null;
    }

    /**
     * @return the text the client sends when the venue asks for a sign of life ({@link FrameSink#onKeepAliveRequest()},
     * Deribit's {@code test_request}), or null if the venue never asks.
     */
    default String keepAliveReply()
    {
        return null;
    }

    /**
     * @param symbol a wire symbol.
     * @return how the symbol's trade sizes become base units ({@link SizeConvention#LINEAR} unless the venue says
     * otherwise); configuration refuses an inverse or quanto symbol whose contract value or multiplier is not set.
     */
    default SizeConvention sizeConvention(final String symbol)
    {
        return SizeConvention.LINEAR;
    }

    /**
     * @return true if the venue's keep-alive is a WebSocket ping frame (RFC 6455 control frame, answered by the
     * server with a pong) rather than a text message: sent every {@link #clientPingIntervalNs()} when
     * {@link #clientPing()} is null.
     */
    default boolean pingsWithFrames()
    {
        return false;
    }

    /**
     * @return how often to send {@link #clientPing()} (or a ping frame), 0 if never.
     */
    default long clientPingIntervalNs()
    {
        return 0;
    }

    /**
     * @return how long to keep a connection before a make-before-break switch to a fresh one, 0 for never.
     */
    default long rotateAfterNs()
    {
        return 0;
    }

    /**
     * @return what the venue documents about its trade ids.
     */
    TradeIds tradeIds();

    /**
     * @return true if the venue acknowledges a subscription with a message; false if only data proves it
     * (a subscription in the URL).
     */
    default boolean acknowledgesSubscription()
    {
        return true;
    }

    /**
     * @param symbol a wire symbol.
     * @return null if its sizes are in base units; otherwise why a contract size (the instrument's multiplier) must
     * be configured, in words for the configuration error.
     */
    default String contractSizeNeeded(final String symbol)
    {
        return null;
    }

    /**
     * @return a trade id of the size the venue's ids have today (the simulator starts its tapes there, so ids look
     * and parse like the venue's).
     */
    default long typicalTradeId()
    {
        return 1_000_001L;
    }

    /**
     * @return the venue's REST trade history (paged by trade id or by time), used to backfill gaps; null if it has none
     * that can recover a gap (the gap is then only reported).
     */
    default TradeHistory tradeHistory()
    {
        return null;
    }

    /**
     * @param instruments the symbols to recognise; others are skipped.
     * @return a new decoder for one thread.
     */
    FrameDecoder newDecoder(InstrumentCatalog instruments);

    /**
     * @param values strings.
     * @return them as a JSON array of strings.
     */
    static String quoted(final List<String> values)
    {
        final StringBuilder out = new StringBuilder("[");
        for (final String value : values)
        {
            out.append(out.length() == 1 ? "" : ",").append('"').append(value).append('"');
        }
        return out.append(']').toString();
    }
}
