package io.takerflow.journal;

import java.util.Arrays;

/**
 * The journal's explicit one-byte codes for one enum: every constant has a fixed code written in the journal, so
 * reordering or adding constants in the code base never changes what an old journal means. 0 is never a code, so
 * a zeroed byte is caught as unknown.
 *
 * @param <E> the enum.
 */
final class JournalCodes<E extends Enum<E>>
{
    private final String name;
    private final byte[] codeByOrdinal;
    private final E[] constantByCode;

    /**
     * @param type      the enum.
     * @param constants the constants, each followed by its code (1 to 127).
     * @throws IllegalStateException if a constant of {@code type} has no code or a code is used twice: a new
     *                               constant needs a journal code before anything can be journaled.
     */
    @SuppressWarnings("unchecked")
    JournalCodes(final Class<E> type, final Object... constants)
    {
        this.name = type.getSimpleName();
        final E[] all = type.getEnumConstants();
        this.codeByOrdinal = new byte[all.length];
        this.constantByCode = (E[])java.lang.reflect.Array.newInstance(type, 128);
        for (int i = 0; i < constants.length; i += 2)
        {
            final E constant = type.cast(constants[i]);
            final int code = (Integer)constants[i + 1];
            if (code < 1 || code > 127 || constantByCode[code] != null)
            {
                throw new IllegalStateException("journal code " + code + " for " + name + "." + constant +
                    " is out of " + "range or used twice");
            }
            codeByOrdinal[constant.ordinal()] = (byte)code;
            constantByCode[code] = constant;
        }
        for (final E constant : all)
        {
            if (codeByOrdinal[constant.ordinal()] == 0)
            {
                throw new IllegalStateException(name + "." + constant + " has no journal code: give it a new one in " +
                    "RecordLayout (never reuse a code) and bump RecordLayout.VERSION if old readers must refuse it");
            }
        }
    }

    /**
     * @param constant a constant.
     * @return its code.
     */
    byte code(final E constant)
    {
        return codeByOrdinal[constant.ordinal()];
    }

    /**
     * @param code a code read from a journal.
     * @param field the record field, for the message.
     * @return the constant.
     * @throws JournalException naming the field and the code if no constant has it.
     */
    E decode(final byte code, final String field)
    {
        final E constant = code > 0 ? constantByCode[code] : null;
        if (constant == null)
        {
            throw new JournalException("unknown " + field + " code " + code + " (known " + name + " codes: " +
                Arrays.toString(known()) + ")");
        }
        return constant;
    }

    private int[] known()
    {
        return java.util.stream.IntStream.range(1, 128).filter(c -> constantByCode[c] != null).toArray();
    }
}
