/**
 * The feed layer's shared parts: {@link io.takerflow.feeds.VenueProtocol} (every fact about one venue, one
 * implementation per venue package, listed in {@link io.takerflow.feeds.venues.VenueProtocols}), the
 * {@link io.takerflow.feeds.FrameDecoder} contract with its {@link io.takerflow.feeds.FrameSink}, the trade id rules
 * ({@link io.takerflow.feeds.TradeIds}) and the zero-allocation helpers decoders share
 * ({@link io.takerflow.feeds.TradeBatch}, {@link io.takerflow.feeds.TradeArrayReader}). Uses the engine's slot
 * contract and Agrona; knows nothing of sockets.
 */
package io.takerflow.feeds;
