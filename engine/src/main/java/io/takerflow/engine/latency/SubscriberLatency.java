package io.takerflow.engine.latency;

import io.takerflow.engine.input.Venue;

/**
 * The signal-to-subscriber stage of one asynchronous subscriber: every signal it is handed on one recorder (source
 * {@code subscriber-N}), and the signals that a venue's trade produced also on that venue's recorder (source
 * {@code subscriber-N/venue}), so {@code takerflow stat} shows the hand-over per subscriber and per venue. The
 * subscription's thread is the one writer of all of them; recording allocates nothing.
 */
public final class SubscriberLatency
{
    private final StageRecorder all;
    private final StageRecorder[] byVenue;

    SubscriberLatency(final StageRecorder all, final StageRecorder[] byVenue)
    {
        this.all = all;
        this.byVenue = byVenue;
    }

    /**
     * Records one hand-over; the subscription's thread only. O(1), no allocation.
     *
     * @param venueOrdinal the venue whose trade produced the signal ({@link Venue#ordinal()}), or
     *                     {@link SignalSource#NO_VENUE} for a signal of a feed status or a clock tick.
     * @param latencyNs    from the signal thread handing it over to the subscriber being called with it.
     */
    public void record(final int venueOrdinal, final long latencyNs)
    {
        all.record(latencyNs);
        if (venueOrdinal >= 0 && venueOrdinal < byVenue.length)
        {
            final StageRecorder venue = byVenue[venueOrdinal];
            if (venue != null)
            {
                venue.record(latencyNs);
            }
        }
    }
}
