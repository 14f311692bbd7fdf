package io.takerflow.app;

import picocli.CommandLine;

/**
 * The {@code --format csv|jsonl} option shared by decode, dump and replay.
 */
final class OutputFormat
{
    private OutputFormat()
    {
    }

    /**
     * @return true for csv, false for jsonl.
     * @throws CommandLine.ParameterException naming {@code --format} for anything else.
     */
    static boolean parse(final CommandLine.Model.CommandSpec spec, final String format)
    {
        switch (format)
        {
            case "csv":
                return true;
            case "jsonl":
                return false;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format: '" + format + "' is not csv or jsonl");
        }
    }
}
