package io.takerflow.feeds.net;

import java.util.ArrayList;
import java.util.List;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.AtomicCounter;

import io.takerflow.engine.EngineErrors;

/**
 * Where feed errors go: every error is counted ({@code feed.errors}) and handed to the engine's error handler
 * ({@link EngineErrors}: counted in {@code errors}, each distinct message kept once with how often and when it was
 * last seen, in the file {@code takerflow stat} reads). Nothing is printed. Safe to use from every feed thread.
 */
public final class FeedErrors implements ErrorHandler
{
    private static final String PROBLEM_PREFIX = FeedProblem.class.getName() + ": ";

    private final AtomicCounter errors;
    private final EngineErrors log;

    /**
     * @param errors counts every feed error, or null for no counter.
     * @param log    the engine's error handler, which keeps every distinct error.
     */
    public FeedErrors(final AtomicCounter errors, final EngineErrors log)
    {
        this.errors = errors;
        this.log = log;
    }

    /**
     * Counts the error in {@code feed.errors} and hands it to the engine's error handler.
     *
     * @param error what went wrong.
     */
    @Override
    public void onError(final Throwable error)
    {
        if (errors != null)
        {
            errors.increment();
        }
        log.onError(error);
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
     * @return the first line of every distinct error in the engine's log so far, oldest first (a feed problem as its
     * message alone).
     */
    public List<String> distinctMessages()
    {
        final List<String> messages = new ArrayList<>();
        log.read((count, first, last, text) -> messages.add(firstLine(text)));
        return messages;
    }

    private static String firstLine(final String text)
    {
        final int end = text.indexOf('\n');
        final String line = end < 0 ? text : text.substring(0, end);
        return line.startsWith(PROBLEM_PREFIX) ? line.substring(PROBLEM_PREFIX.length()) : line;
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
