package io.takerflow.journal;

import java.util.Arrays;

import io.takerflow.engine.input.EnumCodes;

/**
 * The journal's explicit one-byte codes for one enum ({@link EnumCodes}): every constant has a fixed code written in
 * the journal, so reordering or adding constants in the code base never changes what an old journal means. Reading
 * a code no constant has is a {@link JournalException} naming the field.
 *
 * @param <E> the enum.
 */
final class JournalCodes<E extends Enum<E>>
{
    private final EnumCodes<E> codes;

    /**
     * @param codes the codes.
     */
    JournalCodes(final EnumCodes<E> codes)
    {
        this.codes = codes;
    }

    /**
     * @param type      the enum.
     * @param constants the constants, each followed by its code (1 to 127).
     * @throws IllegalStateException if a constant of {@code type} has no code or a code is used twice.
     */
    JournalCodes(final Class<E> type, final Object... constants)
    {
        this(new EnumCodes<>(type, "RecordLayout", constants));
    }

    /**
     * @param constant a constant.
     * @return its code.
     */
    byte code(final E constant)
    {
        return codes.code(constant);
    }

    /**
     * @param code  a code read from a journal.
     * @param field the record field, for the message.
     * @return the constant.
     * @throws JournalException naming the field and the code if no constant has it.
     */
    E decode(final byte code, final String field)
    {
        final E constant = codes.constant(code);
        if (constant == null)
        {
            throw new JournalException("unknown " + field + " code " + code + " (known " + codes.enumName() +
                " codes: " + Arrays.toString(codes.known()) + ")");
        }
        return constant;
    }
}
