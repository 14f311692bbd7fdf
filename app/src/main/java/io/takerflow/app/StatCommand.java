package io.takerflow.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.agrona.concurrent.status.CountersReader;

import io.takerflow.engine.EngineCounters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shows a running engine's counters, read from the counters file it maps into its journal directory.
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = "Show a running engine's counters (events, per-venue messages, gaps, reconnects, connect " +
        "failures, refused subscriptions, malformed frames, ring waits, subscriber drops), the feeds' distinct " +
        "errors (why a venue cannot connect) and latency per venue and stage (exchange -> receive, receive -> ring, " +
        "ring -> signal done, signal -> each asynchronous subscriber: p50/p90/p99/p99.9/max over the last second " +
        "and since start), refreshed like top.")
final class StatCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--journal", paramLabel = "DIR", description = "journal directory of the running engine " +
        "(default: ${DEFAULT-VALUE})", defaultValue = RunFiles.DEFAULT_JOURNAL)
    private Path journal;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "refresh interval (default: ${DEFAULT-VALUE})",
        defaultValue = "1")
    private double intervalSeconds;

    @Option(names = "--count", paramLabel = "N", description = "stop after N refreshes (default: until Ctrl-C)",
        defaultValue = "0")
    private int count;

    @Override
    public Integer call() throws Exception
    {
        if (!(intervalSeconds > 0))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be > 0");
        }
        final Path file = RunFiles.countersFile(journal);
        final CountersReader reader;
        try
        {
            reader = EngineCounters.readFile(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("--journal: " + ex.getMessage());
        }
        final PrintWriter out = spec.commandLine().getOut();
        final boolean terminal = System.console() != null;
        for (int i = 0; count == 0 || i < count; i++)
        {
            if (i > 0)
            {
                Thread.sleep((long)(intervalSeconds * 1000));
            }
            if (terminal)
            {
                out.print("\033[H\033[2J");
            }
            out.println("takerflow stat  " + file + "  " + java.time.Instant.now());
            reader.forEach((value, id, label) -> out.printf("  %-40s %,16d%n", label, value));
            printFeedErrors(out, RunFiles.feedErrorsFile(journal));
            printLatency(out, RunFiles.latencyFile(journal));
            out.flush();
        }
        return 0;
    }

    /**
     * Per venue and stage (and per asynchronous subscriber): p50/p90/p99/p99.9/max over the engine's last interval and
     * since it started.
     */
    private static void printLatency(final PrintWriter out, final Path file)
    {
        if (!java.nio.file.Files.exists(file))
        {
            return;
        }
        try
        {
            LatencyTable.print(out, io.takerflow.engine.latency.LatencyFile.read(file), true);
        }
        catch (final IOException ex)
        {
            out.println("latency: cannot read " + file + ": " + ex.getMessage());
        }
    }

    /**
     * The feeds' distinct errors (why a venue cannot connect, a refused subscription, a stale feed), each with how
     * often it happened and when last.
     */
    private static void printFeedErrors(final PrintWriter out, final Path file)
    {
        if (!java.nio.file.Files.exists(file))
        {
            return;
        }
        try
        {
            final java.util.List<String> lines = new java.util.ArrayList<>();
            io.takerflow.feeds.net.FeedErrors.readFile(file, (count, first, last, message) -> lines.add(String.format(
                "  %,6d x  last %s  %s", count, java.time.Instant.ofEpochMilli(last), message)));
            if (!lines.isEmpty())
            {
                out.println("feed errors (distinct):");
                lines.forEach(out::println);
            }
        }
        catch (final IOException ex)
        {
            out.println("feed errors: cannot read " + file + ": " + ex.getMessage());
        }
    }
}
