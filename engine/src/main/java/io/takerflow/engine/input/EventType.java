package io.takerflow.engine.input;

/**
 * What an {@link InputEvent} slot carries. Everything that changes signal state is one of these.
 */
public enum EventType
{
    /** A public trade with its taker side. */
    TRADE,
    /** A change in a feed's health: connected, disconnected, stale, a gap in trade ids, or a journal failure. */
    FEED_STATUS,
    /** The passage of time, so windows close when no trade arrives. */
    CLOCK_TICK,
    /** One closed period of taker volume from history (e.g. an exchange kline) that seeds the Z-score. */
    HISTORY_SAMPLE,
    /**
     * One closed bar of taker volume from history (e.g. a 1-minute exchange kline) that fills a bucket of the flow
     * window at start, so the window is full before the first live trade (warm start).
     */
    WINDOW_SAMPLE;

    private static final EventType[] VALUES = values();

    /**
     * @param ordinal as returned by {@link #ordinal()}.
     * @return the type with that ordinal, without allocating.
     */
    public static EventType fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
