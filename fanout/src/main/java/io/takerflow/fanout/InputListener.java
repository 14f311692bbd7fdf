package io.takerflow.fanout;

import io.takerflow.engine.input.InputEvent;

/**
 * Receives the trades and feed statuses a publisher puts on its stream when {@code publish.trades} is true,
 * restored into an {@link InputEvent} exactly as they entered the publisher's ring (instrument ids refer to the
 * publisher's instrument catalog). The event is reused; copy what you keep.
 */
@FunctionalInterface
public interface InputListener
{
    /**
     * @param event a TRADE or FEED_STATUS event.
     */
    void onInput(InputEvent event);
}
