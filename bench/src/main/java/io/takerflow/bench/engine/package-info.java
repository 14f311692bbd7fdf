/**
 * JMH benchmarks and harnesses of the engine alone: the ring hand-off against a blocking queue
 * ({@link io.takerflow.bench.engine.RingHandoffBenchmark}), one signal update
 * ({@link io.takerflow.bench.engine.SignalUpdateBenchmark}) and a long steady-state run that counts garbage
 * collections ({@link io.takerflow.bench.engine.SteadyStateRun}). Uses the engine's public API and JMH only.
 */
package io.takerflow.bench.engine;
