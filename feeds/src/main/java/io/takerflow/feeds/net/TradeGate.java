package io.takerflow.feeds.net;

import java.util.Arrays;

import org.agrona.collections.LongHashSet;

import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.TradeIds;

/**
 * Decides, per instrument, which trades of a venue go on the ring: it drops duplicates, turns jumps in
 * consecutive trade ids into GAP events, and arbitrates between two connections while one replaces the other
 * (make-before-break rotation) so that not one trade is lost or doubled.
 * <p>
 * Every connection has a generation number and is live from {@link #open(long)} to {@link #retire(long)}. Per
 * instrument one generation is authoritative. During a rotation the newer connection's trades are handled so:
 * <ul>
 *     <li>at or below the last accepted id: already delivered by the older connection, skipped as duplicates;</li>
 *     <li>the next consecutive id: the newer connection takes over at once;</li>
 *     <li>beyond it (the older connection lags or has gone quiet): held back, in order, until the older connection
 *     catches up to them, or lags for longer than {@link #LAG_LIMIT_NS}, or is retired; then the newer connection
 *     takes over, the held trades are published, and only ids that neither connection delivered are a gap.</li>
 * </ul>
 * Only the generations that are retired lose authority: a failed newer connection drops its held trades and
 * leaves the older one authoritative. When a retired connection's instrument is taken over by a new one (a
 * reconnect), trade ids that are not consecutive cannot prove what was missed: that interval is reported as a
 * GAP of unknown size ({@link InputEvent#MISSING_UNKNOWN}). On venues whose ids are opaque ({@link TradeIds#NONE})
 * ids are never ordered, only remembered ({@link #RECENT_IDS} of them) so that the copies two connections deliver
 * during a switch are dropped.
 * <p>
 * Used on one thread: the venue's event loop. Nothing allocates after construction.
 */
final class TradeGate
{
    /** How long a newer connection's trades are held back waiting for a lagging older connection. */
    static final long LAG_LIMIT_NS = 1_000_000_000L;
    /** Trades a newer connection may have held back at once; when full, it takes over at once. */
    static final int HOLD_CAPACITY = 8192;
    /** Opaque ids remembered to drop the copies two connections deliver during a switch. */
    static final int RECENT_IDS = 8192;

    private final Venue venue;
    private final InputPublisher publisher;
    /** Filled and copied onto the ring, under its own lock, for each feed status this publishes (rare). */
    private final InputEvent status = new InputEvent();
    private final FeedCounters counters;
    private final TradeIds ids;
    private final long[] lastId;
    /** Exchange time of the trade with {@link #lastId}, or {@link Backfill.Gap#UNKNOWN_TIME} for a seeded id. */
    private final long[] lastTimeNs;
    private final boolean[] hasLast;
    private final long[] authority;
    private final boolean[] held;
    private final boolean[] unverified;
    private final long[] firstHeldId;
    private final long[] heldSinceNs;
    private final InputEvent[] hold = new InputEvent[HOLD_CAPACITY];
    private final LongHashSet recentIds;
    private final long[] recentRing;
    /** Exchange time and instrument of each remembered opaque id, to know what the ring has forgotten. */
    private final long[] recentTimeNs;
    private final int[] recentInstrument;
    /** Per instrument, the latest exchange time of an opaque id the ring has forgotten. */
    private final long[] forgottenUpToNs;
    private final long[] overlapProvenBy;
    private int recentNext;
    private int recentSize;
    private final int[] holdInstrument = new int[HOLD_CAPACITY];
    private int holdSize;
    private int heldCount;
    private long holdGeneration;
    private long liveA;
    private long liveB;
    private Backfill backfill;

    TradeGate(final Venue venue, final TradeIds ids, final int instrumentCount, final InputPublisher publisher,
        final FeedCounters counters)
    {
        this.venue = venue;
        this.ids = ids;
        this.publisher = publisher;
        this.counters = counters;
        this.lastId = new long[instrumentCount];
        this.lastTimeNs = new long[instrumentCount];
        Arrays.fill(lastTimeNs, Backfill.Gap.UNKNOWN_TIME);
        this.hasLast = new boolean[instrumentCount];
        this.authority = new long[instrumentCount];
        this.held = new boolean[instrumentCount];
        this.unverified = new boolean[instrumentCount];
        this.firstHeldId = new long[instrumentCount];
        this.heldSinceNs = new long[instrumentCount];
        for (int i = 0; i < hold.length; i++)
        {
            hold[i] = new InputEvent();
        }
        this.overlapProvenBy = new long[instrumentCount];
        this.recentIds = ids == TradeIds.NONE ? new LongHashSet(RECENT_IDS * 4) : null;
        this.recentRing = ids == TradeIds.NONE ? new long[RECENT_IDS] : null;
        this.recentTimeNs = ids == TradeIds.NONE ? new long[RECENT_IDS] : null;
        this.recentInstrument = ids == TradeIds.NONE ? new int[RECENT_IDS] : null;
        this.forgottenUpToNs = new long[instrumentCount];
        Arrays.fill(forgottenUpToNs, Long.MIN_VALUE);
    }

    /**
     * @param backfill where gaps whose interval ids bound go to be recovered over REST; null for none.
     */
    void backfill(final Backfill backfill)
    {
        this.backfill = backfill;
    }

    /**
     * A trade a backfill fetched for a gap: published, marked {@link InputEvent#BACKFILLED}, only if its id lies
     * strictly inside the gap and, for pages in id order, beyond the last one published for it in the page
     * direction (pages in no promised id order come without copies: the backfill drops them). The live stream
     * never publishes an id at or below the last it accepted, and a gap's interval lies below that, so the two
     * never publish the same trade; gaps of one instrument never overlap.
     *
     * @param gap   the gap.
     * @param trade the trade, marked.
     * @param order how the backfill's pages are ordered by id.
     * @return true if published.
     */
    boolean onBackfilledTrade(final Backfill.Gap gap, final InputEvent trade, final Backfill.PageOrder order)
    {
        final long id = trade.tradeId();
        if (id <= gap.after || id >= gap.before)
        {
            return false; // a page reaching past the gap: the live stream has those
        }
        if (order == Backfill.PageOrder.OLDEST_FIRST && id <= gap.lastPublished ||
            order == Backfill.PageOrder.NEWEST_FIRST && id >= gap.lastPublished)
        {
            counters.duplicates.incrementRelease();
            return false;
        }
        gap.lastPublished = id;
        counters.recoveredTrades.incrementRelease();
        publisher.publish(trade);
        return true;
    }

    /**
     * A connection opened: it is live until {@link #retire(long)}.
     *
     * @param generation the connection.
     */
    void open(final long generation)
    {
        if (liveA == 0)
        {
            liveA = generation;
        }
        else if (liveB == 0)
        {
            liveB = generation;
        }
        else
        {
            throw new IllegalStateException("more than two live connections on " + venue.id());
        }
    }

    /**
     * A connection is gone. If it was authoritative, trades held back by the connection replacing it are released;
     * if it was the one holding trades back, they are dropped (the authoritative connection delivers them).
     *
     * @param generation    the closed connection.
     * @param receiveTimeNs when.
     */
    void retire(final long generation, final long receiveTimeNs)
    {
        if (liveA == generation)
        {
            liveA = 0;
        }
        else if (liveB == generation)
        {
            liveB = 0;
        }
        else
        {
            return;
        }
        if (heldCount > 0)
        {
            if (holdGeneration == generation)
            {
                dropHeld();
            }
            else
            {
                releaseAll(receiveTimeNs);
            }
        }
    }

    /**
     * @param generation    the connection the trade arrived on.
     * @param trade         the decoded trade.
     */
    void onTrade(final long generation, final InputEvent trade)
    {
        if (ids == TradeIds.NONE)
        {
            onOpaqueTrade(generation, trade);
            return;
        }
        final int i = trade.instrumentId();
        final long current = authority[i];
        if (current == generation)
        {
            accept(i, trade, false);
            if (held[i] && caughtUp(i))
            {
                authority[i] = holdGeneration;
                release(i, trade.receiveTimeNs());
            }
            return;
        }
        if (current == 0 || !isLive(current))
        {
            authority[i] = generation;
            // taking over from a retired connection is unverified unless this one delivered the last trade published
            accept(i, trade, current != 0 && overlapProvenBy[i] != generation);
            return;
        }
        if (generation < current || !isLive(generation))
        {
            counters.duplicates.incrementRelease();
            return;
        }
        // a newer connection while the older one is still live: a rotation
        final long id = trade.tradeId();
        if (!held[i] && hasLast[i] && id <= lastId[i])
        {
            counters.duplicates.incrementRelease();
            if (id == lastId[i])
            {
                // this connection delivered the last trade published: its stream continues the published one, so a
                // takeover when the older connection retires leaves no unverified interval
                overlapProvenBy[i] = generation;
            }
            return;
        }
        if (!held[i] && (!hasLast[i] || (ids == TradeIds.CONSECUTIVE && id == lastId[i] + 1)))
        {
            authority[i] = generation;
            accept(i, trade, false);
            return;
        }
        holdBack(generation, i, trade);
    }

    /**
     * Opaque ids (Bybit): never ordered, only remembered. While two connections are live, a trade is published by
     * whichever delivers it first and its copy from the other is dropped; a new connection that delivered a copy
     * has proven the overlap, so taking over from the old one loses nothing. Without that proof (a reconnect) the
     * interval is a gap of unknown size, bounded for a backfill by the times of the trades either side of it.
     */
    private void onOpaqueTrade(final long generation, final InputEvent trade)
    {
        final int i = trade.instrumentId();
        final long id = trade.tradeId();
        if (!isLive(generation))
        {
            counters.duplicates.incrementRelease();
            return;
        }
        final long current = authority[i];
        if (recentIds.contains(id))
        {
            counters.duplicates.incrementRelease();
            if (current != generation)
            {
                overlapProvenBy[i] = generation;
            }
            return;
        }
        if (current != generation && (current == 0 || !isLive(current)))
        {
            authority[i] = generation;
            if (current != 0 && overlapProvenBy[i] != generation)
            {
                reportOpaqueGap(i, trade);
            }
        }
        remember(i, id, trade.exchangeTimeNs());
        lastTimeNs[i] = Math.max(lastTimeNs[i], trade.exchangeTimeNs());
        counters.trades.incrementRelease();
        publisher.publish(trade);
    }

    private void remember(final int instrumentId, final long id, final long timeNs)
    {
        if (recentSize == RECENT_IDS)
        {
            recentIds.remove(recentRing[recentNext]);
            final int forgotten = recentInstrument[recentNext];
            forgottenUpToNs[forgotten] = Math.max(forgottenUpToNs[forgotten], recentTimeNs[recentNext]);
        }
        else
        {
            recentSize++;
        }
        recentRing[recentNext] = id;
        recentTimeNs[recentNext] = timeNs;
        recentInstrument[recentNext] = instrumentId;
        recentNext = (recentNext + 1) % RECENT_IDS;
        recentIds.add(id);
    }

    /**
     * A reconnect on a venue with opaque ids: nothing bounds the gap by id, but time does, from the latest trade
     * published before it to the trade that ends it. If a backfill can recover such a gap (a venue serving its latest
     * trades, Bybit, or its trades by time, BitMEX), the GAP is marked {@link InputEvent#BACKFILL_PENDING} and the
     * backfill starts; otherwise it is only reported.
     */
    private void reportOpaqueGap(final int instrumentId, final InputEvent next)
    {
        final long afterTimeNs = lastTimeNs[instrumentId];
        if (backfill == null || afterTimeNs == Backfill.Gap.UNKNOWN_TIME || !backfill.canRecover(instrumentId))
        {
            reportGap(instrumentId, InputEvent.MISSING_UNKNOWN, next.receiveTimeNs());
            return;
        }
        startBackfill(new Backfill.Gap(instrumentId).opaque().afterTimeNs(afterTimeNs)
            .beforeTimeNs(next.exchangeTimeNs()).missing(InputEvent.MISSING_UNKNOWN), next.receiveTimeNs());
    }

    /**
     * @param instrumentId an instrument of a venue with opaque ids.
     * @param sinceNs      an exchange time.
     * @return true if every opaque id published for it at or after that time is still remembered, so a trade of a
     * backfill can be told from one already published.
     */
    boolean remembersSince(final int instrumentId, final long sinceNs)
    {
        return recentIds != null && forgottenUpToNs[instrumentId] < sinceNs;
    }

    /**
     * A trade a backfill fetched for a gap on a venue with opaque ids: published, marked
     * {@link InputEvent#BACKFILLED}, only if its exchange time lies within the gap's span (both ends inclusive: the
     * trades of those milliseconds may be on either side) and its id was never published; then remembered, so the
     * live stream drops it if it delivers it too. The caller has checked that the ring still remembers the span
     * ({@link #remembersSince}).
     *
     * @param gap   the gap.
     * @param trade the trade, marked.
     * @return true if published.
     */
    boolean onBackfilledOpaqueTrade(final Backfill.Gap gap, final InputEvent trade)
    {
        final long timeNs = trade.exchangeTimeNs();
        if (timeNs < gap.afterTimeNs || timeNs > gap.beforeTimeNs)
        {
            return false;
        }
        if (recentIds.contains(trade.tradeId()))
        {
            counters.duplicates.incrementRelease();
            return false;
        }
        remember(gap.instrumentId, trade.tradeId(), timeNs);
        counters.recoveredTrades.incrementRelease();
        publisher.publish(trade);
        return true;
    }

    /**
     * The venue stated its last trade id for an instrument (heartbeat or snapshot): it seeds the last id when
     * there is none, and anything beyond what was accepted is missing (counted exactly on consecutive ids).
     *
     * @param generation    the connection it arrived on.
     * @param instrumentId  the instrument.
     * @param venueLastId   the venue's last trade id.
     * @param receiveTimeNs when it arrived.
     * @return false if it revealed trades this connection should have delivered and did not (a subscription that
     * is not healthy), true if it proves the subscription alive (an idle market, a seed).
     */
    boolean onLastTradeId(final long generation, final int instrumentId, final long venueLastId,
        final long receiveTimeNs)
    {
        if (ids == TradeIds.NONE)
        {
            return true;
        }
        final int i = instrumentId;
        final long current = authority[i];
        if (current != generation)
        {
            if (current != 0 && isLive(current))
            {
                return true;
            }
            authority[i] = generation;
            if (current != 0 && ids != TradeIds.CONSECUTIVE)
            {
                unverified[i] = true;
            }
        }
        if (!hasLast[i])
        {
            lastId[i] = venueLastId;
            hasLast[i] = true;
            return true;
        }
        if (venueLastId > lastId[i])
        {
            if (ids == TradeIds.CONSECUTIVE)
            {
                reportGapBefore(i, venueLastId - lastId[i], receiveTimeNs, venueLastId + 1,
                    Backfill.Gap.UNKNOWN_TIME);
            }
            else if (unverified[i])
            {
                // a takeover's snapshot: the trades up to its newest id were missed too, so the last id delivered
                // stays the gap's start (the first live trade reports it, and a backfill recovers the snapshot's)
                return true;
            }
            lastId[i] = venueLastId;
            lastTimeNs[i] = Backfill.Gap.UNKNOWN_TIME;
            return current != generation;
        }
        return true;
    }

    /**
     * A connection lost messages (the venue's per-connection sequence jumped): every instrument it is
     * authoritative for may have missed trades, how many is unknown.
     *
     * @param generation    the connection.
     * @param receiveTimeNs when it was noticed.
     */
    void onMessagesLost(final long generation, final long receiveTimeNs)
    {
        for (int i = 0; i < authority.length; i++)
        {
            if (authority[i] == generation)
            {
                reportGap(i, InputEvent.MISSING_UNKNOWN, receiveTimeNs);
            }
        }
    }

    /**
     * Lets a newer connection take over instruments on which the older one has lagged for longer than
     * {@link #LAG_LIMIT_NS}. Called periodically while two connections are live.
     *
     * @param nowNs the receive clock now.
     */
    void checkLag(final long nowNs)
    {
        if (heldCount == 0)
        {
            return;
        }
        for (int i = 0; i < held.length; i++)
        {
            if (held[i] && nowNs - heldSinceNs[i] > LAG_LIMIT_NS)
            {
                authority[i] = holdGeneration;
                release(i, nowNs);
            }
        }
    }

    /**
     * @param generation    a connection.
     * @param instrumentIds instruments it carries.
     * @return true if it is authoritative for every one of them.
     */
    boolean ownsAll(final long generation, final int[] instrumentIds)
    {
        for (final int id : instrumentIds)
        {
            if (ids == TradeIds.NONE ? overlapProvenBy[id] != generation && authority[id] != generation :
                authority[id] != generation)
            {
                return false;
            }
        }
        return true;
    }

    private boolean isLive(final long generation)
    {
        return generation != 0 && (generation == liveA || generation == liveB);
    }

    private boolean caughtUp(final int i)
    {
        return hasLast[i] && lastId[i] >= firstHeldId[i] - (ids == TradeIds.CONSECUTIVE ? 1 : 0);
    }

    private void accept(final int i, final InputEvent trade, final boolean tookOverFromRetired)
    {
        if (tookOverFromRetired && ids != TradeIds.CONSECUTIVE)
        {
            unverified[i] = true;
        }
        if (ids == TradeIds.NONE)
        {
            if (unverified[i])
            {
                unverified[i] = false;
                reportGap(i, InputEvent.MISSING_UNKNOWN, trade.receiveTimeNs());
            }
            counters.trades.incrementRelease();
            publisher.publish(trade);
            return;
        }
        final long id = trade.tradeId();
        if (hasLast[i] && id <= lastId[i])
        {
            counters.duplicates.incrementRelease();
            return;
        }
        if (hasLast[i] && ids == TradeIds.CONSECUTIVE && id > lastId[i] + 1)
        {
            reportGapBefore(i, id - lastId[i] - 1, trade.receiveTimeNs(), id, trade.exchangeTimeNs());
        }
        else if (unverified[i] && hasLast[i] && id > lastId[i])
        {
            reportGapBefore(i, InputEvent.MISSING_UNKNOWN, trade.receiveTimeNs(), id, trade.exchangeTimeNs());
        }
        unverified[i] = false;
        lastId[i] = id;
        lastTimeNs[i] = trade.exchangeTimeNs();
        hasLast[i] = true;
        counters.trades.incrementRelease();
        publisher.publish(trade);
    }

    private void holdBack(final long generation, final int i, final InputEvent trade)
    {
        if (heldCount > 0 && holdGeneration != generation)
        {
            dropHeld();
        }
        if (holdSize == HOLD_CAPACITY)
        {
            releaseAll(trade.receiveTimeNs());
            authority[i] = generation;
            accept(i, trade, false);
            return;
        }
        holdGeneration = generation;
        if (!held[i])
        {
            held[i] = true;
            firstHeldId[i] = trade.tradeId();
            heldSinceNs[i] = trade.receiveTimeNs();
        }
        holdInstrument[holdSize] = i;
        hold[holdSize++].copyFrom(trade);
        heldCount++;
        counters.heldBack.incrementRelease();
    }

    /**
     * The newer connection takes over instrument i: its held trades go out in order, the gate dropping what the
     * older connection already delivered and reporting what neither did.
     */
    private void release(final int i, final long receiveTimeNs)
    {
        held[i] = false;
        boolean first = true;
        for (int k = 0; k < holdSize; k++)
        {
            final InputEvent trade = hold[k];
            if (holdInstrument[k] == i)
            {
                if (first && ids != TradeIds.CONSECUTIVE && hasLast[i] && !caughtUpTo(i, trade.tradeId()))
                {
                    reportGapBefore(i, InputEvent.MISSING_UNKNOWN, receiveTimeNs, trade.tradeId(),
                        trade.exchangeTimeNs());
                }
                first = false;
                accept(i, trade, false);
                holdInstrument[k] = -1;
                heldCount--;
            }
        }
        if (heldCount == 0)
        {
            holdSize = 0;
        }
    }

    private boolean caughtUpTo(final int i, final long firstId)
    {
        return lastId[i] >= firstId;
    }

    private void releaseAll(final long receiveTimeNs)
    {
        for (int i = 0; i < held.length; i++)
        {
            if (held[i])
            {
                authority[i] = holdGeneration;
                release(i, receiveTimeNs);
            }
        }
        holdSize = 0;
        heldCount = 0;
    }

    private void dropHeld()
    {
        Arrays.fill(held, false);
        holdSize = 0;
        heldCount = 0;
    }

    /**
     * Reports a gap nothing bounds (opaque ids, lost messages): it cannot be backfilled.
     */
    private void reportGap(final int instrumentId, final long missing, final long receiveTimeNs)
    {
        countGap(missing);
        synchronized (status)
        {
            publisher.publish(status.feedStatus().venue(venue).instrumentId(instrumentId).feedState(FeedState.GAP)
                .missingCount(missing).receiveTimeNs(receiveTimeNs));
        }
    }

    /**
     * Reports a gap from the last trade delivered on an instrument ({@code lastId}, {@code lastTimeNs}) to the first
     * after it; if a backfill can recover it, the GAP is marked {@link InputEvent#BACKFILL_PENDING} and the backfill
     * starts.
     *
     * @param beforeId     the first id delivered after the gap.
     * @param beforeTimeNs its exchange time, or {@link Backfill.Gap#UNKNOWN_TIME}.
     */
    private void reportGapBefore(
        final int instrumentId, final long missing, final long receiveTimeNs, final long beforeId,
        final long beforeTimeNs)
    {
        final long after = lastId[instrumentId];
        if (backfill == null || after < 0 || beforeId <= after + 1 || !backfill.canRecover(instrumentId))
        {
            reportGap(instrumentId, missing, receiveTimeNs);
            return;
        }
        startBackfill(new Backfill.Gap(instrumentId).afterId(after).afterTimeNs(lastTimeNs[instrumentId])
            .beforeId(beforeId).beforeTimeNs(beforeTimeNs).missing(missing), receiveTimeNs);
    }

    /**
     * Reports a gap a backfill will recover: counted, published as a GAP marked {@link InputEvent#BACKFILL_PENDING},
     * and handed to the backfill.
     */
    private void startBackfill(final Backfill.Gap gap, final long receiveTimeNs)
    {
        countGap(gap.missing);
        synchronized (status)
        {
            publisher.publish(status.feedStatus().venue(venue).instrumentId(gap.instrumentId)
                .feedState(FeedState.GAP).missingCount(gap.missing).receiveTimeNs(receiveTimeNs)
                .mark(InputEvent.BACKFILL_PENDING, 0));
        }
        backfill.start(gap, receiveTimeNs);
    }

    private void countGap(final long missing)
    {
        counters.gaps.incrementRelease();
        if (missing > 0)
        {
            counters.missingTrades.getAndAddRelease(missing);
        }
        else
        {
            counters.unverifiedIntervals.incrementRelease();
        }
    }
}
