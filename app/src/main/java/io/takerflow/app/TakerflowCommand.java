package io.takerflow.app;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code takerflow} command line: one subcommand per job. Misuse (a bad option, a missing file, a journal it
 * cannot use) exits with code 2 and one line naming what was wrong; a run whose journal stopped early (a full disk)
 * exits with code 3.
 */
@Command(
    name = "takerflow",
    mixinStandardHelpOptions = true,
    version = "takerflow 0.1.0",
    description = "Taker-flow and Coinbase-premium regime signals from raw exchange trades.",
    subcommands = {
        DemoCommand.class,
        LiveCommand.class,
        ReplayCommand.class,
        DecodeCommand.class,
        DumpCommand.class,
        StatCommand.class,
        ChartCommand.class,
        ListenCommand.class
    })
public final class TakerflowCommand implements Runnable
{
    /** Exit code for misuse: a bad option, value or file. */
    public static final int USAGE = 2;

    /** Exit code of {@code demo} and {@code live} when journaling stopped before the run ended (e.g. a full disk). */
    public static final int JOURNAL_INCOMPLETE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs a command line with the given streams, for the launcher and for tests.
     *
     * @param args the command line.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit code.
     */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new TakerflowCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, ignored) ->
        {
            err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage() +
                " (see " + qualifiedName(ex.getCommandLine()) + " --help)");
            err.flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, ignored) ->
        {
            if (ex instanceof IllegalArgumentException || ex instanceof io.takerflow.journal.JournalException)
            {
                err.println(qualifiedName(cmd) + ": " + ex.getMessage());
                err.flush();
                return USAGE;
            }
            err.println(qualifiedName(cmd) + ": failed: " + ex);
            err.flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    private static String qualifiedName(final CommandLine commandLine)
    {
        return commandLine.getParent() == null ?
            commandLine.getCommandName() : "takerflow " + commandLine.getCommandName();
    }
}
