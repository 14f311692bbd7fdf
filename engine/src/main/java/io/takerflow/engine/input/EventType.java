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
    HISTORY_SAMPLE;

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
