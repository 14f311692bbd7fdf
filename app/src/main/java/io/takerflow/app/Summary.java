package io.takerflow.app;

import java.io.PrintWriter;

import io.takerflow.engine.EngineCounters;

/**
 * The end-of-run summary of {@code demo} and {@code live}: what came in, what changed, where the journal is.
 */
final class Summary
{
    private Summary()
    {
    }

    static void print(final PrintWriter out, final EngineRun run)
    {
        final EngineCounters counters = run.engine.counters();
        out.println();
        out.println("summary: " + counters.events.get() + " events (" + counters.trades.get() + " trades, " +
            counters.feedStatusEvents.get() + " feed status, " + counters.historySamples.get() + " history samples), " +
            counters.regimeChanges.get() + " regime change(s), " + counters.ringWaits.get() + " ring waits");
        counters.reader().forEach((value, id, label) ->
        {
            if ((label.startsWith("feed.") || label.startsWith("fanout.")) && value != 0)
            {
                out.println("  " + label + " = " + value);
            }
        });
        if (!run.view.regimeChanges().isEmpty())
        {
            out.println("regime changes:");
            run.view.regimeChanges().forEach(change -> out.println("  " + change));
        }
        final String journal = run.journalDir().toAbsolutePath().toString();
        out.println("journal: " + journal);
        out.println("  replay it:  ./takerflow replay --journal " + journal);
        out.println("  chart it:   ./takerflow chart --journal " + journal + " --out takerflow-chart.png");
        out.flush();
    }
}
