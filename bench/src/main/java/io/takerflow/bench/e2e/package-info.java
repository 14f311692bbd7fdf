/**
 * End-to-end latency harnesses: wire to signal with the simulator in the same JVM ({@link
 * io.takerflow.bench.e2e.WireToSignalLatency}), and the split-process race of Takerflow against XChange's streaming
 * client with the sender in its own pinned JVM ({@code SplitProcessRace}, {@link
 * io.takerflow.bench.e2e.SenderProcess}).
 */
package io.takerflow.bench.e2e;
