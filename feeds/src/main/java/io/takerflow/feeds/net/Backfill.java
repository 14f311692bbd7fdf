package io.takerflow.feeds.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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

    /**
     * One gap being recovered: ids strictly between {@code after} and {@code before}.
     */
    static final class Gap
    {
        final int instrumentId;
        final long after;
        final long before;
        final long missing;
        final long cutoffNs;
        long cursor;
        long lastPublished;
        long recovered;
        boolean capped;
        int attempts;
        long startedNs;

        Gap(final int instrumentId, final long after, final long before, final long missing, final long cutoffNs)
        {
            this.instrumentId = instrumentId;
            this.after = after;
            this.before = before;
            this.missing = missing;
            this.cutoffNs = cutoffNs;
        }
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
     * Queues a gap: the trades with ids strictly between {@code after} and {@code before}.
     *
     * @param instrumentId  the instrument.
     * @param after         the last id delivered before the gap.
     * @param before        the first id delivered after it.
     * @param missing       how many are missing, or {@link InputEvent#MISSING_UNKNOWN}.
     * @param detectedNs    when the gap was seen (the cap counts back from here).
     */
    void start(final int instrumentId, final long after, final long before, final long missing, final long detectedNs)
    {
        counters.backfills.incrementRelease();
        queue.add(new Gap(instrumentId, after, before, missing, detectedNs - capNs));
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
        gap.cursor = history.paging() == TradeHistory.Paging.UP_FROM_ID ? gap.after + 1 : gap.before;
        gap.lastPublished = history.paging() == TradeHistory.Paging.UP_FROM_ID ? gap.after : gap.before;
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
        final URI uri = history.pageUri(base, symbols[gap.instrumentId], gap.cursor);
        nextRequestNs = clock.nanoTime() + history.requestIntervalNs();
        counters.restRequests.incrementRelease();
        final HttpRequest request;
        try
        {
            request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Accept", "application/json")
                .GET().build();
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
        view.wrap(body);
        json.wrap(view, 0, body.length);
        pageTrades = 0;
        pageMin = Long.MAX_VALUE;
        pageMax = Long.MIN_VALUE;
        if (!history.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            onTrade(gap, id, timeNs, pm, ps, qm, qs, side)))
        {
            counters.restErrors.incrementRelease();
            errors.report(venue.id() + " backfill: malformed page from " + base.getHost() + ": " + snippet(body));
            finish(gap, false);
            return;
        }
        gap.attempts = 0;
        if (history.paging() == TradeHistory.Paging.UP_FROM_ID)
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
        else
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
        pageTrades++;
        pageMin = Math.min(pageMin, id);
        pageMax = Math.max(pageMax, id);
        if (timeNs < gap.cutoffNs)
        {
            gap.capped = true;
            return;
        }
        scratch.trade().venue(venue).instrumentId(gap.instrumentId).exchangeTimeNs(timeNs)
            .receiveTimeNs(clock.nanoTime()).priceMantissa(priceMantissa).priceScale(priceScale)
            .quantityMantissa(quantityMantissa).quantityScale(quantityScale).takerSide(side)
            .tradeId(id).mark(InputEvent.BACKFILLED, 0);
        if (gate.onBackfilledTrade(gap, scratch, history.paging() == TradeHistory.Paging.UP_FROM_ID))
        {
            gap.recovered++;
        }
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
