/**
 * Recorded exchange traffic: {@link io.takerflow.feeds.recorded.RecordedFrames} reads captured WebSocket frames
 * (cryptofeed, hftbacktest and plain captures) for {@code takerflow decode}, the tests and the benchmarks. Not a
 * hot path. Uses the JDK only.
 */
package io.takerflow.feeds.recorded;
