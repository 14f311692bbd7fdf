package io.takerflow.app;

import java.nio.file.Path;

/**
 * Where a run keeps its files, so that {@code demo}/{@code live} and {@code stat}/{@code replay} agree.
 */
final class RunFiles
{
    /** The journal directory when none is given. */
    static final String DEFAULT_JOURNAL = "takerflow-journal";

    private RunFiles()
    {
    }

    /**
     * @param journal a journal directory.
     * @return the counters file a running engine maps there.
     */
    static Path countersFile(final Path journal)
    {
        return journal.resolve("counters.dat");
    }

    /**
     * @param journal a journal directory.
     * @return the running engine's distinct error log inside it (feeds that cannot connect, refused subscriptions,
     * stale feeds, listeners that threw, a journal that stopped), read by {@code stat}.
     */
    static Path errorLogFile(final Path journal)
    {
        return journal.resolve("errors.dat");
    }

    /**
     * @param journal a journal directory.
     * @return the running engine's latency percentiles per venue and stage inside it, read by {@code stat}.
     */
    static Path latencyFile(final Path journal)
    {
        return journal.resolve("latency.dat");
    }
}
