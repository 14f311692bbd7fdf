package io.takerflow.engine.latency;

import io.takerflow.engine.input.Venue;

/**
 * Which venue's trade the signal thread is working on now, so an asynchronous subscription can tell the telemetry
 * which venue each signal it hands over came from. Written and read on the signal thread only (the subscription notes
 * it in the entry it queues), never by the signal handler's state, so replays stay deterministic.
 */
public final class SignalSource
{
    /** What {@link #venueOrdinal()} says while the event is not a trade (a feed status, a clock tick). */
    public static final int NO_VENUE = -1;

    private int venueOrdinal = NO_VENUE;

    /**
     * @param venue the venue of the trade about to be applied, or null when the event is not a trade.
     */
    public void set(final Venue venue)
    {
        venueOrdinal = venue == null ? NO_VENUE : venue.ordinal();
    }

    /**
     * @return the ordinal of the venue whose trade is being applied, or {@link #NO_VENUE}.
     */
    public int venueOrdinal()
    {
        return venueOrdinal;
    }
}
