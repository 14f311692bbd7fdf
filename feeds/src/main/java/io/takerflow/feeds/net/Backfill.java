package io.takerflow.feeds.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Fetches the trades of one venue's gaps from its REST trade history ({@link TradeHistory}) and hands them to the
 * {@link TradeGate}, which publishes each at most once, marked {@link InputEvent#BACKFILLED}.
 * <p>
 * One gap at a time per venue, one page at a time: a page is read straight onto the ring before the next is asked
 * for, so memory stays one page however large the gap. Requests keep the venue's interval
 * ({@link TradeHistory#requestIntervalNs()}); a 429 or 418 waits for its {@code Retry-After}; a failed request is
 * retried {@link #MAX_ATTEMPTS} times, then the backfill gives up. Trades older than the cap are not fetched. Every
 * backfill ends with a GAP marked {@link InputEvent#BACKFILL_DONE} carrying what it recovered and what it could not.
 * <p>
 * A history paged by id walks from one end of the gap's ids to the other. One paged by time walks the gap's span of
 * exchange time, from the last trade before it to the first after it, oldest first
 * ({@link TradeHistory.Paging#UP_FROM_TIME}) or newest first page by page ({@link TradeHistory.Paging#SPAN_BY_OFFSET});
 * the trade gate keeps the ids inside the gap and drops the copies a page boundary inside one millisecond brings (on a
 * venue with opaque ids, BitMEX, the trades of the span whose ids the gate never published). A
 * venue with only its newest trades ({@link TradeHistory.Paging#LATEST}) is asked once; what that page does not reach
 * is reported. A REST history may lag the WebSocket (or cache its answers): a time-paged or latest-only walk is whole
 * only once an answer holds the first trade after the gap; one that does not yet reach it is asked for again a second
 * later, {@link #MAX_ATTEMPTS} times at most.
 * <p>
 * HTTP runs on the JDK client's own threads; every answer is handled on the feed's event loop, which is never
 * blocked. Used on that event loop only.
 */
final class Backfill
{
    /** Gaps queued at once; beyond this a gap is only reported. */
    static final int MAX_QUEUED = 64;
    /** Tries per page before a backfill gives up (429/418 waits count too). */
    static final int MAX_ATTEMPTS = 5;
    private static final long RETRY_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long LONGEST_RETRY_AFTER_NS = TimeUnit.SECONDS.toNanos(120);
    /** How long before an answer that stopped short of the gap's end is asked for again. */
    private static final long STALE_WAIT_NS = TimeUnit.SECONDS.toNanos(1);

    /**
     * One gap being recovered: ids strictly between {@code after} and {@code before}; for a time-paged history also
     * the exchange times of those two trades (the span the backfill asks for). Filled by the trade gate through
     * named setters, then handed to {@link #start}.
     */
    static final class Gap implements TradeHistory.Span
    {
        /** An exchange time the gate does not know (a last id seeded by a snapshot or heartbeat). */
        static final long UNKNOWN_TIME = Long.MIN_VALUE;

        final int instrumentId;
        long after;
        long afterTimeNs = UNKNOWN_TIME;
        long before;
        long beforeTimeNs = UNKNOWN_TIME;
        long missing;
        long cutoffNs;
        long cursor;
        long skip;
        long lastPublished;
        long recovered;
        boolean capped;
        int staleAnswers;
        /** Opaque ids (Bybit, BitMEX): the gap is bounded by its span of time only. */
        boolean opaque;
        int attempts;
        long startedNs;

        /**
         * @param instrumentId the instrument whose trades the gap lost.
         */
        Gap(final int instrumentId)
        {
            this.instrumentId = instrumentId;
        }

        /**
         * @param id the last trade id delivered before the gap.
         * @return this.
         */
        Gap afterId(final long id)
        {
            this.after = id;
            return this;
        }

        /**
         * @param timeNs exchange time of that trade, epoch ns, or {@link #UNKNOWN_TIME}.
         * @return this.
         */
        Gap afterTimeNs(final long timeNs)
        {
            this.afterTimeNs = timeNs;
            return this;
        }

        /**
         * @param id the first trade id delivered after the gap.
         * @return this.
         */
        Gap beforeId(final long id)
        {
            this.before = id;
            return this;
        }

        /**
         * @param timeNs exchange time of that trade, epoch ns, or {@link #UNKNOWN_TIME}.
         * @return this.
         */
        Gap beforeTimeNs(final long timeNs)
        {
            this.beforeTimeNs = timeNs;
            return this;
        }

        /**
         * A gap on a venue whose ids are opaque: nothing bounds it by id, only by the times of the trades either side
         * ({@link #afterTimeNs}, {@link #beforeTimeNs}); ids are told apart by those the gate remembers.
         *
         * @return this.
         */
        Gap opaque()
        {
            this.opaque = true;
            this.after = Long.MIN_VALUE;
            this.before = Long.MAX_VALUE;
            return this;
        }

        /**
         * @param count how many are missing, or {@link InputEvent#MISSING_UNKNOWN}.
         * @return this.
         */
        Gap missing(final long count)
        {
            this.missing = count;
            return this;
        }

        @Override
        public long fromNs()
        {
            return cursor;
        }

        @Override
        public long untilNs()
        {
            return beforeTimeNs;
        }

        @Override
        public long skip()
        {
            return skip;
        }
    }

    /**
     * How a backfill's pages are ordered by trade id, which decides how the trade gate drops copies.
     */
    enum PageOrder
    {
        /** Ids grow through a page and from page to page: an id at or below the last published is a copy. */
        OLDEST_FIRST,
        /** Ids fall through a page and from page to page: an id at or above the last published is a copy. */
        NEWEST_FIRST,
        /**
         * No id order is promised (pages ordered by time, or one answer only): the backfill drops the copies itself
         * (those of a page boundary's millisecond), the gate checks only the gap's bounds.
         */
        BY_TIME
    }

    private final Venue venue;
    private final TradeHistory history;
    private final URI base;
    private final long capNs;
    private final String[] symbols;
    private final EventLoop loop;
    private final InputPublisher publisher;
    /** Filled and copied onto the ring, under its own lock, for each feed status this publishes (rare). */
    private final InputEvent status = new InputEvent();
    private final FeedCounters counters;
    private final FeedErrors errors;
    private final EpochNanoClock clock;
    private final HttpClient http;
    private final ArrayDeque<Gap> queue = new ArrayDeque<>();
    private final JsonCursor json = new JsonCursor();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final InputEvent scratch = new InputEvent();
    private TradeGate gate;
    private Gap current;
    private long nextRequestNs;
    private ScheduledFuture<?> pending;
    private boolean closed;
    private long pageMin;
    private long pageMax;
    private int pageTrades;
    private long pageLastTimeNs;
    private long pageEarliestTimeNs;
    private boolean pageStale;
    /** Up by time: the ids published with the latest time so far, which the next page starts from again. */
    private final LongHashSet boundaryIds = new LongHashSet();
    private long boundaryTimeNs;

    Backfill(
        final Venue venue,
        final TradeHistory history,
        final URI base,
        final long capNs,
        final String[] symbols,
        final EventLoop loop,
        final InputPublisher publisher,
        final FeedCounters counters,
        final FeedErrors errors,
        final EpochNanoClock clock,
        final TrustManagerFactory trust)
    {
        this.venue = venue;
        this.history = history;
        this.base = base;
        this.capNs = capNs;
        this.symbols = symbols;
        this.loop = loop;
        this.publisher = publisher;
        this.counters = counters;
        this.errors = errors;
        this.clock = clock;
        this.http = newClient(trust);
    }

    void gate(final TradeGate gate)
    {
        this.gate = gate;
    }

    /**
     * @param instrumentId an instrument.
     * @return true if a gap on it can be backfilled now (the caller then publishes the GAP as pending and calls
     * {@link #start}).
     */
    boolean canRecover(final int instrumentId)
    {
        return !closed && instrumentId >= 0 && instrumentId < symbols.length && symbols[instrumentId] != null &&
            queue.size() < MAX_QUEUED;
    }

    /**
     * Queues a gap: the trades with ids strictly between its {@code after} and {@code before}.
     *
     * @param gap         the gap, filled.
     * @param detectedNs  when it was seen (the cap counts back from here).
     */
    void start(final Gap gap, final long detectedNs)
    {
        counters.backfills.incrementRelease();
        gap.cutoffNs = detectedNs - capNs;
        queue.add(gap);
        if (current == null)
        {
            next();
        }
    }

    /**
     * Stops: no more requests; answers still on their way are dropped.
     */
    void close()
    {
        closed = true;
        queue.clear();
        current = null;
        if (pending != null)
        {
            pending.cancel(false);
        }
    }

    private void next()
    {
        current = queue.poll();
        if (current == null)
        {
            return;
        }
        final Gap gap = current;
        gap.startedNs = clock.nanoTime();
        final TradeHistory.Paging paging = history.paging();
        if (byTime() && gap.beforeTimeNs == Gap.UNKNOWN_TIME || gap.opaque && paging != TradeHistory.Paging.LATEST &&
            paging != TradeHistory.Paging.UP_FROM_TIME)
        {
            finish(gap, false); // no end to ask for, or no way to walk a gap without ids: reported only
            return;
        }
        switch (paging)
        {
            case UP_FROM_ID:
                gap.cursor = gap.after + 1;
                break;
            case UP_FROM_TIME:
            case SPAN_BY_OFFSET:
                // a gap reaching back past the cap, or from an unknown time, is only walked from the cap on
                gap.capped = gap.afterTimeNs < gap.cutoffNs;
                gap.cursor = Math.max(gap.afterTimeNs, gap.cutoffNs);
                break;
            default:
                gap.cursor = gap.before;
                break;
        }
        gap.lastPublished = up() ? gap.after : gap.before;
        boundaryIds.clear();
        boundaryTimeNs = Long.MIN_VALUE;
        schedule(gap);
    }

    private void schedule(final Gap gap)
    {
        final long delay = Math.max(0, nextRequestNs - clock.nanoTime());
        pending = loop.schedule(() -> send(gap), delay, TimeUnit.NANOSECONDS);
    }

    private void send(final Gap gap)
    {
        if (closed || gap != current)
        {
            return;
        }
        final URI uri = byId() ? history.pageUri(base, symbols[gap.instrumentId], gap.cursor) :
            history.pageUri(base, symbols[gap.instrumentId], gap);
        nextRequestNs = clock.nanoTime() + history.requestIntervalNs();
        counters.restRequests.incrementRelease();
        final HttpRequest request;
        try
        {
            final String body = history.requestBody(symbols[gap.instrumentId]);
            final HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
            request = (body == null ? builder.GET() : builder.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, failure) -> loop.execute(() -> onAnswer(gap, response, failure)));
        }
        catch (final RuntimeException ex)
        {
            onAnswer(gap, null, ex);
        }
    }

    /**
     * Built when the feed is made, on the caller's thread: setting up TLS takes long enough (loading trust anchors)
     * that it must never happen on the event loop.
     */
    private static HttpClient newClient(final TrustManagerFactory trust)
    {
        final HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER);
        if (trust != null)
        {
            try
            {
                final SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, trust.getTrustManagers(), null);
                builder.sslContext(tls);
            }
            catch (final GeneralSecurityException ex)
            {
                throw new IllegalStateException("TLS for REST backfills cannot be set up: " + ex.getMessage(), ex);
            }
        }
        return builder.build();
    }

    private void onAnswer(final Gap gap, final HttpResponse<byte[]> response, final Throwable failure)
    {
        if (closed || gap != current)
        {
            return;
        }
        if (failure != null || response == null)
        {
            retry(gap, RETRY_NS, "request failed: " + (failure == null ? "no answer" : failure));
            return;
        }
        final int status = response.statusCode();
        if (status == 429 || status == 418)
        {
            counters.rateLimited.incrementRelease();
            final long waitNs = retryAfterNs(response);
            nextRequestNs = Math.max(nextRequestNs, clock.nanoTime() + waitNs);
            retry(gap, waitNs, "rate limited (HTTP " + status + "), waiting " + waitNs / 1_000_000 + " ms");
            return;
        }
        if (status != 200)
        {
            retry(gap, RETRY_NS, "HTTP " + status + ": " + snippet(response.body()));
            return;
        }
        final byte[] body = response.body();
        // walking up by time, only the trades from the span's current start on come again
        if (gap.opaque && !gate.remembersSince(gap.instrumentId,
            history.paging() == TradeHistory.Paging.UP_FROM_TIME ? gap.cursor : gap.afterTimeNs))
        {
            errors.report(venue.id() + " backfill of " + symbols[gap.instrumentId] + ": too many trades since the " +
                "gap to tell its trades from those already published");
            finish(gap, false);
            return;
        }
        view.wrap(body);
        json.wrap(view, 0, body.length);
        pageTrades = 0;
        pageMin = Long.MAX_VALUE;
        pageMax = Long.MIN_VALUE;
        pageLastTimeNs = Long.MIN_VALUE;
        pageEarliestTimeNs = Long.MAX_VALUE;
        pageStale = newestFirstFromTheEnd(gap); // until its first trade shows otherwise: an empty page is stale too
        if (!history.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            onTrade(gap, id, timeNs, pm, ps, qm, qs, side)))
        {
            counters.restErrors.incrementRelease();
            errors.report(venue.id() + " backfill: malformed page from " + base.getHost() + ": " + snippet(body));
            finish(gap, false);
            return;
        }
        gap.attempts = 0;
        switch (history.paging())
        {
            case UP_FROM_ID:
                afterUpPage(gap);
                break;
            case DOWN_FROM_ID:
                afterDownPage(gap);
                break;
            case UP_FROM_TIME:
                afterTimePage(gap);
                break;
            case SPAN_BY_OFFSET:
                afterOffsetPage(gap);
                break;
            default:
                afterLatestPage(gap);
                break;
        }
    }

    private void afterUpPage(final Gap gap)
    {
        if (pageTrades == 0)
        {
            finish(gap, false);
        }
        else if (pageMax >= gap.before - 1)
        {
            finish(gap, true);
        }
        else
        {
            gap.cursor = pageMax + 1;
            schedule(gap);
        }
    }

    private void afterDownPage(final Gap gap)
    {
        if (pageTrades == 0)
        {
            finish(gap, false);
        }
        else if (pageMin <= gap.after + 1 || gap.capped)
        {
            finish(gap, true);
        }
        else
        {
            gap.cursor = pageMin;
            schedule(gap);
        }
    }

    /**
     * After a page of a walk up by time. Done once the walk reached the gap's end: with ids, a page holding the first
     * trade after the gap; with opaque ids (BitMEX), where no id marks the end, a page running past the gap's last
     * millisecond, or one short of the venue's page size (it held every trade its history had for the span) reaching
     * that millisecond. Otherwise a short page comes from a history that has not caught up yet: asked for again, from
     * its last trade's millisecond on (what it had is not asked for again). A full page moves the span's start to its
     * last trade's millisecond (that millisecond's trades come again and are dropped by id, or by the ids the gate
     * remembers); a full page all in one millisecond cannot move it, and the backfill gives up rather than ask again.
     */
    private void afterTimePage(final Gap gap)
    {
        final boolean reachedEnd = gap.opaque ? pageLastTimeNs > gap.beforeTimeNs ||
            pageTrades < history.pageSize() && pageLastTimeNs == gap.beforeTimeNs : pageMax >= gap.before;
        if (reachedEnd)
        {
            finish(gap, true);
        }
        else if (pageTrades < history.pageSize())
        {
            gap.cursor = Math.max(gap.cursor, pageLastTimeNs);
            askAgainLater(gap);
        }
        else if (pageLastTimeNs <= gap.cursor)
        {
            errors.report(venue.id() + " backfill of " + symbols[gap.instrumentId] + ": a full page in one " +
                "millisecond, the rest of the gap cannot be asked for");
            finish(gap, false);
        }
        else
        {
            gap.cursor = pageLastTimeNs;
            schedule(gap);
        }
    }

    /**
     * A first page whose newest trade is older than the gap's end comes from a history that has not caught up: it
     * published nothing and is asked for again. A page short of the venue's page size was the span's last, and one
     * reaching the last trade before the gap has gone past its start: done. Otherwise the next page skips what this
     * one held.
     */
    private void afterOffsetPage(final Gap gap)
    {
        if (pageStale)
        {
            askAgainLater(gap);
        }
        else if (pageTrades < history.pageSize() || pageMin <= gap.after)
        {
            finish(gap, true);
        }
        else
        {
            gap.skip += pageTrades;
            schedule(gap);
        }
    }

    /**
     * The newest trades are all the venue has: done, whole if the page reached back to the last trade before the gap,
     * the rest reported. A page older than the gap's end (the venue caches answers) published nothing and is asked for
     * again a second later, a few times at most.
     */
    private void afterLatestPage(final Gap gap)
    {
        if (pageStale)
        {
            askAgainLater(gap);
            return;
        }
        // whole if it reached back past the last trade before the gap (by time for opaque ids: before its millisecond)
        finish(gap, gap.opaque ? pageEarliestTimeNs < gap.afterTimeNs : pageMin <= gap.after);
    }

    /**
     * The history's answer does not reach the gap's end yet (it lags the WebSocket, or caches): the same page is
     * asked for again a second later, {@link #MAX_ATTEMPTS} times at most, then the rest is reported.
     */
    private void askAgainLater(final Gap gap)
    {
        if (++gap.staleAnswers >= MAX_ATTEMPTS)
        {
            errors.report(venue.id() + " backfill of " + symbols[gap.instrumentId] + ": the REST history never " +
                "reached the gap's end");
            finish(gap, false);
            return;
        }
        nextRequestNs = Math.max(nextRequestNs, clock.nanoTime() + STALE_WAIT_NS);
        schedule(gap);
    }

    private void onTrade(
        final Gap gap,
        final long id,
        final long timeNs,
        final long priceMantissa,
        final int priceScale,
        final long quantityMantissa,
        final int quantityScale,
        final TakerSide side)
    {
        if (++pageTrades == 1 && newestFirstFromTheEnd(gap))
        {
            // newest first: the page stops short of the gap's end
            pageStale = gap.opaque ? timeNs < gap.beforeTimeNs : id < gap.before;
        }
        pageEarliestTimeNs = Math.min(pageEarliestTimeNs, timeNs);
        pageMin = Math.min(pageMin, id);
        pageMax = Math.max(pageMax, id);
        pageLastTimeNs = Math.max(pageLastTimeNs, timeNs);
        if (pageStale)
        {
            return; // asked for again: nothing of it counts
        }
        if (timeNs < gap.cutoffNs)
        {
            // older than the cap, not taken: the gap is cut short only if it lost this trade (a latest-only answer
            // may reach back past the cap with trades from before the gap)
            gap.capped |= gap.opaque ? timeNs >= gap.afterTimeNs : id > gap.after && id < gap.before;
            return;
        }
        final PageOrder order = order();
        if (!gap.opaque && order == PageOrder.BY_TIME && timeNs == boundaryTimeNs && boundaryIds.contains(id))
        {
            counters.duplicates.incrementRelease(); // the previous page's last millisecond, asked for again
            return;
        }
        scratch.trade().venue(venue).instrumentId(gap.instrumentId).exchangeTimeNs(timeNs)
            .receiveTimeNs(clock.nanoTime()).priceMantissa(priceMantissa).priceScale(priceScale)
            .quantityMantissa(quantityMantissa).quantityScale(quantityScale).takerSide(side)
            .tradeId(id).mark(InputEvent.BACKFILLED, 0);
        if (gap.opaque)
        {
            gap.recovered += gate.onBackfilledOpaqueTrade(gap, scratch) ? 1 : 0; // copies told by remembered ids
            return;
        }
        if (gate.onBackfilledTrade(gap, scratch, order))
        {
            gap.recovered++;
            if (order == PageOrder.BY_TIME && timeNs >= boundaryTimeNs)
            {
                if (timeNs > boundaryTimeNs)
                {
                    boundaryIds.clear();
                    boundaryTimeNs = timeNs;
                }
                boundaryIds.add(id);
            }
        }
    }

    /**
     * @return true if the next page runs newest first from the gap's end (a latest-only answer, or the first page of a
     * span paged by offset), so its first trade must be at or after the gap's end for the page to be current.
     */
    private boolean newestFirstFromTheEnd(final Gap gap)
    {
        final TradeHistory.Paging paging = history.paging();
        return paging == TradeHistory.Paging.LATEST || paging == TradeHistory.Paging.SPAN_BY_OFFSET && gap.skip == 0;
    }

    /**
     * @return true if the venue is asked by trade id (its pages carry an id cursor, not the gap's span).
     */
    private boolean byId()
    {
        final TradeHistory.Paging paging = history.paging();
        return paging == TradeHistory.Paging.UP_FROM_ID || paging == TradeHistory.Paging.DOWN_FROM_ID;
    }

    /**
     * @return true if the venue is asked by time (its pages carry the gap's span).
     */
    private boolean byTime()
    {
        final TradeHistory.Paging paging = history.paging();
        return paging == TradeHistory.Paging.UP_FROM_TIME || paging == TradeHistory.Paging.SPAN_BY_OFFSET;
    }

    /**
     * @return how the venue's pages are ordered by id: by id for the id-paged venues and for a span paged by offset
     * (newest first), by time only for a walk up by time (the order of one millisecond's trades is not promised) and
     * for a latest-only answer (only one answer is ever used, so it brings no copies).
     */
    private PageOrder order()
    {
        switch (history.paging())
        {
            case UP_FROM_ID:
                return PageOrder.OLDEST_FIRST;
            case DOWN_FROM_ID:
            case SPAN_BY_OFFSET:
                return PageOrder.NEWEST_FIRST;
            default:
                return PageOrder.BY_TIME;
        }
    }

    /**
     * @return true if pages run oldest first (published ids grow), false if newest first.
     */
    private boolean up()
    {
        final TradeHistory.Paging paging = history.paging();
        return paging == TradeHistory.Paging.UP_FROM_ID || paging == TradeHistory.Paging.UP_FROM_TIME;
    }

    private void retry(final Gap gap, final long delayNs, final String why)
    {
        counters.restErrors.incrementRelease();
        if (++gap.attempts >= MAX_ATTEMPTS)
        {
            errors.report(venue.id() + " backfill of " + symbols[gap.instrumentId] + " gave up after " + gap.attempts +
                " tries: " + why);
            finish(gap, false);
            return;
        }
        errors.report(venue.id() + " backfill of " + symbols[gap.instrumentId] + ": " + why + "; retrying");
        nextRequestNs = Math.max(nextRequestNs, clock.nanoTime() + delayNs);
        schedule(gap);
    }

    private void finish(final Gap gap, final boolean complete)
    {
        final boolean whole = complete && !gap.capped;
        final long left;
        if (gap.missing >= 0)
        {
            left = whole ? 0 : Math.max(0, gap.missing - gap.recovered);
        }
        else
        {
            left = whole ? 0 : InputEvent.MISSING_UNKNOWN;
        }
        if (left > 0)
        {
            counters.unrecoveredTrades.getAndAddRelease(left);
        }
        counters.backfillMillis.getAndAddRelease(TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - gap.startedNs));
        synchronized (status)
        {
            publisher.publish(status.feedStatus().venue(venue).instrumentId(gap.instrumentId).feedState(FeedState.GAP)
                .missingCount(left).receiveTimeNs(clock.nanoTime()).mark(InputEvent.BACKFILL_DONE, gap.recovered));
        }
        current = null;
        if (!closed)
        {
            next();
        }
    }

    private static long retryAfterNs(final HttpResponse<byte[]> response)
    {
        final String header = response.headers().firstValue("Retry-After").orElse(null);
        if (header != null)
        {
            try
            {
                final long seconds = Long.parseLong(header.trim());
                return Math.min(LONGEST_RETRY_AFTER_NS, Math.max(0, TimeUnit.SECONDS.toNanos(seconds)));
            }
            catch (final NumberFormatException ignored)
            {
                // an HTTP date: fall back to the default wait
            }
        }
        return TimeUnit.SECONDS.toNanos(1);
    }

    private static String snippet(final byte[] body)
    {
        final int length = body == null ? 0 : Math.min(body.length, 200);
        return length == 0 ? "(empty)" : new String(body, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }
}
