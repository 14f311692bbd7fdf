package io.takerflow.fanout;

/**
 * What happened to a remote stream, beside the signals themselves: who joined, when the publisher restarted, what was
 * missed and when a catch-up from the archive reached the live stream. Called on the thread that polls
 * {@link RemoteSignals}; every method has an empty default.
 */
public interface StreamEvents
{
    /**
     * The first message of a publisher session arrived.
     *
     * @param sessionId the publisher's Aeron session.
     * @param late      whether the session had published before this subscriber joined (its earlier signals were not
     *                  seen here; the archive has them if it records the stream).
     */
    default void onJoin(final int sessionId, final boolean late)
    {
    }

    /**
     * Messages arrived from a new publisher session: the engine restarted (or a second publisher appeared). Sequence
     * numbers start again and every market's values come afresh from the new session.
     *
     * @param previousSessionId the session seen until now.
     * @param sessionId         the new one.
     */
    default void onPublisherRestart(final int previousSessionId, final int sessionId)
    {
    }

    /**
     * A gap in the sequence: signals the publisher conflated for a slow subscriber, dropped, or published before
     * this subscriber joined.
     *
     * @param count how many signals were not seen.
     */
    default void onSignalsMissed(final long count)
    {
    }

    /**
     * A gap in the input (trade and feed status) sequence.
     *
     * @param count how many inputs were not seen.
     */
    default void onInputsMissed(final long count)
    {
    }

    /**
     * A replay from the archive caught up with the live stream; from now on messages come live, none repeated and
     * none skipped at the switch.
     *
     * @param position the stream position of the switch.
     */
    default void onLive(final long position)
    {
    }
}
