package io.takerflow.feeds;

import io.takerflow.engine.InputEvent;

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
     * The venue stated the id of the last trade it sent for an instrument (e.g. Coinbase heartbeat
     * {@code last_trade_id}), so the connection can detect trades it never received.
     *
     * @param instrumentId the instrument.
     * @param lastTradeId  the venue's last trade id.
     */
    default void onLastTradeId(final int instrumentId, final long lastTradeId)
    {
    }

    /**
     * The venue announced it is about to close the connection (e.g. Binance {@code serverShutdown}).
     */
    default void onServerShutdown()
    {
    }
}
