package io.takerflow.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started as a library user or {@code java -jar} would start it: without {@code jvm.flags}'
 * {@code -Dchronicle.analytics.disable=true} and without JUnit on the class path (Chronicle mutes its analytics
 * when JUnit is present, which is why the other journal tests could never see it), with a fresh home directory.
 * It journals trades and must neither try a network connection (a {@code ProxySelector} sees every URL connection)
 * nor leave Chronicle's analytics client id in its home.
 */
final class NoPhoneHomeTest
{
    @TempDir
    Path dir;

    @Test
    void aJournalInAJvmWithoutTheFlagNeverTriesTheNetwork() throws Exception
    {
        final Path home = Files.createDirectories(dir.resolve("home"));
        final Path log = dir.resolve("writer.log");
        final Path flags = dir.resolve("jvm.flags");
        final List<String> kept = Files.readAllLines(Path.of(JournalCrashTest.flagsFile())).stream()
            .filter(line -> !line.contains("chronicle.analytics")).collect(Collectors.toList());
        Files.write(flags, kept);
        final String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("junit") && !entry.contains("opentest4j") &&
                !entry.contains("apiguardian"))
            .collect(Collectors.joining(File.pathSeparator));
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + flags, "-Xmx256m",
            "-Duser.home=" + home, "-cp", classPath, JournalWriterProcess.class.getName(),
            dir.resolve("journal").toString(), "20000"));
        final Process writer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .start();
        try
        {
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).as("writer finished in time").isTrue();
        }
        finally
        {
            writer.destroyForcibly();
        }
        final String output = Files.readString(log);
        assertThat(writer.exitValue()).as(output).isZero();
        assertThat(output).contains("chronicle.analytics.disable=null")
            .contains("after open chronicle.analytics.disable=true").contains("DONE")
            .doesNotContain("NETWORK ATTEMPT").doesNotContain("Client id");
        try (Stream<Path> files = Files.list(home))
        {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("chronicle"));
        }
    }
}
