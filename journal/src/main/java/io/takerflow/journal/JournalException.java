package io.takerflow.journal;

/**
 * A journal cannot be opened, written or read; the message says which directory and why.
 */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the journal.
     */
    public JournalException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, naming the journal.
     * @param cause   the underlying failure.
     */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
