package io.takerflow.engine.input;

/**
 * The health of a feed as reported by FEED_STATUS events.
 */
public enum FeedState
{
    /** Subscribed and receiving. */
    CONNECTED,
    /** The connection is down; a reconnect is under way. */
    DISCONNECTED,
    /** Connected but silent for longer than the configured limit. */
    STALE,
    /**
     * Trades are missing: {@link InputEvent#missingCount()} trades were never received, or
     * {@link InputEvent#MISSING_UNKNOWN} for an interval that could not be verified (a reconnect on a venue whose
     * trade ids are not consecutive).
     */
    GAP,
    /**
     * The venue refused the subscription (an error reply to subscribe): the connection is open but carries no
     * data, so the instruments are unhealthy until CONNECTED again (journal code 6).
     */
    REJECTED;

    private static final FeedState[] VALUES = values();

    /**
     * @param ordinal as returned by {@link #ordinal()}.
     * @return the state with that ordinal, without allocating.
     */
    public static FeedState fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
