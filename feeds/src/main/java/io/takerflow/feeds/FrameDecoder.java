package io.takerflow.feeds;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.Venue;

/**
 * Decodes one venue's WebSocket text frames straight from the bytes: no String, no allocation per trade.
 * A decoder knows one wire format and nothing of sockets; it is used by one thread at a time.
 */
public interface FrameDecoder
{
    /** Returned by {@link #decode} for a frame that is not valid for this venue's format. */
    int MALFORMED = -1;

    /**
     * @return the venue whose format this decodes.
     */
    Venue venue();

    /**
     * Decodes one frame, calling the sink for every trade (and heartbeat or shutdown notice) it holds.
     * Frames that are well formed but carry no trade (acks, heartbeats, other channels) return 0.
     * Trades for symbols not in the instrument catalog are skipped and not counted.
     *
     * @param buffer        holds the frame.
     * @param offset        first byte of the frame.
     * @param length        its length in bytes.
     * @param receiveTimeNs when the frame was received, epoch ns.
     * @param sink          where decoded trades go.
     * @return the number of trades passed to the sink, or {@link #MALFORMED}.
     */
    int decode(DirectBuffer buffer, int offset, int length, long receiveTimeNs, FrameSink sink);
}
