/**
 * BitMEX realtime WebSocket: the {@code trade} table ({@code partial} on subscribe, then {@code insert}s),
 * subscription replies, errors and the text ping. Uses the engine's slot contract and the shared feed types only.
 */
package io.takerflow.feeds.bitmex;
