/**
 * Coinbase Exchange and Coinbase Advanced Trade: their protocols and decoders. Everything about the venue lives here;
 * uses the shared feed contracts in {@code io.takerflow.feeds} and the engine's slot contract, nothing of sockets.
 */
package io.takerflow.feeds.coinbase;
