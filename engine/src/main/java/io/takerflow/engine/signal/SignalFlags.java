package io.takerflow.engine.signal;

/**
 * Bits of {@link SignalView#flags()} that say how far a signal can be trusted.
 */
public final class SignalFlags
{
    /**
     * The Z-score history is shorter than the configured minimum (z is NaN), or the flow window has not yet
     * covered one full window since the first flow trade (z compares a partial window with full-window samples):
     * the flow state holds, no flow-driven regime change is taken.
     */
    public static final int WARMING_UP = 1;
    /** A premium leg has no trade within the stale limit; the premium is the last known value. */
    public static final int PREMIUM_STALE = 2;
    /**
     * A required feed is stale or disconnected, a flow feed has had a trade-id gap within {@code gapHold}, or the
     * premium is stale: nothing changes (flow state, spot state and regime hold).
     */
    public static final int DEGRADED = 4;
    /**
     * The flow window holds fewer trades or less volume than the market's minimums: its imbalance is published but
     * no Z-score, and nothing changes (flow state, spot state and regime hold), so an empty or nearly empty window
     * cannot move the regime.
     */
    public static final int THIN = 8;

    private SignalFlags()
    {
    }

    /**
     * @param flags a flags value.
     * @param out   where the names go, joined by {@code |}, or {@code OK} when none is set.
     * @return {@code out}.
     */
    public static StringBuilder appendTo(final int flags, final StringBuilder out)
    {
        final int start = out.length();
        if ((flags & WARMING_UP) != 0)
        {
            out.append("WARMING_UP");
        }
        if ((flags & PREMIUM_STALE) != 0)
        {
            out.append(out.length() > start ? "|" : "").append("PREMIUM_STALE");
        }
        if ((flags & DEGRADED) != 0)
        {
            out.append(out.length() > start ? "|" : "").append("DEGRADED");
        }
        if ((flags & THIN) != 0)
        {
            out.append(out.length() > start ? "|" : "").append("THIN");
        }
        if (out.length() == start)
        {
            out.append("OK");
        }
        return out;
    }

    /**
     * @param flags a flags value.
     * @return the names joined by {@code |}, or {@code OK}.
     */
    public static String toString(final int flags)
    {
        return appendTo(flags, new StringBuilder(40)).toString();
    }
}
