package io.takerflow.engine.signal;

/**
 * A regime transition of one market. The instance passed to listeners is reused; copy what you keep.
 */
public final class RegimeChange
{
    private Regime from = Regime.NEUTRAL;
    private Regime to = Regime.NEUTRAL;
    private RegimeReason reason = RegimeReason.FLOW_CHANGED;
    private long timeNs;

    /**
     * Sets every value, e.g. when a remote client rebuilds a change received over the wire.
     *
     * @param from   the regime before.
     * @param to     the regime after.
     * @param reason why.
     * @param timeNs the time of the event that caused the change, epoch ns.
     * @return this.
     */
    public RegimeChange set(final Regime from, final Regime to, final RegimeReason reason, final long timeNs)
    {
        this.from = from;
        this.to = to;
        this.reason = reason;
        this.timeNs = timeNs;
        return this;
    }

    /**
     * Fills this change from another, e.g. to keep a copy.
     *
     * @param other the source.
     * @return this.
     */
    public RegimeChange copyFrom(final RegimeChange other)
    {
        return set(other.from, other.to, other.reason, other.timeNs);
    }

    /**
     * @return the regime before the change.
     */
    public Regime from()
    {
        return from;
    }

    /**
     * @return the regime after the change.
     */
    public Regime to()
    {
        return to;
    }

    /**
     * @return why the regime changed.
     */
    public RegimeReason reason()
    {
        return reason;
    }

    /**
     * @return the time of the event that caused the change, epoch ns.
     */
    public long timeNs()
    {
        return timeNs;
    }

    @Override
    public String toString()
    {
        return from + " -> " + to + " (" + reason.description() + ")";
    }
}
