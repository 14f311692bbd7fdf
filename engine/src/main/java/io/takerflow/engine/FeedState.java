package io.takerflow.engine;

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
    /** Trade ids jumped: {@link InputEvent#missingCount()} trades were never received. */
    GAP,
    /** The input journal could not be written; signals go on but the run can no longer be replayed in full. */
    JOURNAL_FAILED;

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
