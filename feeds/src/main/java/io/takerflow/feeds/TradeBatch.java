package io.takerflow.feeds;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.TakerSide;
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

    private final int[] instrumentIds = new int[CAPACITY];
    private final long[] exchangeTimes = new long[CAPACITY];
    private final long[] priceMantissas = new long[CAPACITY];
    private final int[] priceScales = new int[CAPACITY];
    private final long[] quantityMantissas = new long[CAPACITY];
    private final int[] quantityScales = new int[CAPACITY];
    private final boolean[] buys = new boolean[CAPACITY];
    private final long[] tradeIds = new long[CAPACITY];
    private final int[] order = new int[CAPACITY];
    private final InputEvent scratch = new InputEvent();
    private int size;

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
        return tradeIds[index];
    }

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return the instrument id held there.
     */
    public int instrumentId(final int index)
    {
        return instrumentIds[index];
    }

    /**
     * Holds one trade.
     *
     * @return false if the batch is full.
     */
    public boolean add(
        final int instrumentId,
        final long exchangeTimeNs,
        final long priceMantissa,
        final int priceScale,
        final long quantityMantissa,
        final int quantityScale,
        final TakerSide side,
        final long tradeId)
    {
        if (size == CAPACITY)
        {
            return false;
        }
        final int i = size++;
        instrumentIds[i] = instrumentId;
        exchangeTimes[i] = exchangeTimeNs;
        priceMantissas[i] = priceMantissa;
        priceScales[i] = priceScale;
        quantityMantissas[i] = quantityMantissa;
        quantityScales[i] = quantityScale;
        buys[i] = side == TakerSide.BUY;
        tradeIds[i] = tradeId;
        return true;
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
            while (byTradeId && j > 0 && tradeIds[order[j - 1]] > tradeIds[i])
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        for (int k = 0; k < count; k++)
        {
            final int i = order[k];
            final InputEvent trade = scratch.setTrade(venue, instrumentIds[i], exchangeTimes[i], receiveTimeNs,
                priceMantissas[i], priceScales[i], quantityMantissas[i], quantityScales[i],
                buys[i] ? TakerSide.BUY : TakerSide.SELL, tradeIds[i]);
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
