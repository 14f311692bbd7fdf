package io.takerflow.journal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Text forms for dumps: doubles in their shortest decimal that reads back to the same double, and JSON strings.
 * Not for hot paths.
 */
final class DumpText
{
    private static final MathContext[] PRECISIONS = new MathContext[18];

    static
    {
        for (int p = 1; p <= 17; p++)
        {
            PRECISIONS[p] = new MathContext(p, RoundingMode.HALF_EVEN);
        }
    }

    private DumpText()
    {
    }

    /**
     * @param value a double.
     * @return the shortest decimal (fewest significant digits, at most 17) that parses back to exactly
     * {@code value} in Java, Python or pandas, plain from 1e-4 to below 1e16 (whole numbers with {@code .0}) and in
     * E notation outside, as Python prints it; {@code NaN},
     * {@code Infinity}, {@code -Infinity} as such, and {@code -0.0} keeps its sign.
     */
    static String shortest(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return Double.toString(value);
        }
        if (value == 0)
        {
            return Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0";
        }
        final BigDecimal exact = new BigDecimal(value);
        int low = 1;
        int high = 17;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (exact.round(PRECISIONS[mid]).doubleValue() == value)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        final BigDecimal shortest = exact.round(PRECISIONS[low]).stripTrailingZeros();
        final int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 16)
        {
            final String plain = shortest.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        return shortest.toString();
    }

    /**
     * @param text any text.
     * @param out  where the quoted, escaped JSON string goes.
     * @return {@code out}.
     */
    static StringBuilder jsonString(final String text, final StringBuilder out)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
