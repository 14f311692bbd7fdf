package io.takerflow.fanout;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import io.aeron.Aeron;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

/**
 * The Aeron side of a process: a media driver (embedded in a temporary directory that is deleted on close, or an
 * external one named by {@code aeron.dir}), an Aeron client, and optionally an embedded Aeron Archive.
 * <p>
 * The embedded driver and archive run all their agents on one shared thread that backs off to sleeping when idle:
 * on a laptop or a small box a busy-spinning driver would starve the feed and signal threads. A co-located deployment
 * runs a tuned external driver instead and points {@code aeron.dir} at it. With an archive, the embedded driver lets
 * the archive's local recording count as a subscriber, so the day is recorded even before anyone listens.
 */
public final class AeronLink implements AutoCloseable
{
    /** Term length of the embedded driver's publications: a few thousand signals of window, 3 x 1 MiB of files. */
    public static final int TERM_LENGTH = 1 << 20;

    private final MediaDriver driver;
    private final Archive archive;
    private final Aeron aeron;
    private final Path tempArchiveDir;
    private final String aeronDirectoryName;
    private final ErrorCounter errors;

    private AeronLink(final MediaDriver driver, final Archive archive, final Aeron aeron, final Path tempArchiveDir,
        final String aeronDirectoryName, final ErrorCounter errors)
    {
        this.errors = errors;
        this.driver = driver;
        this.archive = archive;
        this.aeron = aeron;
        this.tempArchiveDir = tempArchiveDir;
        this.aeronDirectoryName = aeronDirectoryName;
    }

    /**
     * Starts (or connects to) a media driver and, when {@code withArchive}, an archive on it.
     *
     * @param aeronDir    an external driver's directory, or null to embed one in a temporary directory.
     * @param withArchive whether to run an embedded archive.
     * @param archiveDir  where recordings go, or null for a temporary directory deleted on close.
     * @param archiveControlChannel the archive's UDP control endpoint, or null for IPC control only.
     * @return the link; close it to stop what it started and delete its temporary directories.
     * @throws IllegalArgumentException naming {@code aeron.dir} or {@code archive.dir} when they cannot be used.
     */
    public static AeronLink open(final Path aeronDir, final boolean withArchive, final Path archiveDir,
        final String archiveControlChannel)
    {
        final ErrorCounter errors = new ErrorCounter();
        MediaDriver driver = null;
        Archive archive = null;
        Aeron aeron = null;
        Path tempArchive = null;
        try
        {
            final String directoryName;
            if (aeronDir == null)
            {
                directoryName = Files.createTempDirectory("takerflow-aeron-").toString();
                driver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(directoryName)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .errorHandler(errors)
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(idle())
                    .publicationTermBufferLength(TERM_LENGTH)
                    .ipcTermBufferLength(TERM_LENGTH)
                    .termBufferSparseFile(true)
                    .spiesSimulateConnection(withArchive));
            }
            else
            {
                if (!Files.isDirectory(aeronDir))
                {
                    throw new IllegalArgumentException(
                        "aeron.dir: no media driver directory at " + aeronDir + " (is the driver running?)");
                }
                directoryName = aeronDir.toString();
            }
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(directoryName)
                .errorHandler(errors)
                .idleSleepDurationNs(TimeUnit.MILLISECONDS.toNanos(1)));
            if (withArchive)
            {
                final File dir;
                if (archiveDir == null)
                {
                    tempArchive = Files.createTempDirectory("takerflow-archive-");
                    dir = tempArchive.toFile();
                }
                else
                {
                    Files.createDirectories(archiveDir);
                    dir = archiveDir.toFile();
                }
                final Archive.Context context = new Archive.Context()
                    .aeronDirectoryName(directoryName)
                    .archiveDir(dir)
                    .errorHandler(errors)
                    .threadingMode(ArchiveThreadingMode.SHARED)
                    .idleStrategySupplier(AeronLink::idle)
                    .recordingEventsEnabled(false)
                    .replicationChannel("aeron:udp?endpoint=localhost:0")
                    .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc"))
                    .controlChannelEnabled(archiveControlChannel != null);
                if (archiveControlChannel != null)
                {
                    context.controlChannel(archiveControlChannel);
                }
                archive = Archive.launch(context);
            }
            return new AeronLink(driver, archive, aeron, tempArchive, directoryName, errors);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(archive, aeron, driver);
            throw new IllegalArgumentException((archiveDir != null ? "archive.dir: " + archiveDir : "aeron.dir") +
                ": cannot create a directory: " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(archive, aeron, driver);
            if (tempArchive != null)
            {
                IoUtil.delete(tempArchive.toFile(), true);
            }
            throw ex;
        }
    }

    /**
     * @return the idle strategy of every agent this link starts: spin a little, yield a little, then sleep up to 1 ms.
     */
    public static IdleStrategy idle()
    {
        return new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    /**
     * @return errors the driver, the archive and the client reported (Aeron's error handler), counted.
     */
    public long errors()
    {
        return errors.count.get();
    }

    /**
     * @return the last error reported, or null.
     */
    public Throwable lastError()
    {
        return errors.last;
    }

    /**
     * Aeron's agents report errors here instead of printing them: counted, the last one kept for the console.
     */
    private static final class ErrorCounter implements ErrorHandler
    {
        private final AtomicLong count = new AtomicLong();
        private volatile Throwable last;

        @Override
        public void onError(final Throwable throwable)
        {
            count.incrementAndGet();
            last = throwable;
        }
    }

    /**
     * @return the Aeron client.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * @return the media driver's directory, embedded or external (what a second process passes as {@code aeron.dir}).
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * @return the embedded archive's directory, or null when no archive runs in this process.
     */
    public Path archiveDirectory()
    {
        return archive == null ? null : archive.context().archiveDir().toPath();
    }

    /**
     * @return whether an archive runs in this process.
     */
    public boolean hasArchive()
    {
        return archive != null;
    }

    /**
     * Connects an archive client to the archive of this driver (over IPC), or to a remote one.
     *
     * @param controlChannel a remote archive's UDP control endpoint, or null for the archive on this driver.
     * @param responseChannel where a remote archive answers, e.g. {@code aeron:udp?endpoint=my-host:0}; ignored for
     * IPC.
     * @return a connected archive client; close it before this link.
     */
    public AeronArchive connectArchive(final String controlChannel, final String responseChannel)
    {
        final AeronArchive.Context context = new AeronArchive.Context().aeron(aeron).ownsAeronClient(false);
        if (controlChannel == null)
        {
            context.controlRequestChannel("aeron:ipc")
                .controlRequestStreamId(FanoutSettings.ARCHIVE_LOCAL_CONTROL_STREAM_ID)
                .controlResponseChannel("aeron:ipc");
        }
        else
        {
            context.controlRequestChannel(controlChannel)
                .controlRequestStreamId(FanoutSettings.ARCHIVE_CONTROL_STREAM_ID)
                .controlResponseChannel(responseChannel);
        }
        return AeronArchive.connect(context);
    }

    /**
     * Closes the client, the archive and the embedded driver, and deletes the temporary directories.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, archive, driver);
        if (tempArchiveDir != null)
        {
            IoUtil.delete(tempArchiveDir.toFile(), true);
        }
    }
}
