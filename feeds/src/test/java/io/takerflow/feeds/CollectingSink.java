package io.takerflow.feeds;

import java.util.ArrayList;
import java.util.List;

import io.takerflow.engine.input.InputEvent;

/**
 * Keeps a copy of everything a decoder emits.
 */
public final class CollectingSink implements FrameSink
{
    /** Copies of the trades decoded. */
    public final List<InputEvent> trades = new ArrayList<>();
    /** {instrument id, last trade id} pairs a venue reported. */
    public final List<long[]> lastTradeIds = new ArrayList<>();
    /** Server shutdown notices. */
    public int shutdowns;
    /** Subscription acknowledgements. */
    public int subscribed;
    /** Keep-alive requests the venue sent. */
    public int keepAliveRequests;
    /** Error replies and refused subscriptions, as text. */
    public final List<String> rejections = new ArrayList<>();
    /** Counts of messages the venue said were lost. */
    public final List<Long> lostMessages = new ArrayList<>();

    @Override
    public void onTrade(final InputEvent trade)
    {
        trades.add(new InputEvent().copyFrom(trade));
    }

    @Override
    public void onLastTradeId(final int instrumentId, final long lastTradeId)
    {
        lastTradeIds.add(new long[] {instrumentId, lastTradeId});
    }

    @Override
    public void onServerShutdown()
    {
        shutdowns++;
    }

    @Override
    public void onKeepAliveRequest()
    {
        keepAliveRequests++;
    }

    @Override
    public void onSubscribed()
    {
        subscribed++;
    }

    @Override
    public void onRejected(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        rejections.add(buffer.getStringWithoutLengthAscii(offset, length));
    }

    @Override
    public void onMessagesLost(final long messages)
    {
        lostMessages.add(messages);
    }

    public void clear()
    {
        lostMessages.clear();
        trades.clear();
        lastTradeIds.clear();
        shutdowns = 0;
        subscribed = 0;
        keepAliveRequests = 0;
        rejections.clear();
    }
}
