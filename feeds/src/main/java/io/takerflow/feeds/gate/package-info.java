/**
 * Gate futures WebSocket v4: {@code futures.trades} updates (the sign of {@code size} is the taker's side),
 * subscription replies and {@code futures.ping}. Uses the engine's slot contract and the shared feed types only.
 */
package io.takerflow.feeds.gate;
