package io.takerflow.feeds.net;

import org.agrona.concurrent.status.AtomicCounter;

import io.takerflow.engine.EngineCounters;
import io.takerflow.engine.input.Venue;

/**
 * The counters of one venue's feed, labelled {@code feed.<venue>.<what>} so {@code takerflow stat} shows them.
 * Written by the feed's event-loop thread only.
 */
public final class FeedCounters
{
    /** Frames received. */
    public final AtomicCounter messages;
    /** Trades decoded and published. */
    public final AtomicCounter trades;
    /** Frames that could not be decoded (counted and skipped). */
    public final AtomicCounter malformed;
    /** Frames larger than the configured maximum (dropped). */
    public final AtomicCounter oversized;
    /** Trade-id gaps detected. */
    public final AtomicCounter gaps;
    /** Trades known to be missing in those gaps. */
    public final AtomicCounter missingTrades;
    /** Trades seen twice and dropped. */
    public final AtomicCounter duplicates;
    /** Reconnects. */
    public final AtomicCounter reconnects;
    /** Times the feed went STALE (no market data). */
    public final AtomicCounter stale;
    /** Make-before-break connection rotations. */
    public final AtomicCounter rotations;
    /** Application pings sent to the venue. */
    public final AtomicCounter pingsSent;
    /** Gaps whose size could not be known (a reconnect on a venue without consecutive ids). */
    public final AtomicCounter unverifiedIntervals;
    /** Trades a new connection held back during a rotation while the old one lagged. */
    public final AtomicCounter heldBack;
    /** Connection attempts that failed (DNS, refused, TLS, HTTP status, timeout). */
    public final AtomicCounter connectFailures;
    /** Subscriptions the venue refused, and other error replies. */
    public final AtomicCounter rejections;
    /** Make-before-break switches whose new connection failed and was retried. */
    public final AtomicCounter rotationFailures;
    /** Waits imposed by the venue (HTTP 429/418 {@code Retry-After}). */
    public final AtomicCounter rateLimited;
    /** Gaps a backfill went after. */
    public final AtomicCounter backfills;
    /** Trades recovered over REST and published. */
    public final AtomicCounter recoveredTrades;
    /** Trades a finished backfill could not recover (a known count; unknown remainders are not counted). */
    public final AtomicCounter unrecoveredTrades;
    /** REST requests sent by backfills. */
    public final AtomicCounter restRequests;
    /** REST requests that failed (transport error, HTTP error, malformed page); 429/418 count in rateLimited too. */
    public final AtomicCounter restErrors;
    /** Wall time spent backfilling, from a gap's first request to its last answer, in ms. */
    public final AtomicCounter backfillMillis;

    /**
     * @param counters the engine's counters, where these are allocated.
     * @param venue    the venue.
     */
    public FeedCounters(final EngineCounters counters, final Venue venue)
    {
        final String prefix = "feed." + venue.id() + ".";
        messages = counters.allocate(prefix + "messages");
        trades = counters.allocate(prefix + "trades");
        malformed = counters.allocate(prefix + "malformed");
        oversized = counters.allocate(prefix + "oversized_frames");
        gaps = counters.allocate(prefix + "gaps");
        missingTrades = counters.allocate(prefix + "missing_trades");
        duplicates = counters.allocate(prefix + "duplicates");
        reconnects = counters.allocate(prefix + "reconnects");
        stale = counters.allocate(prefix + "stale");
        rotations = counters.allocate(prefix + "rotations");
        pingsSent = counters.allocate(prefix + "pings_sent");
        unverifiedIntervals = counters.allocate(prefix + "unverified_intervals");
        heldBack = counters.allocate(prefix + "held_back");
        connectFailures = counters.allocate(prefix + "connect_failures");
        rejections = counters.allocate(prefix + "rejections");
        rotationFailures = counters.allocate(prefix + "rotation_failures");
        rateLimited = counters.allocate(prefix + "rate_limited");
        backfills = counters.allocate(prefix + "backfills");
        recoveredTrades = counters.allocate(prefix + "recovered_trades");
        unrecoveredTrades = counters.allocate(prefix + "unrecovered_trades");
        restRequests = counters.allocate(prefix + "rest_requests");
        restErrors = counters.allocate(prefix + "rest_errors");
        backfillMillis = counters.allocate(prefix + "backfill_ms");
    }
}
