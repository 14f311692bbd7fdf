package io.takerflow.engine.latency;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;

import io.takerflow.engine.input.Venue;

/**
 * The engine's latency telemetry: a {@link StageRecorder} per venue and stage, one per asynchronous subscriber, and an
 * Agrona agent (on its own thread under an {@link AgentRunner} with the engine's error handler) that closes an
 * interval every {@code interval}: it swaps each recorder's histogram (no allocation),
 * adds it to the since-start one, rewrites the {@link LatencyFile} for {@code takerflow stat} and, when asked, appends
 * the intervals to an HdrHistogram interval log ({@link HistogramLogWriter}; tags {@code venue.stage}), which the
 * standard HdrHistogram tools (HistogramLogProcessor, the plotter) read.
 * <p>
 * Recording threads: the signal thread records a venue's three trade stages; each subscription's thread records its
 * own, in all and per venue (the signal thread notes each trade's venue in {@link #signalSource()}). The agent is
 * the only reader of the recorders; everything else asks it through {@link #snapshot()}.
 */
public final class LatencyTelemetry implements AutoCloseable
{
    /** How often an interval closes when not configured. */
    public static final long DEFAULT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    /** Longest sleep of the interval agent between two checks of whether an interval is due. */
    static final long MAX_SLEEP_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final LatencyStage[] VENUE_STAGES = {LatencyStage.FEED_LAG, LatencyStage.DECODE,
        LatencyStage.SIGNAL};

    private final StageRecorder[][] byVenue = new StageRecorder[Venue.values().length][];
    private final List<StageRecorder> recorders = new CopyOnWriteArrayList<>();
    private final SignalSource signalSource = new SignalSource();
    private final LatencyFile file;
    private final HistogramLogWriter log;
    private final PrintStream logStream;
    private final long intervalNs;
    private final AgentRunner runner;
    private final ErrorHandler errors;
    private long intervalStartMs;
    private boolean closed;

    /**
     * Telemetry whose agent's errors are lost: for benchmarks and tests; the engine passes its error handler.
     *
     * @param venues     the venues whose trades are measured (the catalog's).
     * @param file       where {@code stat} reads the figures, or null for none.
     * @param logFile    where to write an HdrHistogram interval log, or null for none.
     * @param intervalNs how often an interval closes.
     * @throws IllegalArgumentException naming the setting when the log cannot be written or the interval is not > 0.
     */
    public LatencyTelemetry(final Collection<Venue> venues, final Path file, final Path logFile, final long intervalNs)
    {
        this(venues, file, logFile, intervalNs, error -> {});
    }

    /**
     * Starts the interval agent: an Agrona {@link AgentRunner} with the given error handler, which closes an interval
     * every {@code intervalNs}.
     *
     * @param venues     the venues whose trades are measured (the catalog's).
     * @param file       where {@code stat} reads the figures, or null for none.
     * @param logFile    where to write an HdrHistogram interval log, or null for none.
     * @param intervalNs how often an interval closes.
     * @param errors     the engine's error handler: whatever fails on the agent's thread.
     * @throws IllegalArgumentException naming the setting when the log cannot be written or the interval is not > 0.
     */
    public LatencyTelemetry(
        final Collection<Venue> venues,
        final Path file,
        final Path logFile,
        final long intervalNs,
        final ErrorHandler errors)
    {
        this.errors = errors;
        if (intervalNs <= 0)
        {
            throw new IllegalArgumentException("latency interval must be > 0, was " + intervalNs + " ns");
        }
        this.intervalNs = intervalNs;
        for (final Venue venue : Venue.values())
        {
            if (venues.contains(venue))
            {
                final StageRecorder[] stages = new StageRecorder[LatencyStage.values().length];
                for (final LatencyStage stage : VENUE_STAGES)
                {
                    stages[stage.ordinal()] = new StageRecorder(venue.id(), stage);
                    recorders.add(stages[stage.ordinal()]);
                }
                byVenue[venue.ordinal()] = stages;
            }
        }
        final long startMs = System.currentTimeMillis();
        this.intervalStartMs = startMs;
        if (logFile != null)
        {
            try
            {
                final Path parent = logFile.toAbsolutePath().getParent();
                if (parent != null)
                {
                    Files.createDirectories(parent);
                }
                this.logStream = new PrintStream(logFile.toFile(), java.nio.charset.StandardCharsets.US_ASCII);
            }
            catch (final java.io.IOException ex)
            {
                throw new IllegalArgumentException("latency log: cannot write " + logFile + ": " + ex.getMessage(), ex);
            }
            this.log = new HistogramLogWriter(logStream);
            log.outputComment("Takerflow latency per venue and stage, nanoseconds; tags are venue.stage " +
                "(feed_lag: exchange -> receive, decode: receive -> ring, signal: ring -> signal done, " +
                "subscriber: signal -> subscriber)");
            log.outputLogFormatVersion();
            log.outputStartTime(startMs);
            log.setBaseTime(startMs);
            log.outputBaseTime(startMs);
            log.outputLegend();
        }
        else
        {
            this.logStream = null;
            this.log = null;
        }
        this.file = file == null ? null : LatencyFile.create(file, startMs);
        this.runner = new AgentRunner(new SleepingIdleStrategy(Math.min(intervalNs, MAX_SLEEP_NS)), errors, null,
            new IntervalAgent(System.nanoTime()));
        AgentRunner.startOnThread(runner, runnable ->
        {
            final Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param venue a venue.
     * @param stage one of the trade stages.
     * @return its recorder, or null when the venue is not measured.
     */
    public StageRecorder recorder(final Venue venue, final LatencyStage stage)
    {
        final StageRecorder[] stages = byVenue[venue.ordinal()];
        return stages == null ? null : stages[stage.ordinal()];
    }

    /**
     * Records a trade's three stages; call on the signal thread once the signal handler is done with it. O(1), no
     * allocation. Events not stamped on the ring ({@code publishedNs == 0}) and venues not measured are skipped.
     *
     * @param venue          the trade's venue.
     * @param exchangeTimeNs the venue's trade time.
     * @param receiveTimeNs  when its frame was received.
     * @param publishedNs    when it was published on the ring.
     * @param doneNs         when the signal handler finished with it.
     */
    public void recordTrade(
        final Venue venue, final long exchangeTimeNs, final long receiveTimeNs, final long publishedNs,
        final long doneNs)
    {
        final StageRecorder[] stages = byVenue[venue.ordinal()];
        if (stages == null || publishedNs == 0)
        {
            return;
        }
        stages[0].record(receiveTimeNs - exchangeTimeNs);
        stages[1].record(publishedNs - receiveTimeNs);
        stages[2].record(doneNs - publishedNs);
    }

    /**
     * Adds the recorders of an asynchronous subscriber's stage: one for every signal it is handed ({@code name}) and
     * one per measured venue for the signals that venue's trades produced ({@code name/venue}); its subscription
     * thread is the one writer.
     *
     * @param name the subscriber's name as shown, e.g. {@code subscriber-0}.
     * @return the recorders.
     */
    public SubscriberLatency newSubscriber(final String name)
    {
        final StageRecorder all = new StageRecorder(name, LatencyStage.SUBSCRIBER);
        recorders.add(all);
        final StageRecorder[] venues = new StageRecorder[Venue.values().length];
        for (final Venue venue : Venue.values())
        {
            if (byVenue[venue.ordinal()] != null)
            {
                venues[venue.ordinal()] = new StageRecorder(name + "/" + venue.id(), LatencyStage.SUBSCRIBER);
                recorders.add(venues[venue.ordinal()]);
            }
        }
        return new SubscriberLatency(all, venues);
    }

    /**
     * @return where the signal thread notes the venue of the trade it applies, for the subscriber stage.
     */
    public SignalSource signalSource()
    {
        return signalSource;
    }

    /**
     * Closes an interval now (as the agent does periodically) and returns every row.
     *
     * @return the rows: measured venues' stages, then subscribers.
     */
    public synchronized List<LatencyRow> snapshot()
    {
        closeInterval();
        final List<LatencyRow> rows = new ArrayList<>(recorders.size());
        for (final StageRecorder recorder : recorders)
        {
            rows.add(new LatencyRow(recorder.source(), recorder.stage(), percentiles(recorder.lastInterval()),
                percentiles(recorder.total())));
        }
        return rows;
    }

    /**
     * @return the interval between snapshots.
     */
    public long intervalNs()
    {
        return intervalNs;
    }

    /**
     * Stops the agent after a last interval, and closes the file and the log.
     */
    @Override
    public void close()
    {
        runner.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS,
            thread -> errors.onError(new IllegalStateException(thread.getName() + " did not stop in time")));
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closeInterval();
            closed = true;
            if (file != null)
            {
                file.close();
            }
            if (logStream != null)
            {
                logStream.close();
            }
        }
    }

    /**
     * Closes an interval whenever one is due; between checks the runner sleeps at most {@link #MAX_SLEEP_NS}.
     */
    private final class IntervalAgent implements Agent
    {
        private long deadline;

        IntervalAgent(final long startNs)
        {
            this.deadline = startNs + intervalNs;
        }

        @Override
        public int doWork()
        {
            if (System.nanoTime() - deadline < 0)
            {
                return 0;
            }
            synchronized (LatencyTelemetry.this)
            {
                if (!closed)
                {
                    closeInterval();
                }
            }
            deadline += intervalNs;
            return 1;
        }

        @Override
        public String roleName()
        {
            return "takerflow-latency";
        }
    }

    private void closeInterval()
    {
        if (closed)
        {
            return;
        }
        final long endMs = System.currentTimeMillis();
        if (file != null)
        {
            file.beginWrite(intervalStartMs, endMs);
        }
        int row = 0;
        for (final StageRecorder recorder : recorders)
        {
            final Histogram interval = recorder.closeInterval();
            if (file != null && row < LatencyFile.MAX_ROWS)
            {
                file.writeRow(row++, recorder);
            }
            if (log != null && interval.getTotalCount() > 0)
            {
                log.outputIntervalHistogram(interval);
            }
        }
        if (file != null)
        {
            file.endWrite(row);
        }
        if (logStream != null)
        {
            logStream.flush();
        }
        intervalStartMs = endMs;
    }

    private static LatencyRow.Percentiles percentiles(final Histogram histogram)
    {
        return new LatencyRow.Percentiles(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9),
            histogram.getMaxValue());
    }
}
