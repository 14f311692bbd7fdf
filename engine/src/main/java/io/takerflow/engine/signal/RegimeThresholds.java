package io.takerflow.engine.signal;

/**
 * The hysteresis thresholds of the {@link RegimeClassifier}. A state is entered at one level and left at
 * a less extreme one, so the regime does not flicker around a single line.
 *
 * @param sellersEnterZ    flow becomes SELLERS when z is at or below this (default -1.5).
 * @param sellersExitZ     flow leaves SELLERS when z rises above this (default -0.5).
 * @param buyersEnterZ     flow becomes BUYERS when z is at or above this (default 1.5).
 * @param buyersExitZ      flow leaves BUYERS when z falls below this (default 0.5).
 * @param absentEnterPct   spot becomes ABSENT when the smoothed premium is at or below this (default -0.05: a
 *                         premium within +-0.05 % is what practitioners call neutral).
 * @param absentExitPct    spot leaves ABSENT when the smoothed premium is at or above this (default 0).
 * @param presentEnterPct  spot becomes PRESENT when the smoothed premium is at or above this (default 0.05).
 * @param presentExitPct   spot leaves PRESENT when the smoothed premium is at or below this (default 0).
 */
public record RegimeThresholds(
    double sellersEnterZ,
    double sellersExitZ,
    double buyersEnterZ,
    double buyersExitZ,
    double absentEnterPct,
    double absentExitPct,
    double presentEnterPct,
    double presentExitPct)
{
    /** The thresholds described in the README. */
    public static final RegimeThresholds DEFAULT = new RegimeThresholds(-1.5, -0.5, 1.5, 0.5, -0.05, 0, 0.05, 0);

    /**
     * Checks that every state is entered beyond where it is left.
     *
     * @throws IllegalArgumentException naming the offending setting.
     */
    public RegimeThresholds
    {
        requireFinite("sellersEnterZ", sellersEnterZ);
        requireFinite("sellersExitZ", sellersExitZ);
        requireFinite("buyersEnterZ", buyersEnterZ);
        requireFinite("buyersExitZ", buyersExitZ);
        requireFinite("absentEnterPct", absentEnterPct);
        requireFinite("absentExitPct", absentExitPct);
        requireFinite("presentEnterPct", presentEnterPct);
        requireFinite("presentExitPct", presentExitPct);
        requireBelow("sellersEnterZ", sellersEnterZ, "sellersExitZ", sellersExitZ);
        requireBelow("buyersExitZ", buyersExitZ, "buyersEnterZ", buyersEnterZ);
        requireBelow("sellersExitZ", sellersExitZ, "buyersExitZ", buyersExitZ);
        requireBelow("absentEnterPct", absentEnterPct, "absentExitPct", absentExitPct);
        requireBelow("presentExitPct", presentExitPct, "presentEnterPct", presentEnterPct);
        requireAtMost("absentExitPct", absentExitPct, "presentEnterPct", presentEnterPct);
        requireAtMost("absentEnterPct", absentEnterPct, "presentExitPct", presentExitPct);
    }

    private static void requireFinite(final String name, final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException("threshold " + name + " must be a finite number, was " + value);
        }
    }

    private static void requireAtMost(final String lowName, final double low, final String highName, final double high)
    {
        if (!(low <= high))
        {
            throw new IllegalArgumentException(
                "threshold " + lowName + " (" + low + ") must not be above " + highName + " (" + high + ")");
        }
    }

    private static void requireBelow(final String lowName, final double low, final String highName, final double high)
    {
        if (!(low < high))
        {
            throw new IllegalArgumentException(
                "threshold " + lowName + " (" + low + ") must be below " + highName + " (" + high + ")");
        }
    }
}
