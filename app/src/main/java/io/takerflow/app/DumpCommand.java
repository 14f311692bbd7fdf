package io.takerflow.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.takerflow.journal.JournalDump;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Exports a journal's trades, feed status events and signals as CSV or JSON lines; {@code all} is one stream in
 * ring order with the run header first.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = {"Export a journal as CSV or JSON lines: trades, status events, signals (with regime changes), or " +
        "all of it as one stream in ring order: the run header with the whole configuration first, then every " +
        "input (trades, status, clock ticks, history samples), each followed by the regime changes and signals it " +
        "produced. Doubles are written in the shortest form that reads back exactly."})
final class DumpCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal directory")
    private Path journal;

    @Option(names = "--what", paramLabel = "trades|status|signals|all", defaultValue = "trades",
        description = "what to export: trades, status, signals, or all (default: ${DEFAULT-VALUE})")
    private String what;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "csv",
        description = "output format (default: ${DEFAULT-VALUE})")
    private String format;

    @Override
    public Integer call()
    {
        JournalOption.require(spec, journal);
        final JournalDump.What selection;
        try
        {
            selection = JournalDump.What.valueOf(what.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--what: '" + what + "' is not trades, status, signals or all");
        }
        final boolean csv = OutputFormat.parse(spec, format);
        JournalDump.write(journal, selection, csv ? JournalDump.Format.CSV : JournalDump.Format.JSONL,
            spec.commandLine().getOut());
        return 0;
    }
}
