package io.takerflow.app;

import java.io.PrintWriter;
import java.util.List;

import io.takerflow.engine.latency.LatencyRow;

/**
 * Prints latency rows (per venue and stage, per subscriber in all and per venue) as a table in microseconds: what
 * {@code takerflow stat}
 * and the run summary show. One place for the format.
 */
final class LatencyTable
{
    /** Room for the longest source, a subscriber per venue: {@code subscriber-10/coinbase-advanced}. */
    private static final int SOURCE_WIDTH = 30;

    private LatencyTable()
    {
    }

    /**
     * @param out        where.
     * @param rows       the rows.
     * @param lastInterval also print the last interval's figures beside the since-start ones.
     */
    static void print(final PrintWriter out, final List<LatencyRow> rows, final boolean lastInterval)
    {
        if (rows.isEmpty())
        {
            return;
        }
        out.println(String.format("%-" + (SOURCE_WIDTH + 32) + "s", "latency (us)") + (lastInterval ?
            "last interval: count      p50      p90      p99    p99.9      max | " : "") +
            "since start: count      p50      p90      p99    p99.9      max");
        for (final LatencyRow row : rows)
        {
            final StringBuilder line = new StringBuilder(200);
            line.append(String.format("  %-" + SOURCE_WIDTH + "s %-28s", row.source(), row.stage().description()));
            if (lastInterval)
            {
                append(line, row.interval()).append(" |");
            }
            append(line, row.total());
            out.println(line);
        }
    }

    private static StringBuilder append(final StringBuilder line, final LatencyRow.Percentiles p)
    {
        line.append(String.format(" %,18d", p.count()));
        if (p.count() == 0)
        {
            return line.append(String.format(" %8s %8s %8s %8s %8s", "-", "-", "-", "-", "-"));
        }
        return line.append(String.format(" %8s %8s %8s %8s %8s", micros(p.p50()), micros(p.p90()), micros(p.p99()),
            micros(p.p999()), micros(p.max())));
    }

    /**
     * @return nanoseconds as microseconds with one decimal below 1,000 us, whole above.
     */
    static String micros(final long nanos)
    {
        final double us = nanos / 1000.0;
        return us < 1000 ? String.format("%.1f", us) : String.format("%,.0f", us);
    }
}
