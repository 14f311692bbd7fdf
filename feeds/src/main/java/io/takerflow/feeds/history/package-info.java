/**
 * History warm-up: {@link io.takerflow.feeds.history.KlineHistory} reads Binance USD-M klines over REST and turns
 * each closed bar into a HISTORY_SAMPLE for the Z-score, before live trading starts. Not a hot path. Uses the
 * engine's slot contract, Agrona, the feeds' JSON reader and the connection package's trust and loopback rules;
 * no Netty.
 */
package io.takerflow.feeds.history;
