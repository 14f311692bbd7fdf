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
     * @return the running engine's distinct feed errors (connect failures, refusals, stale feeds) inside it.
     */
    static Path feedErrorsFile(final Path journal)
    {
        return journal.resolve("feed-errors.dat");
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
