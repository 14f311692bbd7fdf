/**
 * The journal benchmark: appending one input record and reading one back
 * ({@link io.takerflow.bench.journal.JournalBenchmark}). Uses the engine's slot contract, the journal and JMH.
 */
package io.takerflow.bench.journal;
