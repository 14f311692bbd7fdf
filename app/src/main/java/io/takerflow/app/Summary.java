package io.takerflow.app;

import java.io.PrintWriter;

import io.takerflow.engine.EngineCounters;
import io.takerflow.journal.JournalStop;

/**
 * The end-of-run summary of {@code demo} and {@code live}: what came in, what changed, where the journal is and,
 * if journaling stopped early (a full disk), where.
 */
final class Summary
{
    private Summary()
    {
    }

    /**
     * @return the run's exit code: 0, or {@link TakerflowCommand#JOURNAL_INCOMPLETE} if journaling stopped early.
     */
    static int print(final PrintWriter out, final EngineRun run)
    {
        final EngineCounters counters = run.engine.counters();
        out.println();
        out.println("summary: " + counters.events.get() + " events (" + counters.trades.get() + " trades, " +
            counters.feedStatusEvents.get() + " feed status, " + counters.historySamples.get() + " history samples), " +
            counters.regimeChanges.get() + " regime change(s), " + counters.ringWaits.get() + " ring waits");
        counters.reader().forEach((value, id, label) ->
        {
            if ((label.startsWith("feed.") || label.startsWith("fanout.") || label.startsWith("errors") ||
                label.equals("handler.errors")) && value != 0)
            {
                out.println("  " + label + " = " + value);
            }
        });
        run.view.warmingUp().forEach(line -> out.println("  " + line));
        LatencyTable.print(out, run.engine.latency().snapshot(), false);
        if (!run.view.regimeChanges().isEmpty())
        {
            out.println("regime changes:");
            run.view.regimeChanges().forEach(change -> out.println("  " + change));
        }
        final String journal = run.journalDir().toAbsolutePath().toString();
        out.println("journal: " + journal);
        final JournalStop stop = run.journal.stopped();
        if (stop != null)
        {
            out.println("  INCOMPLETE: " + stop.describe());
            out.println("  what it holds replays and verifies; the run after that point is not journaled");
        }
        out.println("  replay it:  ./takerflow replay --journal " + journal);
        out.println("  chart it:   ./takerflow chart --journal " + journal + " --out takerflow-chart.png");
        out.flush();
        return stop == null ? 0 : TakerflowCommand.JOURNAL_INCOMPLETE;
    }
}
