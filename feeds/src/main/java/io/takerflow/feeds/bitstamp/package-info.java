/**
 * Bitstamp public trades ({@code live_trades_<pair>}): {@link io.takerflow.feeds.bitstamp.BitstampProtocol} and
 * the trade decoder. Everything about the venue lives here; uses the shared feed contracts in
 * {@code io.takerflow.feeds} and the engine's slot contract, nothing of sockets.
 */
package io.takerflow.feeds.bitstamp;
