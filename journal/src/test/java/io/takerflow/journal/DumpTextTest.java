package io.takerflow.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Doubles in a dump: the fewest digits that read back to the same double. Expected digits from Python's
 * {@code repr}, which prints the shortest round-trip form (Java 17's {@code Double.toString} does not always).
 */
final class DumpTextTest
{
    @Test
    void shortestDigitsAsPythonPrintsThem()
    {
        assertThat(DumpText.shortest(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(DumpText.shortest(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(DumpText.shortest(2e-3)).isEqualTo("0.002");
        assertThat(DumpText.shortest(1e23)).isEqualTo("1E+23");
        assertThat(DumpText.shortest(Double.MIN_VALUE)).as("Java 17 prints 4.9E-324").isEqualTo("5E-324");
        assertThat(DumpText.shortest(-0.9753086419753088)).isEqualTo("-0.9753086419753088");
        assertThat(DumpText.shortest(1.2345678901234568e17)).isEqualTo("1.2345678901234568E+17");
        assertThat(DumpText.shortest(1e-7)).isEqualTo("1E-7");
        assertThat(DumpText.shortest(65000.12000000002)).isEqualTo("65000.12000000002");
        assertThat(DumpText.shortest(5.0)).isEqualTo("5.0");
        assertThat(DumpText.shortest(-0.0)).isEqualTo("-0.0");
        assertThat(DumpText.shortest(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void everyDoubleReadsBackExactly()
    {
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++)
        {
            final double value = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble(-2, 2);
            if (Double.isNaN(value))
            {
                continue;
            }
            final String text = DumpText.shortest(value);
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(text))).as(text)
                .isEqualTo(Double.doubleToRawLongBits(value));
            assertThat(new BigDecimal(text).stripTrailingZeros().precision())
                .as("never more digits than Java's own form: %s vs %s", text, Double.toString(value))
                .isLessThanOrEqualTo(new BigDecimal(Double.toString(value)).stripTrailingZeros().precision());
        }
    }
}
