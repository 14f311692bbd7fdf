package io.takerflow.sim;

import java.util.ArrayList;
import java.util.List;

import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.venues.VenueProtocols;

/**
 * The trade tape of one symbol on one venue: ids count up by one from a venue-like starting point, whether or not
 * anyone is connected to see them, and every subscribed connection gets the same trades (as two connections to a
 * real venue do, which is what make-before-break rotation relies on). Touched by the simulator's loop only.
 */
final class Tape
{
    final Venue venue;
    final String symbol;
    final double ratePerSecond;
    final long startNs;
    /** True if the symbol's sizes are USD contracts (its venue protocol says inverse). */
    final boolean inverse;
    /** True if the symbol's sizes are whole contracts of a venue multiplier (quanto). */
    final boolean quanto;
    final List<SimSession> subscribers = new ArrayList<>();
    long generated;
    long lastTradeId;
    long lastPriceMantissa = 1;
    int lastPriceScale;
    /** Trades kept for the REST trade history, by id modulo the capacity. */
    static final int KEPT = 1 << 16;
    private final long[] keptTimeMs = new long[KEPT];
    private final long[] keptPrice = new long[KEPT];
    private final long[] keptQuantity = new long[KEPT];
    private final byte[] keptPriceScale = new byte[KEPT];
    private final byte[] keptQuantityScale = new byte[KEPT];
    private final boolean[] keptBuy = new boolean[KEPT];
    private final long firstTradeId;

    Tape(final Venue venue, final String symbol, final double ratePerSecond, final long startNs,
        final long firstTradeId)
    {
        this.venue = venue;
        this.symbol = symbol;
        this.ratePerSecond = ratePerSecond;
        this.startNs = startNs;
        this.lastTradeId = firstTradeId - 1;
        this.firstTradeId = firstTradeId;
        this.inverse = VenueProtocols.of(venue).sizeConvention(symbol) == SizeConvention.INVERSE;
        this.quanto = VenueProtocols.of(venue).sizeConvention(symbol) == SizeConvention.QUANTO;
    }

    /**
     * Keeps a trade for the REST history, whether it went on the wire or not (trading carries on unseen).
     */
    void keep(final SimTrade trade)
    {
        final int slot = (int)(trade.tradeId & (KEPT - 1));
        keptTimeMs[slot] = trade.timeMs;
        keptPrice[slot] = trade.priceMantissa;
        keptPriceScale[slot] = (byte)trade.priceScale;
        keptQuantity[slot] = trade.quantityMantissa;
        keptQuantityScale[slot] = (byte)trade.quantityScale;
        keptBuy[slot] = trade.takerSide == io.takerflow.engine.input.TakerSide.BUY;
    }

    /**
     * @return the oldest trade id still kept for the REST history.
     */
    long oldestKept()
    {
        return Math.max(firstTradeId, lastTradeId - KEPT + 1);
    }

    /**
     * Fills a trade from the kept history.
     *
     * @param id    a kept id, from {@link #oldestKept()} to {@code lastTradeId}.
     * @param into  where it goes.
     */
    void kept(final long id, final SimTrade into)
    {
        final int slot = (int)(id & (KEPT - 1));
        into.tradeId = id;
        into.timeMs = keptTimeMs[slot];
        into.priceMantissa = keptPrice[slot];
        into.priceScale = keptPriceScale[slot];
        into.quantityMantissa = keptQuantity[slot];
        into.quantityScale = keptQuantityScale[slot];
        into.takerSide = keptBuy[slot] ? io.takerflow.engine.input.TakerSide.BUY :
            io.takerflow.engine.input.TakerSide.SELL;
    }

    /**
     * How many of the tape's trades are due by now: trade {@code k} is due from {@link #scheduledNs(long)} on, the
     * time it is stamped with, so a trade is never sent a whole interval after its stamp (the schedule has this one
     * place; the count is estimated from the rate and then checked against it, so rounding cannot split the two).
     *
     * @param nowNs the simulator's clock.
     * @return the number of trades from the first whose scheduled time is at or before {@code nowNs}.
     */
    long due(final long nowNs)
    {
        if (ratePerSecond <= 0 || nowNs < startNs)
        {
            return 0;
        }
        long count = (long)((nowNs - startNs) * ratePerSecond / 1e9) + 1;
        while (count > 0 && scheduledNs(count - 1) > nowNs)
        {
            count--;
        }
        while (scheduledNs(count) <= nowNs)
        {
            count++;
        }
        return count;
    }

    /**
     * @param index a trade's place on the tape, from 0.
     * @return when it is due: the tape's start plus {@code index} intervals of {@code 1 / rate}.
     */
    long scheduledNs(final long index)
    {
        return startNs + (long)(index * 1e9 / ratePerSecond);
    }
}
