/**
 * Allocation-free reading of exchange JSON straight from frame bytes: {@link io.takerflow.feeds.json.JsonCursor}
 * (keys, strings, decimals as mantissa and scale) and {@link io.takerflow.feeds.json.IsoTime} (ISO-8601 and epoch
 * times to epoch nanoseconds). Shared by every venue's decoder. Uses Agrona's buffers and the engine's slot
 * contract only; knows nothing of sockets or venues.
 */
package io.takerflow.feeds.json;
