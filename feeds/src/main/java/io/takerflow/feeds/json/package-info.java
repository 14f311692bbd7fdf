/**
 * Allocation-free reading of exchange JSON straight from frame bytes: {@link io.takerflow.feeds.json.JsonCursor}
 * (keys, strings, decimals as mantissa and scale) and {@link io.takerflow.feeds.json.IsoTime} (ISO-8601 and epoch
 * times to epoch nanoseconds). Shared by every venue's decoder. Uses Agrona's buffers and the engine's slot
 * contract only; knows nothing of sockets or venues.
 * <p>
 * Two ways to read a frame, one reference: a decoder first tries its venue's trade message as the venue writes it,
 * a {@link io.takerflow.feeds.json.JsonShape} matched eight bytes at a time ({@link
 * io.takerflow.feeds.json.JsonCursor#match}), and reads any frame that does not match exactly with its general field
 * loop ({@code beginObject}, {@code nextField}, ...), which also decides what is malformed. A shape may only save
 * time: each decoder's test checks that both ways give the same result on recorded frames and damaged copies.
 */
package io.takerflow.feeds.json;
