/**
 * Decoding benchmarks per venue against Jackson baselines ({@link io.takerflow.bench.feeds.DecodeBenchmark},
 * {@link io.takerflow.bench.feeds.MoreVenuesDecodeBenchmark}; the baselines' POJOs are {@code VenueTradeModels}),
 * and backfill throughput against the loopback simulator ({@link io.takerflow.bench.feeds.BackfillThroughput}).
 * Uses the engine, the feeds (decoders, connections, simulator), Jackson and JMH.
 */
package io.takerflow.bench.feeds;
