package io.takerflow.feeds;

import io.takerflow.engine.input.InputEvent;

/**
 * Receives what a {@link FrameDecoder} finds in one WebSocket text frame.
 */
public interface FrameSink
{
    /**
     * A decoded trade, in the decoder's own scratch slot: valid only during the call (publish or copy it).
     *
     * @param trade a TRADE event.
     */
    void onTrade(InputEvent trade);

    /**
     * The venue stated the id of the last trade on an instrument: a heartbeat that proves the subscription is alive
     * (Coinbase {@code heartbeat.last_trade_id}) or a snapshot of past trades sent on subscribe (Coinbase
     * {@code last_match}, Coinbase Advanced {@code "type":"snapshot"}). Never booked as flow: it seeds the trade
     * gate's last id, and an id beyond what was received is a gap.
     *
     * @param instrumentId the instrument.
     * @param lastTradeId  the venue's last trade id.
     */
    default void onLastTradeId(final int instrumentId, final long lastTradeId)
    {
    }

    /**
     * A trade of a snapshot the venue sends on subscribe (Hyperliquid's recent trades, Kraken Futures
     * {@code trade_snapshot}, BitMEX {@code partial}, Bitfinex's snapshot): it happened before the subscription, so it
     * is never flow and the feed ignores it; a reader of recordings ({@code takerflow decode}) may show it, marked.
     * Sent on subscribe only, never on the hot path. Like {@link #onTrade}, valid only during the call.
     *
     * @param trade a TRADE event of the snapshot.
     */
    default void onSnapshotTrade(final InputEvent trade)
    {
    }

    /**
     * The venue announced it is about to close the connection or asked for a reconnect (Binance
     * {@code serverShutdown}, OKX {@code notice} 64008): the connection switches make-before-break.
     */
    default void onServerShutdown()
    {
    }

    /**
     * The venue's sequence over every message of the connection jumped (Bitfinex with {@code conf} flag 65536): that
     * many messages were lost, so trades may be missing on any instrument of the connection, how many is unknown.
     *
     * @param messages messages lost.
     */
    default void onMessagesLost(final long messages)
    {
    }

    /**
     * The venue asked for a sign of life (Deribit {@code test_request}) and closes the connection without one: the
     * connection answers with its protocol's {@link VenueProtocol#keepAliveReply()}. Not market data.
     */
    default void onKeepAliveRequest()
    {
    }

    /**
     * The venue acknowledged the subscription (Coinbase {@code subscriptions}, Bybit {@code "success":true} to
     * subscribe, OKX {@code "event":"subscribe"}).
     */
    default void onSubscribed()
    {
    }

    /**
     * The venue replied with an error or refused the subscription (OKX {@code "event":"error"}, Bybit
     * {@code "success":false}, Coinbase {@code "type":"error"}, Binance {@code "error"}). Not on the hot path:
     * the reason may be turned into a String.
     *
     * @param buffer holds the whole frame, which is the exchange's message.
     * @param offset first byte of the frame.
     * @param length its length.
     */
    default void onRejected(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
    }
}
