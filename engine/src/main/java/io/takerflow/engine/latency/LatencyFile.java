package io.takerflow.engine.latency;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The latency figures of a running engine in a memory-mapped file, so {@code takerflow stat} can show them from
 * another process. The telemetry agent rewrites every row once per interval behind a sequence lock (odd while
 * writing); a reader retries a torn copy. Writing allocates nothing.
 * <pre>
 * header (64 bytes): int magic, int layout version, int rows, int 0, long sequence lock,
 *                    long interval start (epoch ms), long interval end (epoch ms), long start (epoch ms)
 * row (144 bytes):   int stage ordinal, int source length, 40 bytes source (ASCII),
 *                    6 longs for the last interval (count, p50, p90, p99, p99.9, max in ns), 6 longs since start
 * </pre>
 */
public final class LatencyFile implements AutoCloseable
{
    /** First int of the file. */
    public static final int MAGIC = 0x54464C54;
    /** Layout version; a reader refuses another. */
    public static final int VERSION = 2;
    /** Rows a file holds. */
    public static final int MAX_ROWS = 256;
    /** Longest source name kept. */
    public static final int MAX_SOURCE_LENGTH = 40;

    private static final int HEADER_LENGTH = 64;
    private static final int ROW_LENGTH = 144;
    private static final int ROWS_OFFSET = 8;
    private static final int LOCK_OFFSET = 16;
    private static final int INTERVAL_START_OFFSET = 24;
    private static final int INTERVAL_END_OFFSET = 32;
    private static final int START_OFFSET = 40;
    private static final int SOURCE_OFFSET = 8;
    private static final int INTERVAL_OFFSET = 48;
    private static final int TOTAL_OFFSET = 96;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private LatencyFile(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Creates (or replaces) the file.
     *
     * @param file    where.
     * @param startMs when the engine started, epoch milliseconds.
     * @return the writer.
     */
    static LatencyFile create(final Path file, final long startMs)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(file);
            final LatencyFile latency = new LatencyFile(
                IoUtil.mapNewFile(file.toFile(), HEADER_LENGTH + (long)MAX_ROWS * ROW_LENGTH, true));
            latency.buffer.putInt(4, VERSION);
            latency.buffer.putLong(START_OFFSET, startMs);
            latency.buffer.putIntVolatile(0, MAGIC);
            return latency;
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException("latency file " + file + " cannot be created: " + ex.getMessage(), ex);
        }
    }

    void beginWrite(final long intervalStartMs, final long intervalEndMs)
    {
        final long lock = buffer.getLong(LOCK_OFFSET);
        buffer.putLongVolatile(LOCK_OFFSET, lock + 1);
        buffer.putLong(INTERVAL_START_OFFSET, intervalStartMs);
        buffer.putLong(INTERVAL_END_OFFSET, intervalEndMs);
    }

    void writeRow(final int row, final StageRecorder recorder)
    {
        final int at = HEADER_LENGTH + row * ROW_LENGTH;
        buffer.putInt(at, recorder.stage().ordinal());
        final String source = recorder.source();
        final int length = Math.min(source.length(), MAX_SOURCE_LENGTH);
        buffer.putInt(at + 4, length);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(at + SOURCE_OFFSET + i, (byte)source.charAt(i));
        }
        putPercentiles(at + INTERVAL_OFFSET, recorder.lastInterval());
        putPercentiles(at + TOTAL_OFFSET, recorder.total());
    }

    void endWrite(final int rows)
    {
        buffer.putInt(ROWS_OFFSET, rows);
        final long lock = buffer.getLong(LOCK_OFFSET);
        buffer.putLongVolatile(LOCK_OFFSET, lock + 1);
    }

    private void putPercentiles(final int at, final Histogram histogram)
    {
        buffer.putLong(at, histogram.getTotalCount());
        buffer.putLong(at + 8, histogram.getValueAtPercentile(50));
        buffer.putLong(at + 16, histogram.getValueAtPercentile(90));
        buffer.putLong(at + 24, histogram.getValueAtPercentile(99));
        buffer.putLong(at + 32, histogram.getValueAtPercentile(99.9));
        buffer.putLong(at + 40, histogram.getMaxValue());
    }

    /**
     * Reads the rows of a file another process writes.
     *
     * @param file a file written by a running (or finished) engine.
     * @return its rows, in the engine's order (venues, then subscribers).
     * @throws IOException if the file is missing, not a latency file, or of another layout version.
     */
    public static List<LatencyRow> read(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            throw new IOException("no latency file at " + file);
        }
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            if (buffer.capacity() < HEADER_LENGTH || buffer.getIntVolatile(0) != MAGIC)
            {
                throw new IOException(file + " is not a Takerflow latency file");
            }
            if (buffer.getInt(4) != VERSION)
            {
                throw new IOException(file + " has latency layout version " + buffer.getInt(4) + ", expected " +
                    VERSION);
            }
            final long deadlineNs = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadlineNs)
            {
                final long before = buffer.getLongVolatile(LOCK_OFFSET);
                if ((before & 1) != 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                    continue;
                }
                final List<LatencyRow> rows = new ArrayList<>();
                final int count = Math.min(buffer.getInt(ROWS_OFFSET), MAX_ROWS);
                for (int row = 0; row < count; row++)
                {
                    final int at = HEADER_LENGTH + row * ROW_LENGTH;
                    final int stage = buffer.getInt(at);
                    final int length = buffer.getInt(at + 4);
                    if (stage < 0 || stage >= LatencyStage.values().length || length < 0 || length > MAX_SOURCE_LENGTH)
                    {
                        break;
                    }
                    rows.add(new LatencyRow(buffer.getStringWithoutLengthAscii(at + SOURCE_OFFSET, length),
                        LatencyStage.fromOrdinal(stage), percentiles(buffer, at + INTERVAL_OFFSET),
                        percentiles(buffer, at + TOTAL_OFFSET)));
                }
                if (buffer.getLongVolatile(LOCK_OFFSET) == before && rows.size() == count)
                {
                    return rows;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
            throw new IOException(file + " kept changing for 2 s while being read");
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static LatencyRow.Percentiles percentiles(final UnsafeBuffer buffer, final int at)
    {
        return new LatencyRow.Percentiles(buffer.getLong(at), buffer.getLong(at + 8), buffer.getLong(at + 16),
            buffer.getLong(at + 24), buffer.getLong(at + 32), buffer.getLong(at + 40));
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
