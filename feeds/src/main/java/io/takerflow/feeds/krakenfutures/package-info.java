/**
 * Kraken Futures WebSocket v1: the {@code trade} feed ({@code trade_snapshot} of the 100 newest trades on subscribe,
 * then one {@code trade} per frame), subscription events and the {@code heartbeat} feed. Uses the engine's slot
 * contract and the shared feed types only.
 */
package io.takerflow.feeds.krakenfutures;
