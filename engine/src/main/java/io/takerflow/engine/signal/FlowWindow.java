package io.takerflow.engine.signal;

/**
 * Taker buy and sell volume over the last {@code window}, kept in a circular array of time buckets.
 * <p>
 * Each trade adds to its bucket and to two compensated running totals: O(1). When time enters a new
 * bucket the expired buckets are cleared and the totals are re-summed exactly from the buckets, so no
 * error accumulates however long the engine runs. The window at time t holds every trade whose bucket
 * is one of the {@code window / bucket} buckets ending with t's bucket: the current, partly elapsed bucket and
 * the whole ones before it, so a 1 h window in 1 min buckets spans between 59 and 60 minutes of trades.
 */
public final class FlowWindow
{
    private final long bucketNs;
    private final int bucketCount;
    private final double[] buyBuckets;
    private final double[] buyErrors;
    private final double[] sellBuckets;
    private final double[] sellErrors;
    private final int[] tradeBuckets;
    private final int[] backfilledBuckets;
    private final CompensatedSum buyTotal = new CompensatedSum();
    private final CompensatedSum sellTotal = new CompensatedSum();
    private long trades;
    private long backfilledTrades;
    private long headBucket = Long.MIN_VALUE;
    private int headSlot;
    private long nextBucketStartNs = Long.MIN_VALUE;

    /**
     * @param windowNs length of the window.
     * @param bucketNs length of one bucket; the window must be a whole number of them.
     */
    public FlowWindow(final long windowNs, final long bucketNs)
    {
        if (bucketNs <= 0 || windowNs <= 0 || windowNs % bucketNs != 0)
        {
            throw new IllegalArgumentException("window " + windowNs + " ns must be a positive multiple of bucket " +
                bucketNs + " ns");
        }
        this.bucketNs = bucketNs;
        this.bucketCount = (int)(windowNs / bucketNs);
        this.buyBuckets = new double[bucketCount];
        this.buyErrors = new double[bucketCount];
        this.sellBuckets = new double[bucketCount];
        this.sellErrors = new double[bucketCount];
        this.tradeBuckets = new int[bucketCount];
        this.backfilledBuckets = new int[bucketCount];
    }

    /**
     * Moves the window's end to the bucket holding {@code timeNs}. Earlier times are ignored: time only advances.
     *
     * @param timeNs the current time.
     */
    public void advanceTo(final long timeNs)
    {
        if (timeNs < nextBucketStartNs)
        {
            return;
        }
        final long bucket = Math.floorDiv(timeNs, bucketNs);
        if (bucket <= headBucket)
        {
            return;
        }
        if (headBucket == Long.MIN_VALUE || bucket - headBucket >= bucketCount)
        {
            for (int i = 0; i < bucketCount; i++)
            {
                clear(i);
            }
        }
        else
        {
            for (long b = headBucket + 1; b <= bucket; b++)
            {
                clear(slot(b));
            }
        }
        headBucket = bucket;
        headSlot = slot(bucket);
        nextBucketStartNs = (bucket + 1) * bucketNs;
        resum();
    }

    /**
     * Adds a trade at {@code timeNs}; a time before the current bucket counts in the current bucket.
     *
     * @param timeNs   the trade's time.
     * @param buy      true for a taker buy.
     * @param quantity base units.
     */
    public void add(final long timeNs, final boolean buy, final double quantity)
    {
        advanceTo(timeNs);
        book(headSlot, buy, quantity);
    }

    /**
     * Adds a trade that happened at {@code timeNs} but is booked late (recovered by a backfill): into its own bucket
     * if the window still holds it, into the current bucket if its time is at or after it, and counts it in
     * {@link #backfilledTrades()} for as long as its bucket stays in the window. The window does not move for it
     * (unless its time is ahead of the window's end, as a live trade's would be). O(1).
     *
     * @param timeNs   when the trade happened.
     * @param buy      true for a taker buy.
     * @param quantity base units.
     * @return false if its bucket has already left the window (nothing booked).
     */
    public boolean addPast(final long timeNs, final boolean buy, final double quantity)
    {
        final long bucket = Math.floorDiv(timeNs, bucketNs);
        final int slot;
        if (headBucket == Long.MIN_VALUE || bucket >= headBucket)
        {
            advanceTo(timeNs);
            slot = headSlot;
        }
        else if (headBucket - bucket >= bucketCount)
        {
            return false;
        }
        else
        {
            slot = slot(bucket);
        }
        book(slot, buy, quantity);
        backfilledBuckets[slot]++;
        backfilledTrades++;
        return true;
    }

    private void book(final int slot, final boolean buy, final double quantity)
    {
        tradeBuckets[slot]++;
        trades++;
        if (buy)
        {
            addTo(buyBuckets, buyErrors, slot, quantity);
            buyTotal.add(quantity);
        }
        else
        {
            addTo(sellBuckets, sellErrors, slot, quantity);
            sellTotal.add(quantity);
        }
    }

    /**
     * Adds one closed bar of history (warm start: a kline's taker buy and sell volume and its trade count) into the
     * bucket holding {@code timeNs} if the window still holds it, into the current bucket if that time is at or after
     * it. The window does not move for it. O(1).
     *
     * @param timeNs     when the bar opened.
     * @param buyVolume  taker buy volume, base units.
     * @param sellVolume taker sell volume, base units.
     * @param barTrades  trades in the bar.
     * @return false if its bucket has already left the window (nothing booked) or the window has not started.
     */
    public boolean addBar(final long timeNs, final double buyVolume, final double sellVolume, final long barTrades)
    {
        if (headBucket == Long.MIN_VALUE)
        {
            return false;
        }
        final long bucket = Math.min(Math.floorDiv(timeNs, bucketNs), headBucket);
        if (headBucket - bucket >= bucketCount)
        {
            return false;
        }
        final int slot = slot(bucket);
        tradeBuckets[slot] += (int)barTrades;
        trades += barTrades;
        addTo(buyBuckets, buyErrors, slot, buyVolume);
        buyTotal.add(buyVolume);
        addTo(sellBuckets, sellErrors, slot, sellVolume);
        sellTotal.add(sellVolume);
        return true;
    }

    /**
     * @return taker buy volume in the window.
     */
    public double buyVolume()
    {
        return buyTotal.value();
    }

    /**
     * @return taker sell volume in the window.
     */
    public double sellVolume()
    {
        return sellTotal.value();
    }

    /**
     * @return trades in the window.
     */
    public long trades()
    {
        return trades;
    }

    /**
     * @return trades in the window that were booked late by {@link #addPast} (recovered by a backfill), a part of
     * {@link #trades()}.
     */
    public long backfilledTrades()
    {
        return backfilledTrades;
    }

    /**
     * @return {@code (B - S) / (B + S)}, 0 when the window is empty.
     */
    public double imbalance()
    {
        return FlowWindow.imbalance(buyVolume(), sellVolume());
    }

    /**
     * @param buy  taker buy volume.
     * @param sell taker sell volume.
     * @return {@code (buy - sell) / (buy + sell)}, 0 when both are 0.
     */
    public static double imbalance(final double buy, final double sell)
    {
        final double total = buy + sell;
        return total > 0 ? (buy - sell) / total : 0.0;
    }

    /**
     * @param part one side's volume.
     * @param other the other side's volume.
     * @return {@code part / (part + other)}, 0 when both are 0.
     */
    public static double ratio(final double part, final double other)
    {
        final double total = part + other;
        return total > 0 ? part / total : 0.0;
    }

    private int slot(final long bucket)
    {
        return (int)Math.floorMod(bucket, (long)bucketCount);
    }

    private void clear(final int slot)
    {
        buyBuckets[slot] = 0;
        buyErrors[slot] = 0;
        sellBuckets[slot] = 0;
        sellErrors[slot] = 0;
        tradeBuckets[slot] = 0;
        backfilledBuckets[slot] = 0;
    }

    private void resum()
    {
        buyTotal.reset();
        sellTotal.reset();
        trades = 0;
        backfilledTrades = 0;
        for (int i = 0; i < bucketCount; i++)
        {
            trades += tradeBuckets[i];
            backfilledTrades += backfilledBuckets[i];
            buyTotal.add(buyBuckets[i]);
            buyTotal.add(buyErrors[i]);
            sellTotal.add(sellBuckets[i]);
            sellTotal.add(sellErrors[i]);
        }
    }

    private static void addTo(final double[] sums, final double[] errors, final int slot, final double value)
    {
        final double sum = sums[slot];
        final double total = sum + value;
        errors[slot] += CompensatedSum.roundingError(sum, value, total);
        sums[slot] = total;
    }
}
