package io.takerflow.journal;

import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeReason;

/**
 * One journaled regime change, as read back for dumps and charts (not a hot-path type).
 *
 * @param timeNs        when, epoch ns (the time of the event that caused it).
 * @param marketIndex   the market's index in the run's configuration.
 * @param market        the market's name.
 * @param eventSequence the run's input event that caused it, as
 *                      {@link io.takerflow.engine.signal.SignalView#eventSequence()}.
 * @param from          the regime before.
 * @param to            the regime after.
 * @param reason        why.
 */
public record RegimeChangeRecord(
    long timeNs, int marketIndex, String market, long eventSequence, Regime from, Regime to, RegimeReason reason)
{
}
