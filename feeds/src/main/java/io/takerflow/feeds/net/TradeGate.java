package io.takerflow.feeds.net;

import java.util.Arrays;

import io.takerflow.engine.FeedState;
import io.takerflow.engine.InputEvent;
import io.takerflow.engine.InputPublisher;
import io.takerflow.engine.Venue;
import io.takerflow.feeds.VenueEndpoints;

/**
 * Decides, per instrument, which trades of a venue go on the ring: it drops duplicates, turns jumps in
 * consecutive trade ids into GAP events, and arbitrates between two connections while one replaces the other
 * (make-before-break rotation) so that not one trade is lost or doubled.
 * <p>
 * Every connection has a generation number. Per instrument one generation is authoritative. A newer connection
 * takes over an instrument with its first trade that continues the accepted sequence (id at most last + 1);
 * until then its trades are skipped because the older connection still delivers them. Once the older
 * connection is retired, the newer one takes over with its next trade, reporting a gap if ids jumped.
 * Used on one thread: the venue's event loop.
 */
final class TradeGate
{
    private final Venue venue;
    private final InputPublisher publisher;
    private final FeedCounters counters;
    private final boolean consecutive;
    private final boolean increasing;
    private final long[] lastId;
    private final long[] authority;
    private long retiredGeneration;

    TradeGate(final Venue venue, final int instrumentCount, final InputPublisher publisher, final FeedCounters counters)
    {
        this.venue = venue;
        this.publisher = publisher;
        this.counters = counters;
        this.consecutive = VenueEndpoints.consecutiveTradeIds(venue);
        this.increasing = VenueEndpoints.increasingTradeIds(venue);
        this.lastId = new long[instrumentCount];
        this.authority = new long[instrumentCount];
        Arrays.fill(lastId, -1);
    }

    /**
     * @param generation the connection the trade arrived on.
     * @param trade      the decoded trade.
     */
    void onTrade(final long generation, final InputEvent trade)
    {
        final int i = trade.instrumentId();
        if (!increasing)
        {
            counters.trades.incrementRelease();
            publisher.publish(trade);
            return;
        }
        final long id = trade.tradeId();
        if (!takeOver(generation, i, id))
        {
            return;
        }
        final long last = lastId[i];
        if (last >= 0 && id <= last)
        {
            counters.duplicates.incrementRelease();
            return;
        }
        if (consecutive && last >= 0 && id > last + 1)
        {
            reportGap(i, id - last - 1, trade.receiveTimeNs());
        }
        lastId[i] = id;
        counters.trades.incrementRelease();
        publisher.publish(trade);
    }

    /**
     * The venue stated its last trade id (Coinbase heartbeat): anything beyond what was accepted is missing.
     *
     * @param generation    the connection it arrived on.
     * @param instrumentId  the instrument.
     * @param lastTradeId   the venue's last trade id.
     * @param receiveTimeNs when it arrived.
     */
    void onLastTradeId(final long generation, final int instrumentId, final long lastTradeId, final long receiveTimeNs)
    {
        if (!consecutive || authority[instrumentId] != generation || lastId[instrumentId] < 0)
        {
            return;
        }
        if (lastTradeId > lastId[instrumentId])
        {
            reportGap(instrumentId, lastTradeId - lastId[instrumentId], receiveTimeNs);
            lastId[instrumentId] = lastTradeId;
        }
    }

    /**
     * A connection is gone: its instruments go to the next connection with its next trade.
     *
     * @param generation the closed connection.
     */
    void retire(final long generation)
    {
        retiredGeneration = Math.max(retiredGeneration, generation);
    }

    /**
     * @param generation a connection.
     * @param instrumentIds instruments it carries.
     * @return true if it is authoritative for every one of them.
     */
    boolean ownsAll(final long generation, final int[] instrumentIds)
    {
        for (final int id : instrumentIds)
        {
            if (authority[id] != generation)
            {
                return false;
            }
        }
        return true;
    }

    private boolean takeOver(final long generation, final int i, final long id)
    {
        final long current = authority[i];
        if (current == generation)
        {
            return true;
        }
        if (generation < current)
        {
            counters.duplicates.incrementRelease();
            return false;
        }
        final boolean currentRetired = current <= retiredGeneration;
        if (!currentRetired && lastId[i] >= 0 && id > lastId[i] + 1)
        {
            counters.duplicates.incrementRelease();
            return false;
        }
        authority[i] = generation;
        return true;
    }

    private void reportGap(final int instrumentId, final long missing, final long receiveTimeNs)
    {
        counters.gaps.incrementRelease();
        counters.missingTrades.getAndAddRelease(missing);
        publisher.publishFeedStatus(venue, instrumentId, FeedState.GAP, missing, receiveTimeNs);
    }
}
