package io.takerflow.engine.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One stage's latency for one source (a venue or a subscriber): a single-writer HdrHistogram recorder that the owning
 * thread records into without allocating or locking, and the since-start histogram the telemetry agent keeps.
 * Values outside 0 to {@link #HIGHEST_TRACKABLE_NS} (a venue clock ahead of ours, a stall beyond a minute) are
 * clamped to the range and counted in {@link #clamped()}.
 */
public final class StageRecorder
{
    /** Largest latency a histogram tells apart: one minute. */
    public static final long HIGHEST_TRACKABLE_NS = 60_000_000_000L;
    /** Significant decimal digits kept: 0.1 % resolution at any magnitude. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final String source;
    private final LatencyStage stage;
    private final String tag;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private Histogram interval;
    private volatile long clamped;

    StageRecorder(final String source, final LatencyStage stage)
    {
        this.source = source;
        this.stage = stage;
        this.tag = source + "." + stage.tag();
        this.interval = recorder.getIntervalHistogram();
    }

    /**
     * Records one latency; call from this recorder's one writer thread only. Allocates nothing.
     *
     * @param latencyNs the latency in nanoseconds.
     */
    public void record(final long latencyNs)
    {
        if (latencyNs < 0)
        {
            clamped++;
            recorder.recordValue(0);
        }
        else if (latencyNs > HIGHEST_TRACKABLE_NS)
        {
            clamped++;
            recorder.recordValue(HIGHEST_TRACKABLE_NS);
        }
        else
        {
            recorder.recordValue(latencyNs);
        }
    }

    /**
     * @return the venue id or subscriber name this recorder measures.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return the pipeline stage this recorder measures.
     */
    public LatencyStage stage()
    {
        return stage;
    }

    /**
     * @return values recorded outside the trackable range (negative or beyond a minute).
     */
    public long clamped()
    {
        return clamped;
    }

    /**
     * Swaps out what was recorded since the last call (no allocation after the first) and adds it to the since-start
     * histogram. Telemetry agent only.
     *
     * @return the interval just closed, valid until the next call; tagged {@code source.stage}.
     */
    Histogram closeInterval()
    {
        interval = recorder.getIntervalHistogram(interval);
        interval.setTag(tag);
        total.add(interval);
        return interval;
    }

    /**
     * @return the since-start histogram; telemetry agent only.
     */
    Histogram total()
    {
        return total;
    }

    /**
     * @return the interval closed last; telemetry agent only.
     */
    Histogram lastInterval()
    {
        return interval;
    }
}
