package io.takerflow.fanout;

import java.lang.reflect.Array;

/**
 * The fanout wire's explicit one-byte codes for one engine enum: every constant has a fixed code in
 * {@link FanoutCodes}, so reordering or adding constants in the code base never changes what a message means, even
 * between a publisher and a subscriber built from different versions. 0 is never a code, so a zeroed field reads as
 * unknown.
 *
 * @param <E> the enum.
 */
final class WireCodes<E extends Enum<E>>
{
    private final String name;
    private final short[] codeByOrdinal;
    private final E[] constantByCode;

    /**
     * @param type      the enum.
     * @param constants the constants, each followed by its code (1 to 255).
     * @throws IllegalStateException if a constant of {@code type} has no code or a code is used twice: a new constant
     *                               needs a wire code (and a schema version) before it can be published.
     */
    @SuppressWarnings("unchecked")
    WireCodes(final Class<E> type, final Object... constants)
    {
        this.name = type.getSimpleName();
        final E[] all = type.getEnumConstants();
        this.codeByOrdinal = new short[all.length];
        this.constantByCode = (E[])Array.newInstance(type, 256);
        for (int i = 0; i < constants.length; i += 2)
        {
            final E constant = type.cast(constants[i]);
            final int code = (Integer)constants[i + 1];
            if (code < 1 || code > 255 || constantByCode[code] != null || codeByOrdinal[constant.ordinal()] != 0)
            {
                throw new IllegalStateException("fanout code " + code + " for " + name + "." + constant +
                    " is out of range or used twice");
            }
            codeByOrdinal[constant.ordinal()] = (short)code;
            constantByCode[code] = constant;
        }
        for (final E constant : all)
        {
            if (codeByOrdinal[constant.ordinal()] == 0)
            {
                throw new IllegalStateException(name + "." + constant + " has no fanout code: give it a new one in " +
                    "FanoutCodes (never reuse a code) and raise the SBE schema version");
            }
        }
    }

    /**
     * @param constant a constant.
     * @return its wire code.
     */
    short code(final E constant)
    {
        return codeByOrdinal[constant.ordinal()];
    }

    /**
     * @param code a code read from the wire.
     * @return its constant, or null if none has it.
     */
    E decode(final int code)
    {
        return code > 0 && code < constantByCode.length ? constantByCode[code] : null;
    }
}
