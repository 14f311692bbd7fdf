/**
 * Live connections: {@link io.takerflow.feeds.net.FeedConnection} (one venue's connection state machine),
 * {@link io.takerflow.feeds.net.WebSocketPipeline} (the Netty pipeline), the trade gate (order, de-duplication,
 * gaps, make-before-break hand-over), {@link io.takerflow.feeds.net.FeedErrors} (feed errors, counted and handed
 * to the engine's error handler) and {@link io.takerflow.feeds.net.FeedGroup}. Uses Netty, Agrona, the engine and the venue protocols;
 * names no venue.
 */
package io.takerflow.feeds.net;
