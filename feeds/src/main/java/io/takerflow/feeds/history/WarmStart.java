package io.takerflow.feeds.history;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.net.ssl.TrustManagerFactory;

import org.agrona.concurrent.EpochNanoClock;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.Instrument;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;

/**
 * Fills the engine from history before the feeds start, so signals are valid from the first second instead of
 * after a window (and a week of samples) of live trades:
 * <ul>
 * <li><b>the flow window</b>: for every flow leg with klines ({@link KlineHistory#hasKlines}), the closed bars of the
 * longest window of its markets, in the longest venue interval that divides each market's bucket (1 minute for
 * 1-minute buckets: taker buy base volume per minute fills each bucket exactly), published as WINDOW_SAMPLE
 * events; where no interval divides the bucket (10-second buckets on USD-M) and the window is at most
 * {@link AggTradeBars#LONGEST_SPAN_MS}, bars of the bucket built from aggregate trades ({@link AggTradeBars});</li>
 * <li><b>the Z-score history</b>: for every such leg, {@code historyBars} closed bars of {@code historyInterval},
 * published as HISTORY_SAMPLE events period by period, every leg's bar of a period next to each other, so the signal
 * handler sums a period's legs into one sample as it sums live flow.</li>
 * </ul>
 * Everything goes onto the ring, so the journal holds it and a replay reproduces it. A leg without klines (or whose
 * venue could not be reached) is reported: it holds its markets in WARMING_UP until a window of live trades has
 * passed, and its history periods are left out of the sums. Requests go one after the other: a 1 h window of 1-minute
 * bars is one request, 90 days of hourly bars two (USD-M) or three (spot), far inside Binance's weight limits.
 */
public final class WarmStart
{
    private final InstrumentCatalog catalog;
    private final List<MarketConfig> markets;
    private final Function<Venue, URI> restBase;
    private final TrustManagerFactory trust;
    private final boolean anyWholeSecondInterval;
    private final List<String> report = new ArrayList<>();
    private final InputEvent sample = new InputEvent();
    private final java.util.Map<Integer, Long> windowEndMs = new java.util.HashMap<>();
    /** How long after a bucket closes its aggregate trades are read, so a REST history a moment behind has them. */
    static final long SETTLE_MS = 1_000;

    /**
     * @param catalog                the instruments.
     * @param markets                the markets whose flow legs are warmed.
     * @param restBase               each venue's REST base (its configured {@code venue.<id>.rest} or default).
     * @param trust                  extra trust for https, or null.
     * @param anyWholeSecondInterval true against the loopback simulator, which serves bars of any whole number of
     *                               seconds (the demo's compressed windows); false for the venues' own intervals.
     */
    public WarmStart(
        final InstrumentCatalog catalog,
        final List<MarketConfig> markets,
        final Function<Venue, URI> restBase,
        final TrustManagerFactory trust,
        final boolean anyWholeSecondInterval)
    {
        this.catalog = catalog;
        this.markets = markets;
        this.restBase = restBase;
        this.trust = trust;
        this.anyWholeSecondInterval = anyWholeSecondInterval;
    }

    /**
     * Fills every market's flow window from the closed bars of each flow leg that has them. Called again after the
     * feeds have delivered their first trades, it tops up: only the bars that closed since the last call, which fills
     * the hole between the start's bars and live flow when a bar closed in between (the signal handler takes no bar of
     * the bucket live flow began in or later, so nothing is counted twice).
     *
     * @param publisher where WINDOW_SAMPLE events go.
     * @param clock     stamps the events and says what "now" is.
     * @return bars published by this call.
     */
    public int fillWindows(final InputPublisher publisher, final EpochNanoClock clock)
    {
        int published = 0;
        for (final int id : flowLegs())
        {
            final Instrument leg = catalog.get(id);
            final boolean topUp = windowEndMs.containsKey(id);
            if (!warmable(leg))
            {
                if (topUp)
                {
                    continue;
                }
                windowEndMs.put(id, Long.MAX_VALUE);
                report.add(name(leg) + ": no klines with taker volume, its flow window fills from live trades " +
                    "(the market stays WARMING_UP for a window)");
                continue;
            }
            long windowNs = 0;
            long bucketGcd = 0;
            for (final MarketConfig market : marketsOf(id))
            {
                windowNs = Math.max(windowNs, market.windowNs());
                bucketGcd = gcd(bucketGcd, market.bucketNs());
            }
            final String interval = interval(leg.venue(), bucketGcd);
            if (interval == null)
            {
                published += fillFromAggTrades(leg, id, windowNs, bucketGcd, topUp, publisher, clock);
                continue;
            }
            final long intervalMs = intervalMs(interval);
            final long endMs = clock.nanoTime() / 1_000_000L / intervalMs * intervalMs;
            final long startMs = topUp ? windowEndMs.get(id) : endMs - windowNs / 1_000_000L;
            if (startMs >= endMs)
            {
                continue;
            }
            try
            {
                final int bars = klines(leg).read(leg.symbol(), interval, startMs, endMs,
                    windowSamples(leg, id, publisher, clock));
                published += bars;
                windowEndMs.put(id, endMs);
                report.add(name(leg) + ": flow window " + (topUp ? "topped up" : "filled") + " with " + bars +
                    " bars of " + interval);
            }
            catch (final IOException | RuntimeException ex)
            {
                windowEndMs.put(id, Long.MAX_VALUE);
                report.add(name(leg) + ": flow window not " + (topUp ? "topped up" : "filled") + " (" + message(ex) +
                    "), it fills from live trades");
            }
        }
        return published;
    }

    /**
     * A leg whose bucket no kline interval divides: its window from bars built from aggregate trades, when the venue
     * has them ({@link AggTradeBars}) and the window is short enough; otherwise reported, and it fills from live
     * trades. The span ends at the last bucket boundary; read no sooner than {@link #SETTLE_MS} after it (waiting at
     * most that long), so a REST history a moment behind the WebSocket holds every trade of it. The top-up after the
     * first live trades takes the buckets closed since.
     */
    private int fillFromAggTrades(
        final Instrument leg, final int id, final long windowNs, final long bucketNs, final boolean topUp,
        final InputPublisher publisher, final EpochNanoClock clock)
    {
        if (!AggTradeBars.hasAggTrades(leg.venue()) || bucketNs % 1_000_000L != 0 ||
            windowNs / 1_000_000L > AggTradeBars.LONGEST_SPAN_MS)
        {
            if (!topUp)
            {
                windowEndMs.put(id, Long.MAX_VALUE);
                report.add(name(leg) + ": no kline interval divides the bucket of " + bucketNs / 1_000_000 +
                    " ms" + (AggTradeBars.hasAggTrades(leg.venue()) ? " and the window is longer than " +
                    AggTradeBars.LONGEST_SPAN_MS / 60_000 + " min for aggregate trades" : "") +
                    ", its flow window fills from live trades");
            }
            return 0;
        }
        final long bucketMs = bucketNs / 1_000_000L;
        final long nowMs = clock.nanoTime() / 1_000_000L;
        final long endMs = nowMs / bucketMs * bucketMs;
        final long startMs = topUp ? windowEndMs.get(id) : endMs - windowNs / 1_000_000L / bucketMs * bucketMs;
        if (startMs >= endMs)
        {
            return 0;
        }
        try
        {
            if (nowMs - endMs < SETTLE_MS)
            {
                Thread.sleep(SETTLE_MS - (nowMs - endMs));
            }
            final int bars = new AggTradeBars(leg.venue(), restBase.apply(leg.venue()), trust,
                "venue." + leg.venue().id() + ".rest").read(leg.symbol(), bucketMs, startMs, endMs,
                windowSamples(leg, id, publisher, clock));
            windowEndMs.put(id, endMs);
            report.add(name(leg) + ": flow window " + (topUp ? "topped up" : "filled") + " with " + bars +
                " bars of " + bucketMs + " ms from aggregate trades");
            return bars;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 0;
        }
        catch (final IOException | RuntimeException ex)
        {
            windowEndMs.put(id, Long.MAX_VALUE);
            report.add(name(leg) + ": flow window not " + (topUp ? "topped up" : "filled") +
                " from aggregate trades (" + message(ex) + "), it fills from live trades");
            return 0;
        }
    }

    private KlineHistory.BarSink windowSamples(
        final Instrument leg, final int id, final InputPublisher publisher, final EpochNanoClock clock)
    {
        return (openMs, buy, sell, scale, trades) -> publisher.publish(sample.windowSample()
            .venue(leg.venue())
            .instrumentId(id)
            .exchangeTimeNs(openMs * 1_000_000L)
            .receiveTimeNs(clock.nanoTime())
            .buyVolumeMantissa(buy)
            .buyVolumeScale(scale)
            .sellVolumeMantissa(sell)
            .sellVolumeScale(scale)
            .sampleTrades(trades));
    }

    /**
     * Seeds every market's Z-score history from bars of each flow leg that has them, period by period.
     *
     * @param interval   the bar interval, e.g. {@code 1h} (the markets' sample period).
     * @param intervalMs its length.
     * @param bars       how many closed bars to go back.
     * @param publisher  where HISTORY_SAMPLE events go.
     * @param clock      stamps the events and says what "now" is.
     * @return samples published.
     */
    public int seedHistory(
        final String interval, final long intervalMs, final int bars, final InputPublisher publisher,
        final EpochNanoClock clock)
    {
        final long endMs = clock.nanoTime() / 1_000_000L / intervalMs * intervalMs;
        final long startMs = endMs - bars * intervalMs;
        final List<long[]> all = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        for (final int id : flowLegs())
        {
            final Instrument leg = catalog.get(id);
            if (!warmable(leg))
            {
                missing.add(name(leg));
                continue;
            }
            try
            {
                final int before = all.size();
                klines(leg).read(leg.symbol(), interval, startMs, endMs,
                    (openMs, buy, sell, scale, trades) -> all.add(new long[] {openMs, id, buy, sell, scale}));
                report.add(name(leg) + ": Z-score history from " + (all.size() - before) + " bars of " + interval);
            }
            catch (final IOException | RuntimeException ex)
            {
                missing.add(name(leg) + " (" + message(ex) + ")");
            }
        }
        if (!missing.isEmpty())
        {
            report.add("Z-score history leaves out " + String.join(", ", missing) +
                ": its periods sum the other legs only");
        }
        all.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (final long[] bar : all)
        {
            final int id = (int)bar[1];
            publisher.publish(sample.historySample()
                .venue(catalog.get(id).venue())
                .instrumentId(id)
                .exchangeTimeNs(bar[0] * 1_000_000L)
                .receiveTimeNs(clock.nanoTime())
                .buyVolumeMantissa(bar[2])
                .buyVolumeScale((int)bar[4])
                .sellVolumeMantissa(bar[3])
                .sellVolumeScale((int)bar[4]));
        }
        return all.size();
    }

    /**
     * @return one line per leg and step: what was filled, from what, and what was left out and why.
     */
    public List<String> report()
    {
        return report;
    }

    private KlineHistory klines(final Instrument leg)
    {
        return new KlineHistory(leg.venue(), restBase.apply(leg.venue()), trust, "venue." + leg.venue().id() + ".rest");
    }

    private boolean warmable(final Instrument leg)
    {
        return KlineHistory.hasKlines(leg.venue()) && leg.sizeConvention() == SizeConvention.LINEAR;
    }

    /**
     * @return the longest interval the venue serves that divides {@code bucketNs}, or null.
     */
    String interval(final Venue venue, final long bucketNs)
    {
        if (anyWholeSecondInterval && bucketNs % 1_000_000_000L == 0)
        {
            return bucketNs / 1_000_000_000L + "s";
        }
        String best = null;
        for (final String interval : KlineHistory.intervals(venue))
        {
            final long ns = intervalMs(interval) * 1_000_000L;
            if (ns <= bucketNs && bucketNs % ns == 0)
            {
                best = interval;
            }
        }
        return best;
    }

    /**
     * @param interval e.g. {@code 1m}, {@code 20s}, {@code 1h}, {@code 1d}.
     * @return its length in ms.
     */
    static long intervalMs(final String interval)
    {
        final long count = Long.parseLong(interval.substring(0, interval.length() - 1));
        switch (interval.charAt(interval.length() - 1))
        {
            case 's':
                return count * 1_000L;
            case 'm':
                return count * 60_000L;
            case 'h':
                return count * 3_600_000L;
            case 'd':
                return count * 86_400_000L;
            default:
                throw new IllegalArgumentException("unknown kline interval " + interval);
        }
    }

    private Set<Integer> flowLegs()
    {
        final Set<Integer> legs = new LinkedHashSet<>();
        for (final MarketConfig market : markets)
        {
            for (final int id : market.flowInstruments())
            {
                legs.add(id);
            }
        }
        return legs;
    }

    private List<MarketConfig> marketsOf(final int id)
    {
        final List<MarketConfig> of = new ArrayList<>();
        for (final MarketConfig market : markets)
        {
            for (final int flow : market.flowInstruments())
            {
                if (flow == id)
                {
                    of.add(market);
                }
            }
        }
        return of;
    }

    private static String name(final Instrument leg)
    {
        return leg.venue().id() + ":" + leg.symbol();
    }

    private static String message(final Exception ex)
    {
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    private static long gcd(final long a, final long b)
    {
        return b == 0 ? a : gcd(b, a % b);
    }
}
