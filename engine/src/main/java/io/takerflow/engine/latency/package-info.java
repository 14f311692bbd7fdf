/**
 * Always-on latency telemetry: one zero-allocation HdrHistogram recorder per venue and stage (exchange time to
 * receive, receive to ring, ring to signal done) and per asynchronous subscriber (signal to subscriber, in all and per
 * venue of the trade that made the signal), each with one writer thread; an agent off the hot path turns them into
 * interval and since-start percentiles in a mapped file that {@code takerflow stat} reads, and optionally into an
 * HdrHistogram interval log. Uses HdrHistogram and Agrona only; nothing here is read by the signal handler's state, so
 * replays stay deterministic.
 */
package io.takerflow.engine.latency;
