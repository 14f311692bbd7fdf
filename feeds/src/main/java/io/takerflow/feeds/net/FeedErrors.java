package io.takerflow.feeds.net;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * The one place feed errors go: every error is counted ({@code feed.errors}), recorded in an Agrona
 * {@link DistinctErrorLog} (each distinct message once, with how often and when it was last seen) and passed to a
 * printing handler once per distinct message, so a failing connection says why without flooding the terminal.
 * Safe to use from every feed thread.
 */
public final class FeedErrors implements ErrorHandler
{
    private static final int LOG_BYTES = 1 << 16;

    private final AtomicBuffer buffer;
    private final DistinctErrorLog log;
    private final AtomicCounter errors;
    private final ErrorHandler printer;

    /**
     * @param errors  counts every error, or null for no counter.
     * @param printer shown each distinct error once (e.g. a line on the terminal).
     */
    public FeedErrors(final AtomicCounter errors, final ErrorHandler printer)
    {
        this(errors, printer, new UnsafeBuffer(BufferUtil.allocateDirectAligned(LOG_BYTES, 64)));
    }

    private FeedErrors(final AtomicCounter errors, final ErrorHandler printer, final AtomicBuffer buffer)
    {
        this.errors = errors;
        this.printer = printer;
        this.buffer = buffer;
        this.log = new DistinctErrorLog(buffer, SystemEpochClock.INSTANCE);
    }

    /**
     * Feed errors kept in a file, so {@code takerflow stat} can show them while the engine runs.
     *
     * @param file    created (replaced if it exists).
     * @param errors  counts every error.
     * @param printer shown each distinct error once.
     * @return the handler.
     * @throws UncheckedIOException if the file cannot be created.
     */
    public static FeedErrors mapFile(final Path file, final AtomicCounter errors, final ErrorHandler printer)
    {
        try
        {
            Files.deleteIfExists(file);
            final MappedByteBuffer mapped = IoUtil.mapNewFile(file.toFile(), LOG_BYTES);
            return new FeedErrors(errors, printer, new UnsafeBuffer(mapped));
        }
        catch (final IOException | IllegalStateException ex)
        {
            throw new UncheckedIOException(file + ": cannot create the feed error log", ex instanceof IOException ?
                (IOException)ex : new IOException(ex));
        }
    }

    /**
     * Reads a feed error log file written by {@link #mapFile}.
     *
     * @param file     the file.
     * @param consumer given each distinct error: how often, first and last time (epoch ms), the message.
     * @return how many distinct errors were read.
     * @throws IOException if the file cannot be read.
     */
    public static int readFile(final Path file, final ErrorConsumer consumer) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final UnsafeBuffer copy = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, bytes.length), 64));
        copy.putBytes(0, bytes);
        return ErrorLogReader.read(copy, (count, first, last, text) ->
            consumer.accept(count, first, last, firstLine(text)));
    }

    private static String firstLine(final String text)
    {
        final int end = text.indexOf('\n');
        final String line = end < 0 ? text : text.substring(0, end);
        final String prefix = FeedProblem.class.getName() + ": ";
        return line.startsWith(prefix) ? line.substring(prefix.length()) : line;
    }

    /**
     * @param out where to print.
     * @return a handler printing {@code takerflow: <message>} lines.
     */
    public static ErrorHandler printingTo(final PrintStream out)
    {
        return error -> out.println("takerflow: " + error.getMessage());
    }

    @Override
    public void onError(final Throwable error)
    {
        if (errors != null)
        {
            errors.increment();
        }
        final boolean first = !seen(error.getMessage());
        log.record(error);
        if (first)
        {
            printer.onError(error);
        }
    }

    /**
     * Reports a feed problem described in words.
     *
     * @param message what happened, naming the venue.
     */
    public void report(final String message)
    {
        onError(new FeedProblem(message));
    }

    /**
     * @return every distinct message recorded so far, oldest first.
     */
    public List<String> distinctMessages()
    {
        final List<String> messages = new ArrayList<>();
        ErrorLogReader.read(buffer, (count, first, last, text) -> messages.add(firstLine(text)));
        return messages;
    }

    private synchronized boolean seen(final String message)
    {
        final String wanted = FeedProblem.class.getName() + ": " + message;
        final boolean[] found = {false};
        ErrorLogReader.read(buffer, (count, first, last, text) -> found[0] |= text.startsWith(wanted));
        return found[0];
    }

    /**
     * A feed problem described by its message alone: no stack trace (it would say nothing and cost an allocation
     * per frame).
     */
    static final class FeedProblem extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        FeedProblem(final String message)
        {
            super(message, null, false, false);
        }
    }
}
