package io.takerflow.engine.latency;

/**
 * The stages a trade's latency is split into, each measured on its own histogram.
 */
public enum LatencyStage
{
    /** Venue trade time to frame received: feed lag, as far as the venue's clock (often milliseconds) allows. */
    FEED_LAG("feed_lag", "exchange -> receive"),
    /** Frame received to event published on the ring: decode and trade gate. */
    DECODE("decode", "receive -> ring"),
    /** Published on the ring to the signal handler done with it (including synchronous listeners). */
    SIGNAL("signal", "ring -> signal done"),
    /** Signal handed to an asynchronous subscription to its subscriber called with it. */
    SUBSCRIBER("subscriber", "signal -> subscriber");

    private static final LatencyStage[] VALUES = values();

    private final String tag;
    private final String description;

    LatencyStage(final String tag, final String description)
    {
        this.tag = tag;
        this.description = description;
    }

    /**
     * @return the short name used in interval-log tags, e.g. {@code feed_lag}.
     */
    public String tag()
    {
        return tag;
    }

    /**
     * @return what the stage spans, in words, e.g. {@code exchange -> receive}.
     */
    public String description()
    {
        return description;
    }

    /**
     * @param ordinal as returned by {@link #ordinal()}.
     * @return the stage, without allocating.
     */
    public static LatencyStage fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
