package io.takerflow.journal;

import java.time.Instant;

/**
 * Where and why a journal stopped writing before its run ended (the file system running out of space, a write
 * that failed). Both queues stop at the same point: the input queue holds every event of the run before
 * {@link #sequence()} and the signal queue every signal those events produced, so what was journaled replays and
 * verifies; nothing from that event on is journaled.
 *
 * @param sequence      ring sequence of the first event that is not journaled.
 * @param receiveTimeNs receive time of that event, epoch nanoseconds.
 * @param inputRecords  events of this run journaled before it.
 * @param reason        why journaling stopped.
 */
public record JournalStop(long sequence, long receiveTimeNs, long inputRecords, String reason)
{
    /**
     * @return one line for the run's summary, e.g. {@code journaling stopped after 35120 events (ring sequence
     * 35120, at 2026-11-26T09:00:01.5Z): only 31 MiB free ...}.
     */
    public String describe()
    {
        return "journaling stopped after " + inputRecords + " events (ring sequence " + sequence + ", at " +
            Instant.ofEpochSecond(0, receiveTimeNs) + "): " + reason;
    }
}
