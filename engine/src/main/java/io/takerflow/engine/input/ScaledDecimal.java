package io.takerflow.engine.input;

/**
 * Exact decimals as venues send them: a {@code long} mantissa and a scale (digits after the point),
 * so {@code "0.00123"} is mantissa 123, scale 5. Converting to double happens only for signal arithmetic.
 */
public final class ScaledDecimal
{
    /** The largest scale supported; 10^18 still fits a long and is exactly representable as a double. */
    public static final int MAX_SCALE = 18;

    private static final double[] POWERS_OF_TEN = new double[MAX_SCALE + 1];
    private static final long[] LONG_POWERS_OF_TEN = new long[MAX_SCALE + 1];

    static
    {
        long power = 1;
        for (int i = 0; i <= MAX_SCALE; i++)
        {
            LONG_POWERS_OF_TEN[i] = power;
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private ScaledDecimal()
    {
    }

    /**
     * @param mantissa the digits without the point.
     * @param scale    the digits after the point, 0 to {@link #MAX_SCALE}.
     * @return the nearest double: one correctly rounded division, since 10^scale is exact in a double.
     */
    public static double toDouble(final long mantissa, final int scale)
    {
        return mantissa / POWERS_OF_TEN[scale];
    }

    /**
     * @param scale 0 to {@link #MAX_SCALE}.
     * @return 10^scale.
     */
    public static long powerOfTen(final int scale)
    {
        return LONG_POWERS_OF_TEN[scale];
    }

    /**
     * Appends the exact decimal text, e.g. mantissa 123 scale 5 as {@code 0.00123}, without allocating.
     *
     * @param mantissa the digits without the point.
     * @param scale    the digits after the point.
     * @param out      where the text goes.
     * @return {@code out}.
     */
    public static StringBuilder appendTo(final long mantissa, final int scale, final StringBuilder out)
    {
        if (scale == 0)
        {
            return out.append(mantissa);
        }
        long magnitude = mantissa;
        if (mantissa < 0)
        {
            out.append('-');
            magnitude = -mantissa;
        }
        final long power = LONG_POWERS_OF_TEN[scale];
        final long whole = magnitude / power;
        final long fraction = magnitude % power;
        out.append(whole).append('.');
        for (long p = power / 10; p > 1 && fraction < p; p /= 10)
        {
            out.append('0');
        }
        return out.append(fraction);
    }

    /**
     * @param mantissa the digits without the point.
     * @param scale    the digits after the point.
     * @return the exact decimal text.
     */
    public static String toString(final long mantissa, final int scale)
    {
        return appendTo(mantissa, scale, new StringBuilder(24)).toString();
    }
}
