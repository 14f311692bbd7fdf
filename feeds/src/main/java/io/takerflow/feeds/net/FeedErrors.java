package io.takerflow.feeds.net;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
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

    private final AtomicBuffer buffer = new UnsafeBuffer(new byte[LOG_BYTES]);
    private final DistinctErrorLog log = new DistinctErrorLog(buffer, SystemEpochClock.INSTANCE);
    private final AtomicCounter errors;
    private final ErrorHandler printer;

    /**
     * @param errors  counts every error.
     * @param printer shown each distinct error once (e.g. a line on the terminal).
     */
    public FeedErrors(final AtomicCounter errors, final ErrorHandler printer)
    {
        this.errors = errors;
        this.printer = printer;
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
        errors.increment();
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
        ErrorLogReader.read(buffer, (count, first, last, text) ->
        {
            final int end = text.indexOf('\n');
            final String line = end < 0 ? text : text.substring(0, end);
            final String prefix = FeedProblem.class.getName() + ": ";
            messages.add(line.startsWith(prefix) ? line.substring(prefix.length()) : line);
        });
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
