package io.takerflow.feeds;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.Venue;

/**
 * The trades of one frame, held in preallocated arrays until the whole frame has parsed, so a frame that turns
 * out malformed half way emits nothing. Emitted in ascending trade id order (venues such as Coinbase Advanced
 * send snapshots newest first).
 */
public final class TradeBatch
{
    /** Trades one frame may hold; a frame with more is treated as malformed. */
    public static final int CAPACITY = 2048;

    private final InputEvent[] trades = new InputEvent[CAPACITY];
    private final int[] order = new int[CAPACITY];
    private int size;

    /**
     * A batch with every slot preallocated.
     */
    public TradeBatch()
    {
        for (int i = 0; i < CAPACITY; i++)
        {
            trades[i] = new InputEvent();
        }
    }

    /**
     * Empties the batch for the next frame.
     */
    public void clear()
    {
        size = 0;
    }

    /**
     * @return trades held.
     */
    public int size()
    {
        return size;
    }

    /**
     * Forgets every trade held after the first {@code newSize} (a part of the frame that is not flow, such as a
     * snapshot of past trades).
     *
     * @param newSize trades to keep.
     */
    public void truncate(final int newSize)
    {
        size = Math.min(size, newSize);
    }

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return the trade id held there.
     */
    public long tradeId(final int index)
    {
        return trades[index].tradeId();
    }

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return the instrument id held there.
     */
    public int instrumentId(final int index)
    {
        return trades[index].instrumentId();
    }

    /**
     * Holds one more trade: fill the slot returned with the named setters (the venue and receive time are set for
     * the whole frame by {@link #emitTo}), e.g.
     * <pre>{@code
     * final InputEvent trade = batch.add();
     * if (trade == null) { return malformed; }
     * trade.instrumentId(id).exchangeTimeNs(t).priceMantissa(p).priceScale(ps).quantityMantissa(q).quantityScale(qs)
     *     .takerSide(side).tradeId(tradeId);
     * }</pre>
     *
     * @return an empty TRADE slot, or null if the batch is full.
     */
    public InputEvent add()
    {
        if (size == CAPACITY)
        {
            return null;
        }
        return trades[size++].trade();
    }

    /**
     * Passes every held trade to the sink, then empties the batch.
     *
     * @param venue         the venue.
     * @param receiveTimeNs when the frame arrived.
     * @param sink          the destination.
     * @param byTradeId     true to emit in ascending trade id order, false to keep the frame's order.
     * @return how many trades were emitted.
     */
    public int emitTo(final Venue venue, final long receiveTimeNs, final FrameSink sink, final boolean byTradeId)
    {
        return emit(venue, receiveTimeNs, sink, byTradeId, false);
    }

    /**
     * Passes every held trade to the sink as a trade of a subscribe snapshot ({@link FrameSink#onSnapshotTrade}),
     * never as flow, then empties the batch.
     *
     * @param venue         the venue.
     * @param receiveTimeNs when the frame arrived.
     * @param sink          the destination.
     * @param byTradeId     true to emit in ascending trade id order (newest-first snapshots), false to keep the
     *                      frame's order.
     * @return how many trades were passed on.
     */
    public int emitSnapshotTo(final Venue venue, final long receiveTimeNs, final FrameSink sink,
        final boolean byTradeId)
    {
        return emit(venue, receiveTimeNs, sink, byTradeId, true);
    }

    private int emit(final Venue venue, final long receiveTimeNs, final FrameSink sink, final boolean byTradeId,
        final boolean snapshot)
    {
        final int count = size;
        for (int i = 0; i < count; i++)
        {
            int j = i;
            while (byTradeId && j > 0 && trades[order[j - 1]].tradeId() > trades[i].tradeId())
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        for (int k = 0; k < count; k++)
        {
            final InputEvent trade = trades[order[k]].venue(venue).receiveTimeNs(receiveTimeNs);
            if (snapshot)
            {
                sink.onSnapshotTrade(trade);
            }
            else
            {
                sink.onTrade(trade);
            }
        }
        size = 0;
        return count;
    }
}
