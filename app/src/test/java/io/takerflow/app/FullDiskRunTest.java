package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.journal.Journal;

/**
 * {@code takerflow demo} journaling to a small file system (a tmpfs mounted for the test) that something else fills
 * up mid-run: the run carries on, its summary says that journaling stopped and where, it exits with code 3, and
 * {@code replay --verify} accepts what was journaled. Needs root and permission to mount (as on CI); skipped with a
 * message otherwise.
 */
final class FullDiskRunTest
{
    @TempDir
    Path dir;

    @Test
    void aDemoWhoseDiskFillsUpSaysJournalingStoppedAndWhereAndExitsWithThree() throws Exception
    {
        final Path mount = Files.createDirectories(dir.resolve("small-fs"));
        final long size = Journal.MIN_FREE_BYTES + (32L << 20);
        final Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + (size >> 20) + "m", "tmpfs",
            mount.toString()).redirectErrorStream(true).start();
        final boolean exited = mounting.waitFor(30, TimeUnit.SECONDS);
        final String said = new String(mounting.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(exited && mounting.exitValue() == 0, "assumption: this test mounts a tmpfs, which needs root and " +
            "mount permission; here mount said: " + said.strip());
        try
        {
            final Path journal = mount.resolve("journal");
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> TakerflowCommand.execute(
                new String[] {"demo", "--seconds", "3", "--journal", journal.toString()}, new PrintWriter(out),
                new PrintWriter(err)));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!hasQueueFile(journal.resolve("input")))
            {
                assertThat(System.nanoTime()).as("the demo started journaling in time").isLessThan(deadline);
                assertThat(demo.isDone()).as("demo still running: %s", err).isFalse();
                Thread.sleep(20);
            }
            fill(mount.resolve("filler"), Files.getFileStore(mount).getUsableSpace() - (Journal.STOP_FREE_BYTES >> 1));
            final int code = demo.get(90, TimeUnit.SECONDS);

            assertThat(code).as("exit code; stdout: %s stderr: %s", out, err)
                .isEqualTo(TakerflowCommand.JOURNAL_INCOMPLETE);
            assertThat(out.toString()).contains("summary:").containsPattern(
                "INCOMPLETE: journaling stopped after \\d+ events \\(ring sequence \\d+, at [-0-9T:.]+Z\\): " +
                "only \\d+ MiB free");
            final StringWriter replayOut = new StringWriter();
            final StringWriter replayErr = new StringWriter();
            final int verified = TakerflowCommand.execute(new String[] {"replay", "--journal", journal.toString(),
                "--verify", "--signals-out", dir.resolve("signals.csv").toString()}, new PrintWriter(replayOut),
                new PrintWriter(replayErr));
            assertThat(verified).as("replay --verify: %s %s", replayOut, replayErr).isZero();
        }
        finally
        {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static boolean hasQueueFile(final Path queue) throws Exception
    {
        if (!Files.isDirectory(queue))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(queue))
        {
            return files.anyMatch(f -> f.toString().endsWith(".cq4"));
        }
    }

    private static void fill(final Path file, final long bytes) throws Exception
    {
        final ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            for (long written = 0; written < bytes; )
            {
                block.clear().limit((int)Math.min(block.capacity(), bytes - written));
                written += channel.write(block);
            }
        }
    }
}
