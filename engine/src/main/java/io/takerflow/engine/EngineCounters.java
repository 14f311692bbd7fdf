package io.takerflow.engine;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import io.takerflow.engine.signal.SignalCounters;

/**
 * Agrona counters for a running engine: events by type, ring waits, subscriber drops, regime changes,
 * and whatever the feeds and journal allocate. Readable while running, from this process through
 * {@link #reader()} or from another process when the counters live in a file (see {@link #mapFile(Path)}).
 */
public final class EngineCounters implements AutoCloseable
{
    /** Counters a file or buffer can hold. */
    public static final int MAX_COUNTERS = 512;
    /** First int of a counters file, so a reader can tell it opened the right thing. */
    public static final int FILE_MAGIC = CountersFileDescriptor.MAGIC;
    /** Header of a counters file: see {@link CountersFileDescriptor}. */
    public static final int FILE_HEADER_LENGTH = CountersFileDescriptor.HEADER_LENGTH;

    private static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    private static final int METADATA_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;

    private final CountersManager manager;
    private final MappedByteBuffer mapped;

    /** Every event the signal handler consumed. */
    public final AtomicCounter events;
    /** TRADE events consumed. */
    public final AtomicCounter trades;
    /** FEED_STATUS events consumed. */
    public final AtomicCounter feedStatusEvents;
    /** CLOCK_TICK events consumed. */
    public final AtomicCounter clockTicks;
    /** HISTORY_SAMPLE events consumed. */
    public final AtomicCounter historySamples;
    /** Regime changes emitted, all markets. */
    public final AtomicCounter regimeChanges;
    /** Times a producer found the ring full and had to wait. */
    public final AtomicCounter ringWaits;
    /** Signals dropped or conflated by asynchronous subscriptions that fell behind. */
    public final AtomicCounter subscriberDrops;
    /** Exceptions thrown by listeners or handlers, caught so the ring carries on. */
    public final AtomicCounter handlerErrors;
    /** Every error reported to the engine's error handler ({@link EngineErrors}), whatever its source. */
    public final AtomicCounter errors;
    /** Errors the distinct error log had no room left to record (they are still counted in {@link #errors}). */
    public final AtomicCounter errorsUnlogged;

    private final SignalCounters signal;

    private EngineCounters(final AtomicBuffer metaData, final AtomicBuffer values, final MappedByteBuffer mapped)
    {
        this.manager = new CountersManager(metaData, values, StandardCharsets.US_ASCII);
        this.mapped = mapped;
        events = allocate("events");
        trades = allocate("events.trade");
        feedStatusEvents = allocate("events.feed_status");
        clockTicks = allocate("events.clock_tick");
        historySamples = allocate("events.history_sample");
        regimeChanges = allocate("signals.regime_changes");
        ringWaits = allocate("ring.waits");
        subscriberDrops = allocate("subscribers.drops");
        handlerErrors = allocate("handler.errors");
        errors = allocate("errors");
        errorsUnlogged = allocate("errors.unlogged");
        signal = new SignalCounters(events, trades, feedStatusEvents, clockTicks, historySamples, regimeChanges,
            handlerErrors);
    }

    /**
     * @return the signal handler's share of these counters (the same counters, as the handler sees them).
     */
    public SignalCounters signal()
    {
        return signal;
    }

    /**
     * @return counters in this process's memory only.
     */
    public static EngineCounters inMemory()
    {
        return new EngineCounters(
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(METADATA_LENGTH, 64)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(VALUES_LENGTH, 64)),
            null);
    }

    /**
     * Creates (or replaces) a counters file that another process, such as {@code takerflow stat}, can map
     * with {@link #readFile(Path)} while this engine runs.
     *
     * @param file where the counters live.
     * @return counters backed by the file.
     */
    public static EngineCounters mapFile(final Path file)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(file);
            final MappedByteBuffer mapped = IoUtil.mapNewFile(
                file.toFile(), CountersFileDescriptor.fileLength(METADATA_LENGTH, VALUES_LENGTH), true);
            final EngineCounters counters = new EngineCounters(
                CountersFileDescriptor.metaDataBuffer(mapped, METADATA_LENGTH),
                CountersFileDescriptor.valuesBuffer(mapped, METADATA_LENGTH, VALUES_LENGTH),
                mapped);
            CountersFileDescriptor.fillHeader(CountersFileDescriptor.headerBuffer(mapped), METADATA_LENGTH,
                VALUES_LENGTH);
            return counters;
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException("counters file " + file + " cannot be created: " + ex.getMessage(), ex);
        }
    }

    /**
     * Maps a counters file written by another process, read-only in spirit.
     *
     * @param file a file created by {@link #mapFile(Path)}.
     * @return a reader over the live values.
     * @throws IOException if the file is missing or not a counters file.
     */
    public static CountersReader readFile(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            throw new IOException("no counters file at " + file + " (is an engine running with that journal?)");
        }
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
        final UnsafeBuffer header = CountersFileDescriptor.headerBuffer(mapped);
        if (!CountersFileDescriptor.isCountersFile(header))
        {
            throw new IOException(file + " is not a Takerflow counters file");
        }
        final String damage = CountersFileDescriptor.checkLengths(header, mapped.capacity());
        if (damage != null)
        {
            throw new IOException(file + " is a damaged Takerflow counters file: " + damage);
        }
        final int metaDataLength = CountersFileDescriptor.metaDataLength(header);
        final int valuesLength = CountersFileDescriptor.valuesLength(header);
        return new CountersReader(
            CountersFileDescriptor.metaDataBuffer(mapped, metaDataLength),
            CountersFileDescriptor.valuesBuffer(mapped, metaDataLength, valuesLength),
            StandardCharsets.US_ASCII);
    }

    /**
     * Allocates a further counter, e.g. one per venue for malformed frames. Call at set-up, not per event.
     *
     * @param label what it counts, dotted, e.g. {@code feed.binance-usdm.malformed}.
     * @return the counter.
     */
    public synchronized AtomicCounter allocate(final String label)
    {
        return manager.newCounter(label);
    }

    /**
     * @return a reader over every counter, for display.
     */
    public CountersReader reader()
    {
        return manager;
    }

    /**
     * @param label a counter label.
     * @return its current value, or -1 if no counter has that label.
     */
    public long valueOf(final String label)
    {
        final long[] found = {-1};
        manager.forEach((value, id, name) ->
        {
            if (name.equals(label))
            {
                found[0] = value;
            }
        });
        return found[0];
    }

    @Override
    public void close()
    {
        if (mapped != null)
        {
            IoUtil.unmap(mapped);
        }
    }
}
