/**
 * Deribit JSON-RPC over WebSocket: {@code trades.<instrument>.100ms} notifications, subscription replies,
 * {@code public/set_heartbeat} and its {@code test_request}s. Uses the engine's slot contract and the shared feed
 * types only.
 */
package io.takerflow.feeds.deribit;
