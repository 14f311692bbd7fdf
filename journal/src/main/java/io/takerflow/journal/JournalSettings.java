package io.takerflow.journal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Where and how a journal is written.
 *
 * @param directory    the journal directory; input events go to {@code input/}, signals to {@code signals/}.
 * @param rollCycle    how often Chronicle starts a new file (a cycle).
 * @param retainCycles cycles kept per queue (older files are deleted when a new cycle starts), 0 to keep all.
 */
public record JournalSettings(Path directory, RollCycle rollCycle, int retainCycles)
{
    static
    {
        ChronicleAnalytics.disable();
    }

    private static final Map<String, RollCycle> CYCLES = Map.of(
        "weekly", RollCycles.WEEKLY,
        "daily", RollCycles.FAST_DAILY,
        "six-hourly", RollCycles.SIX_HOURLY,
        "hourly", RollCycles.FAST_HOURLY,
        "half-hourly", RollCycles.HALF_HOURLY,
        "ten-minutely", RollCycles.TEN_MINUTELY,
        "five-minutely", RollCycles.FIVE_MINUTELY);

    /**
     * @throws IllegalArgumentException naming the setting.
     */
    public JournalSettings
    {
        if (directory == null)
        {
            throw new IllegalArgumentException("journal.dir: a directory is required");
        }
        if (rollCycle == null)
        {
            throw new IllegalArgumentException("journal.rollCycle: a roll cycle is required");
        }
        if (retainCycles < 0)
        {
            throw new IllegalArgumentException("journal.retainCycles must be >= 0 (0 keeps all), was " + retainCycles);
        }
    }

    /**
     * @param directory the journal directory.
     * @return daily cycles, all kept.
     */
    public static JournalSettings daily(final Path directory)
    {
        return new JournalSettings(directory, RollCycles.FAST_DAILY, 0);
    }

    /**
     * @param name a roll cycle name: weekly, daily, six-hourly, hourly, half-hourly, ten-minutely, five-minutely.
     * @return the roll cycle.
     * @throws IllegalArgumentException naming {@code journal.rollCycle} and the known names.
     */
    public static RollCycle rollCycle(final String name)
    {
        final RollCycle cycle = CYCLES.get(name.trim().toLowerCase(Locale.ROOT));
        if (cycle == null)
        {
            throw new IllegalArgumentException("journal.rollCycle: unknown roll cycle '" + name + "' (known: " +
                String.join(", ", new java.util.TreeSet<>(CYCLES.keySet())) + ")");
        }
        return cycle;
    }

    Path inputQueue()
    {
        return directory.resolve("input");
    }

    Path signalQueue()
    {
        return directory.resolve("signals");
    }
}
