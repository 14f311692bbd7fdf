package io.takerflow.feeds.sim;

import java.util.ArrayList;
import java.util.List;

import io.takerflow.engine.SizeConvention;
import io.takerflow.engine.Venue;
import io.takerflow.feeds.VenueProtocols;

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

    Tape(final Venue venue, final String symbol, final double ratePerSecond, final long startNs, final long firstTradeId)
    {
        this.venue = venue;
        this.symbol = symbol;
        this.ratePerSecond = ratePerSecond;
        this.startNs = startNs;
        this.lastTradeId = firstTradeId - 1;
        this.inverse = VenueProtocols.of(venue).sizeConvention(symbol) == SizeConvention.INVERSE;
        this.quanto = VenueProtocols.of(venue).sizeConvention(symbol) == SizeConvention.QUANTO;
    }

    long due(final long nowNs)
    {
        return ratePerSecond <= 0 ? 0 : (long)((nowNs - startNs) * ratePerSecond / 1e9);
    }

    long scheduledNs(final long index)
    {
        return startNs + (long)(index * 1e9 / ratePerSecond);
    }
}
