package io.takerflow.bench.e2e;

import java.io.File;
import java.nio.MappedByteBuffer;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import io.takerflow.engine.input.TakerSide;

/**
 * What the sender put on the wire, shared between the sender's process and the engine's through a memory-mapped
 * file: per trade (slot = its place in the tape since the first trade sent, modulo the slot count) the time it was
 * due, the time it was written and its taker side. {@link System#nanoTime()} reads the machine's monotonic clock, the
 * same in both processes on Linux, so the engine's process measures latency from the sender's schedule.
 */
final class SentTrades implements AutoCloseable
{
    private static final int SLOT_BYTES = 24;
    private static final int SCHEDULED = 0;
    private static final int SENT = 8;
    private static final int SIDE = 16;
    private static final int HEADER = 64;
    private static final int FIRST_TRADE_ID = 0;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final int mask;
    private long firstTradeId = -1;

    private SentTrades(final MappedByteBuffer mapped, final int slots)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.mask = slots - 1;
    }

    /**
     * @param file  the file, created or truncated.
     * @param slots trades it holds before wrapping (a power of two).
     * @return the map, zeroed.
     */
    static SentTrades create(final File file, final int slots)
    {
        if (Integer.bitCount(slots) != 1)
        {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        return new SentTrades(IoUtil.mapNewFile(file, HEADER + (long)slots * SLOT_BYTES), slots);
    }

    /**
     * @param file  a file the sender created.
     * @param slots its slot count.
     * @return the map.
     */
    static SentTrades open(final File file, final int slots)
    {
        return new SentTrades(IoUtil.mapExistingFile(file, "sent trades"), slots);
    }

    /**
     * Notes one trade as written (the sender's thread only).
     *
     * @param tradeId     the trade id on the tape.
     * @param scheduledNs when it was due.
     * @param sentNs      when it was written.
     * @param side        its taker side.
     */
    void onSent(final long tradeId, final long scheduledNs, final long sentNs, final TakerSide side)
    {
        if (firstTradeId < 0)
        {
            firstTradeId = tradeId;
            buffer.putLongOrdered(FIRST_TRADE_ID, tradeId);
        }
        final int offset = HEADER + (int)((tradeId - firstTradeId) & mask) * SLOT_BYTES;
        buffer.putLong(offset + SENT, sentNs);
        buffer.putLong(offset + SIDE, side == TakerSide.BUY ? 1 : 2);
        buffer.putLongOrdered(offset + SCHEDULED, scheduledNs);
    }

    /**
     * @return the id of the first trade sent, or 0 before it.
     */
    long firstTradeId()
    {
        return buffer.getLongVolatile(FIRST_TRADE_ID);
    }

    /**
     * @param sequence the trade's place in the tape, from 0.
     * @return when it was due.
     */
    long scheduledNs(final long sequence)
    {
        return buffer.getLongVolatile(HEADER + (int)(sequence & mask) * SLOT_BYTES + SCHEDULED);
    }

    /**
     * @param sequence the trade's place in the tape, from 0.
     * @return when the sender wrote it.
     */
    long sentNs(final long sequence)
    {
        return buffer.getLong(HEADER + (int)(sequence & mask) * SLOT_BYTES + SENT);
    }

    /**
     * @param sequence the trade's place in the tape, from 0.
     * @return true if the taker bought.
     */
    boolean takerBought(final long sequence)
    {
        return buffer.getLong(HEADER + (int)(sequence & mask) * SLOT_BYTES + SIDE) == 1;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
