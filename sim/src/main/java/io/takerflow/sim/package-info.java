/**
 * The loopback exchange simulator: {@link io.takerflow.sim.ExchangeSimulator} serves the venues' real wire
 * formats over WebSocket and their REST trade history and klines over HTTP on 127.0.0.1, with fault knobs
 * ({@link io.takerflow.sim.SimulatorSettings}). Demo and test infrastructure, not used by a production feed.
 * Uses Netty, the engine's slot contract and the venues' protocol objects; the feed code never imports it.
 */
package io.takerflow.sim;
