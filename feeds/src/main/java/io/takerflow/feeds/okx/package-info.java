/**
 * OKX v5 public trades: {@link io.takerflow.feeds.okx.OkxProtocol} and the trade decoder. Everything about the venue
 * lives here; uses the shared feed contracts in {@code io.takerflow.feeds} and the engine's slot contract, nothing of
 * sockets.
 */
package io.takerflow.feeds.okx;
