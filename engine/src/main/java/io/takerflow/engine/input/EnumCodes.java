package io.takerflow.engine.input;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Explicit one-byte codes for the constants of one enum, for anything written to bytes (the signal layout, the
 * journal, the fanout wire): every constant has a fixed code given by name, so reordering or adding constants in the
 * code base never changes what written bytes mean. 0 is never a code, so zeroed bytes read as unknown.
 *
 * @param <E> the enum.
 */
public final class EnumCodes<E extends Enum<E>>
{
    private final String name;
    private final String where;
    private final byte[] codeByOrdinal;
    private final E[] constantByCode;

    /**
     * @param type      the enum.
     * @param where     the table's owner, named in the failure (e.g. {@code RecordLayout}).
     * @param constants the constants, each followed by its code (1 to 127).
     * @throws IllegalStateException if a constant of {@code type} has no code, or a code or constant is given
     *                               twice: a new constant needs a code before anything holding it can be written.
     */
    @SuppressWarnings("unchecked")
    public EnumCodes(final Class<E> type, final String where, final Object... constants)
    {
        this.name = type.getSimpleName();
        this.where = where;
        final E[] all = type.getEnumConstants();
        this.codeByOrdinal = new byte[all.length];
        this.constantByCode = (E[])Array.newInstance(type, 128);
        for (int i = 0; i < constants.length; i += 2)
        {
            final E constant = type.cast(constants[i]);
            final int code = (Integer)constants[i + 1];
            if (code < 1 || code > 127 || constantByCode[code] != null || codeByOrdinal[constant.ordinal()] != 0)
            {
                throw new IllegalStateException(where + " code " + code + " for " + name + "." + constant +
                    " is out of range or given twice");
            }
            codeByOrdinal[constant.ordinal()] = (byte)code;
            constantByCode[code] = constant;
        }
        for (final E constant : all)
        {
            if (codeByOrdinal[constant.ordinal()] == 0)
            {
                throw new IllegalStateException(name + "." + constant + " has no code in " + where + ": give it a " +
                    "new one (never reuse a code) and raise the version of what it is written in");
            }
        }
    }

    /**
     * @param constant a constant.
     * @return its code.
     */
    public byte code(final E constant)
    {
        return codeByOrdinal[constant.ordinal()];
    }

    /**
     * @param code a code read from bytes.
     * @return its constant, or null if no constant has it.
     */
    public E constant(final int code)
    {
        return code > 0 && code < constantByCode.length ? constantByCode[code] : null;
    }

    /**
     * @return the enum's simple name.
     */
    public String enumName()
    {
        return name;
    }

    /**
     * @return every code in use, ascending.
     */
    public int[] known()
    {
        return IntStream.range(1, constantByCode.length).filter(c -> constantByCode[c] != null).toArray();
    }

    @Override
    public String toString()
    {
        return name + " codes " + Arrays.toString(known());
    }
}
