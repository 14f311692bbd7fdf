/**
 * Latency of one signal to a strategy: in-process callback, over Aeron IPC, and over Aeron UDP on loopback, with
 * HdrHistogram percentiles and the bytes allocated per message on both sides. Uses the fanout module and the engine.
 */
package io.takerflow.bench.fanout;
