package io.takerflow.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.agrona.concurrent.status.CountersReader;

import io.takerflow.engine.EngineCounters;
import io.takerflow.engine.EngineErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shows a running engine's counters, read from the counters file it maps into its journal directory.
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = "Show a running engine's counters (events, per-venue messages, gaps, reconnects, connect " +
        "failures, refused subscriptions, malformed frames, ring waits, subscriber drops, errors), the distinct " +
        "errors with how often each happened (why a venue cannot connect, a listener that threw, a journal that " +
        "stopped) and latency per venue and stage (exchange -> receive, receive -> ring, " +
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
            printErrors(out, RunFiles.errorLogFile(journal));
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
     * The engine's distinct errors (why a venue cannot connect, a refused subscription, a stale feed, a listener that
     * threw, a journal that stopped), each with how often it happened and when last, and where it was thrown.
     */
    private static void printErrors(final PrintWriter out, final Path file)
    {
        if (!java.nio.file.Files.exists(file))
        {
            return;
        }
        try
        {
            final java.util.List<String> lines = new java.util.ArrayList<>();
            EngineErrors.readFile(file, (count, first, last, text) ->
            {
                lines.add(String.format("  %,6d x  last %s  %s", count, java.time.Instant.ofEpochMilli(last),
                    EngineErrors.summary(text)));
                final String where = thrownAt(text);
                if (where != null)
                {
                    lines.add("            " + where);
                }
            });
            if (!lines.isEmpty())
            {
                out.println("errors (distinct):");
                lines.forEach(out::println);
            }
        }
        catch (final IOException ex)
        {
            out.println("errors: cannot read " + file + ": " + ex.getMessage());
        }
    }

    /**
     * @return the exception's class and the first stack frame ("IllegalStateException at Strategy.onSignal(...)"), or
     * null for an error reported in words alone.
     */
    private static String thrownAt(final String text)
    {
        final int end = text.indexOf('\n');
        if (end < 0)
        {
            return null;
        }
        final String first = text.substring(0, end);
        final int colon = first.indexOf(':');
        final String type = colon < 0 ? first.strip() : first.substring(0, colon);
        final int frameEnd = text.indexOf('\n', end + 1);
        final String frame = text.substring(end + 1, frameEnd < 0 ? text.length() : frameEnd).strip();
        return frame.startsWith("at ") ? type.substring(type.lastIndexOf('.') + 1) + " " + frame : null;
    }
}
