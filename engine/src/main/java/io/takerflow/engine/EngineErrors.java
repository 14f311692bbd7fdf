package io.takerflow.engine;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.BufferUtil;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The engine's one error handler: every error of a run (a listener or handler that threw, a journal that stopped, a
 * feed that cannot connect, an agent thread that failed) is counted in {@code errors} and recorded once per
 * distinct error in an Agrona {@link DistinctErrorLog}, with how often and when it was first and last seen. Errors
 * never travel through the ring: the ring carries market facts only.
 * <p>
 * The log lives in memory or in a file ({@link #mapFile}) that {@code takerflow stat} reads from another process
 * ({@link #readFile}), like Aeron's CnC error log. Nothing here prints; what to show a user is the caller's choice.
 * A repeated error allocates nothing here (the log matches it against the distinct ones it holds), so a listener
 * that throws on every event costs a count, not garbage. Safe to use from every thread.
 * <p>
 * After {@link #close()} (the engine's counters may be unmapped by then) an error is still recorded in the log, but
 * no longer counted: e.g. a journal queue that does not close cleanly after the engine stopped.
 */
public final class EngineErrors implements ErrorHandler, AutoCloseable
{
    /** Bytes of the distinct error log: room for a few hundred distinct stack traces. */
    public static final int LOG_BYTES = 1 << 20;

    private final AtomicBuffer buffer;
    private final DistinctErrorLog log;
    private final AtomicCounter errors;
    private final AtomicCounter unlogged;
    @SuppressWarnings("unused") // keeps the file mapped as long as the log is used
    private final MappedByteBuffer mapped;
    private volatile boolean closed;

    private EngineErrors(
        final AtomicBuffer buffer, final MappedByteBuffer mapped, final AtomicCounter errors,
            final AtomicCounter unlogged)
    {
        this.buffer = buffer;
        this.mapped = mapped;
        this.errors = errors;
        this.unlogged = unlogged;
        this.log = new DistinctErrorLog(buffer, SystemEpochClock.INSTANCE);
    }

    /**
     * @param errors   counts every error, or null for none.
     * @param unlogged counts errors the full log could not record, or null for none.
     * @return a handler whose log lives in this process's memory.
     */
    public static EngineErrors inMemory(final AtomicCounter errors, final AtomicCounter unlogged)
    {
        return new EngineErrors(new UnsafeBuffer(BufferUtil.allocateDirectAligned(LOG_BYTES, 64)), null, errors,
            unlogged);
    }

    /**
     * Creates (or replaces) an error log file that {@link #readFile} reads while the engine runs.
     *
     * @param file     where the log lives.
     * @param errors   counts every error, or null for none.
     * @param unlogged counts errors the full log could not record, or null for none.
     * @return a handler whose log lives in the file.
     * @throws IllegalArgumentException naming the file if it cannot be created.
     */
    public static EngineErrors mapFile(final Path file, final AtomicCounter errors, final AtomicCounter unlogged)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(file);
            final MappedByteBuffer mapped = IoUtil.mapNewFile(file.toFile(), LOG_BYTES, true);
            return new EngineErrors(new UnsafeBuffer(mapped), mapped, errors, unlogged);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException("error log file " + file + " cannot be created: " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads an error log file written by a running (or finished) engine.
     *
     * @param file     a file created by {@link #mapFile}.
     * @param consumer given each distinct error: how often, first and last time (epoch ms), the stack trace.
     * @return how many distinct errors were read.
     * @throws IOException if the file cannot be read.
     */
    public static int readFile(final Path file, final ErrorConsumer consumer) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final UnsafeBuffer copy = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, bytes.length), 64));
        copy.putBytes(0, bytes);
        return ErrorLogReader.read(copy, consumer);
    }

    /**
     * @param text an error as the log holds it (a stack trace).
     * @return its first line without the exception's class name when it has a message: what happened, in words.
     */
    public static String summary(final String text)
    {
        final int end = text.indexOf('\n');
        final String line = (end < 0 ? text : text.substring(0, end)).strip();
        final int colon = line.indexOf(": ");
        return colon > 0 && line.lastIndexOf(' ', colon) < 0 ? line.substring(colon + 2) : line;
    }

    /**
     * Counts the error and records it in the distinct error log.
     *
     * @param error what went wrong.
     */
    @Override
    public void onError(final Throwable error)
    {
        final boolean counted = !closed;
        if (counted && errors != null)
        {
            errors.increment();
        }
        if (!log.record(error) && counted && unlogged != null)
        {
            unlogged.increment();
        }
    }

    /**
     * Reads the distinct errors recorded so far, oldest first.
     *
     * @param consumer given each distinct error: how often, first and last time (epoch ms), the stack trace.
     * @return how many distinct errors were read.
     */
    public int read(final ErrorConsumer consumer)
    {
        return ErrorLogReader.read(buffer, consumer);
    }

    /**
     * Stops counting (the engine's counters are about to be unmapped); later errors are still recorded in the log. A
     * file stays mapped until this handler is collected, so a thread still reporting as the engine closes never
     * writes to an unmapped page.
     */
    @Override
    public void close()
    {
        closed = true;
    }
}
