package io.takerflow.engine.signal;

/**
 * A running sum with Neumaier compensation: the error of each addition is carried separately, so
 * summing millions of small quantities onto a large total loses nothing a double can hold.
 */
final class CompensatedSum
{
    private double sum;
    private double compensation;

    void add(final double value)
    {
        final double total = sum + value;
        if (Math.abs(sum) >= Math.abs(value))
        {
            compensation += (sum - total) + value;
        }
        else
        {
            compensation += (value - total) + sum;
        }
        sum = total;
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
