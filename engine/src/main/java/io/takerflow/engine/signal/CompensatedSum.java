package io.takerflow.engine.signal;

/**
 * A running sum with compensation: the exact rounding error of each addition (Knuth's branch-free TwoSum) is
 * carried separately, so summing millions of small quantities onto a large total loses nothing a double can hold.
 */
final class CompensatedSum
{
    private double sum;
    private double compensation;

    void add(final double value)
    {
        final double total = sum + value;
        compensation += roundingError(sum, value, total);
        sum = total;
    }

    /**
     * @param a     one addend.
     * @param b     the other.
     * @param total {@code a + b} as rounded.
     * @return the exact error of that rounding, so {@code a + b == total + error} in real numbers.
     */
    static double roundingError(final double a, final double b, final double total)
    {
        final double bVirtual = total - a;
        final double aVirtual = total - bVirtual;
        return (a - aVirtual) + (b - bVirtual);
    }

    void reset()
    {
        sum = 0;
        compensation = 0;
    }

    double value()
    {
        return sum + compensation;
    }
}
