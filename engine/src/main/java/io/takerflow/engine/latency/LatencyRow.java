package io.takerflow.engine.latency;

/**
 * One row of published latency figures: a source (venue id or subscriber name) and a stage, with its percentiles
 * over the last interval and since start, in nanoseconds. What {@code takerflow stat} and the run summary print.
 *
 * @param source   the venue id or subscriber name.
 * @param stage    the stage.
 * @param interval the last closed interval.
 * @param total    everything since the engine started.
 */
public record LatencyRow(String source, LatencyStage stage, Percentiles interval, Percentiles total)
{
    /**
     * Percentiles of one histogram, in nanoseconds.
     *
     * @param count  values recorded.
     * @param p50    median.
     * @param p90    90th percentile.
     * @param p99    99th percentile.
     * @param p999   99.9th percentile.
     * @param max    largest value.
     */
    public record Percentiles(long count, long p50, long p90, long p99, long p999, long max)
    {
    }
}
