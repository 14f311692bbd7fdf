/**
 * Binance USD-M futures and spot: {@link io.takerflow.feeds.binance.BinanceProtocol} and the trade decoder. Everything
 * about the venue lives here; uses the shared feed contracts in {@code io.takerflow.feeds} and the engine's slot
 * contract, nothing of sockets.
 */
package io.takerflow.feeds.binance;
