package io.takerflow.app;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

/**
 * Checks a {@code --journal DIR} argument before a journal tool opens it.
 */
final class JournalOption
{
    private JournalOption()
    {
    }

    static Path require(final CommandLine.Model.CommandSpec spec, final Path journal)
    {
        if (!Files.isDirectory(journal.resolve("input")))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--journal: no takerflow journal in " + journal.toAbsolutePath());
        }
        return journal;
    }
}
