package io.takerflow.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.journal.JournalDump;
import io.takerflow.journal.Replay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replays a journal through a fresh signal handler: prints the regime changes, optionally writes every signal,
 * shows progress on a terminal and the final rate.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a journal through a fresh signal handler, as fast as possible or paced.")
final class ReplayCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal directory")
    private Path journal;

    @Option(names = "--from", paramLabel = "T", description = "first time to emit signals for: ISO-8601 instant " +
        "(2026-11-25T09:00:00Z) or epoch ns; earlier events only warm the state")
    private String from;

    @Option(names = "--to", paramLabel = "T", description = "time to stop at (exclusive): ISO-8601 instant or epoch ns")
    private String to;

    @Option(names = "--speed", paramLabel = "X|max", defaultValue = "max",
        description = "max, or a multiple of recorded time such as 1 or 10 (default: ${DEFAULT-VALUE})")
    private String speed;

    @Option(names = "--signals-out", paramLabel = "FILE", description =
        "write every replayed signal and regime change to FILE, in the columns of " +
        "dump --what signals")
    private Path signalsOut;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "csv",
        description = "format of --signals-out (default: ${DEFAULT-VALUE})")
    private String format;

    @Option(names = "--verify", description = "also check that replay reproduces the journaled signals byte for byte")
    private boolean verify;

    @Override
    public Integer call() throws IOException
    {
        JournalOption.require(spec, journal);
        final long fromNs = time("--from", from, Long.MIN_VALUE);
        final long toNs = time("--to", to, Long.MAX_VALUE);
        final double pace = speed();
        final boolean csv = OutputFormat.parse(spec, format);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final boolean terminal = System.console() != null;
        final PrintWriter signals = signalsOut == null ? null :
            new PrintWriter(Files.newBufferedWriter(signalsOut, StandardCharsets.UTF_8));
        final SignalListener lines = signals == null ? null :
            JournalDump.signalLines(csv ? JournalDump.Format.CSV : JournalDump.Format.JSONL, signals);
        final Replay.Result result;
        try
        {
            result = Replay.run(journal, fromNs, toNs, pace, new SignalListener()
            {
                @Override
                public void onSignal(final SignalView s)
                {
                    if (lines != null)
                    {
                        lines.onSignal(s);
                    }
                }

                @Override
                public void onRegimeChange(final RegimeChange change, final SignalView signal)
                {
                    out.println(SignalLine.change(change, signal));
                    if (lines != null)
                    {
                        lines.onRegimeChange(change, signal);
                    }
                }
            }, terminal ? (Replay.Progress)(events, total) -> progressBar(err, events, total) : null);
        }
        finally
        {
            if (signals != null)
            {
                signals.close();
            }
        }
        if (terminal)
        {
            err.println();
        }
        out.printf(Locale.ROOT, "replayed %,d events (%d run(s)), %,d signals, %d regime change(s) in %.3f s: %,.0f " +
            "events/s%n", result.events(), result.runs(), result.signals(), result.regimeChanges(),
            result.elapsedNs() / 1e9,
            result.eventsPerSecond());
        if (verify)
        {
            final Replay.Verification verification = Replay.verify(journal);
            out.println(verification.identical() ?
                "verified: all " + verification.compared() + " journaled signals reproduced byte for byte" :
                "MISMATCH: " + verification);
            out.flush();
            return verification.identical() ? 0 : 1;
        }
        out.flush();
        return 0;
    }

    private static void progressBar(final PrintWriter err, final long events, final long total)
    {
        final int width = 40;
        final double fraction = total <= 0 ? 0 : Math.min(1.0, events / (double)total);
        final int filled = (int)(fraction * width);
        err.print(String.format(Locale.ROOT, "\rreplaying [%s%s] %3.0f%%  %,d of ~%,d events", "#".repeat(filled),
            ".".repeat(width - filled), fraction * 100, events, total));
        err.flush();
    }

    private double speed()
    {
        if (speed.equals("max"))
        {
            return 0;
        }
        try
        {
            final double value = Double.parseDouble(speed);
            if (value > 0 && !Double.isInfinite(value))
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--speed: '" + speed +
            "' is not max or a number > 0");
    }

    private long time(final String option, final String text, final long fallback)
    {
        if (text == null)
        {
            return fallback;
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException notNanos)
        {
            try
            {
                final Instant instant = Instant.parse(text);
                return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
            }
            catch (final DateTimeParseException ex)
            {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    option + ": '" + text + "' is neither an ISO-8601 instant nor epoch nanoseconds");
            }
        }
    }
}
