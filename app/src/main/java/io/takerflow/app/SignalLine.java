package io.takerflow.app;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalFlags;
import io.takerflow.engine.signal.SignalView;

/**
 * Formats signals for the terminal: one status line per market and a highlighted line per regime change.
 */
final class SignalLine
{
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private SignalLine()
    {
    }

    /**
     * @param view   a market's current values.
     * @param health a short feed-health text, e.g. {@code feeds OK}.
     * @return one line: time, imbalance, buy/sell ratio, z, premium raw and smoothed, states, regime, flags.
     */
    static String status(final SignalView view, final String health)
    {
        return String.format("%s %-4s imb %+.3f  buy/sell %.3f/%.3f  z %s  prem %s%% (smoothed %s%%)  flow %-8s spot " +
            "%-7s " + "%-10s %s  %s",
            clock(view.timeNs()), view.market(), view.imbalance(), view.buyRatio(), view.sellRatio(),
            Double.isNaN(view.zScore()) ? "  n/a" : String.format("%+5.2f", view.zScore()),
            signed(view.premiumPct()), signed(view.premiumSmoothedPct()), view.flowState(), view.spotState(),
            view.regime(), SignalFlags.toString(view.flags()), health);
    }

    /**
     * @param change the regime change.
     * @param view   the values that caused it.
     * @return a line that stands out.
     */
    static String change(final RegimeChange change, final SignalView view)
    {
        return String.format(">>> %s %s regime %s -> %s: %s (imbalance %+.3f, z %s, smoothed premium %s%%)",
            clock(change.timeNs()), view.market(), change.from(), change.to(), change.reason().description(),
            view.imbalance(), Double.isNaN(view.zScore()) ? "n/a" : String.format("%+.2f", view.zScore()),
            signed(view.premiumSmoothedPct()));
    }

    private static String signed(final double value)
    {
        return Double.isNaN(value) ? "n/a" : String.format("%+.4f", value);
    }

    private static String clock(final long epochNs)
    {
        return CLOCK.format(Instant.ofEpochSecond(0, epochNs));
    }
}
