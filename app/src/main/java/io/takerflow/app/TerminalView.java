package io.takerflow.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalFlags;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.feeds.net.FeedConnection;
import io.takerflow.feeds.net.FeedCounters;
import io.takerflow.feeds.net.FeedGroup;

/**
 * The live terminal view: a listener on the signal thread keeps the latest values per market (copied under
 * a monitor: contention-free at terminal rates, and the view is not on a strategy's path) and queues regime changes;
 * the command's thread prints one line per market per second and every regime change as it happens.
 */
final class TerminalView implements SignalListener
{
    private final PrintWriter out;
    private final SignalSnapshot[] latest;
    private final int[] warmingUpInstrument;
    private final InstrumentCatalog instruments;
    private final ConcurrentLinkedQueue<String> changes = new ConcurrentLinkedQueue<>();
    private final List<String> history = new ArrayList<>();
    private final long[] lastMessages = new long[Venue.values().length];
    private volatile FeedGroup feeds;

    TerminalView(final PrintWriter out, final List<MarketConfig> markets, final InstrumentCatalog instruments)
    {
        this.out = out;
        this.instruments = instruments;
        this.latest = new SignalSnapshot[markets.size()];
        this.warmingUpInstrument = new int[markets.size()];
        for (int i = 0; i < latest.length; i++)
        {
            latest[i] = new SignalSnapshot();
        }
    }

    void feeds(final FeedGroup group)
    {
        this.feeds = group;
    }

    @Override
    public void onSignal(final SignalView signal)
    {
        final SignalSnapshot snapshot = latest[signal.marketIndex()];
        synchronized (snapshot)
        {
            snapshot.copyFrom(signal);
            warmingUpInstrument[signal.marketIndex()] = signal.warmingUpInstrument();
        }
    }

    @Override
    public void onRegimeChange(final RegimeChange change, final SignalView signal)
    {
        changes.add(SignalLine.change(change, signal));
    }

    /**
     * Prints pending regime changes and one status line per market.
     */
    void print(final String prefix)
    {
        printChanges();
        final String health = health();
        for (int i = 0; i < latest.length; i++)
        {
            final SignalSnapshot snapshot = latest[i];
            synchronized (snapshot)
            {
                if (snapshot.market() != null)
                {
                    out.println(prefix + SignalLine.status(snapshot, health) + warmingUp(i, snapshot));
                }
            }
        }
        out.flush();
    }

    /**
     * What holds a market in WARMING_UP: the flow leg whose part of the window is not full yet, or the Z-score history.
     */
    private String warmingUp(final int market, final SignalSnapshot snapshot)
    {
        if ((snapshot.flags() & SignalFlags.WARMING_UP) == 0)
        {
            return "";
        }
        final int leg = warmingUpInstrument[market];
        if (leg >= 0 && leg < instruments.size())
        {
            return "  (warming up: " + instruments.get(leg).venue().id() + ":" + instruments.get(leg).symbol() +
                " has not filled its flow window yet)";
        }
        return "  (warming up: Z-score history " + snapshot.historySamples() + " samples)";
    }

    /**
     * @return for each market still WARMING_UP at its last signal, one line saying what holds it (for the summary).
     */
    List<String> warmingUp()
    {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < latest.length; i++)
        {
            final SignalSnapshot snapshot = latest[i];
            synchronized (snapshot)
            {
                if (snapshot.market() != null && (snapshot.flags() & SignalFlags.WARMING_UP) != 0)
                {
                    lines.add(snapshot.market() + " still WARMING_UP" + warmingUp(i, snapshot));
                }
            }
        }
        return lines;
    }

    void printChanges()
    {
        for (String change = changes.poll(); change != null; change = changes.poll())
        {
            out.println(change);
            history.add(change);
        }
        out.flush();
    }

    List<String> regimeChanges()
    {
        return history;
    }

    private String health()
    {
        final FeedGroup group = feeds;
        if (group == null)
        {
            return "feeds starting";
        }
        final StringBuilder silent = new StringBuilder();
        for (final FeedConnection connection : group.connections())
        {
            final Venue venue = connection.settings().venue();
            final FeedCounters counters = group.counters(venue);
            final long messages = counters.messages.get();
            if (messages == lastMessages[venue.ordinal()])
            {
                final String why = connection.lastFailure();
                silent.append(silent.length() == 0 ? "" : ",").append(venue.id())
                    .append(why == null ? "" : " (" + why + ")");
            }
            lastMessages[venue.ordinal()] = messages;
        }
        final StringBuilder gaps = new StringBuilder();
        for (final FeedConnection connection : group.connections())
        {
            final Venue venue = connection.settings().venue();
            final FeedCounters counters = group.counters(venue);
            final long gapCount = counters.gaps.get();
            if (gapCount > 0)
            {
                gaps.append(gaps.length() == 0 ? "" : ", ").append(venue.id()).append(' ').append(gapCount)
                    .append(gapCount == 1 ? " gap, " : " gaps, ").append(counters.missingTrades.get())
                    .append(" missed, ").append(counters.recoveredTrades.get()).append(" recovered");
                final long errors = counters.restErrors.get();
                if (errors > 0)
                {
                    gaps.append(" (").append(errors).append(" REST errors)");
                }
            }
        }
        return (silent.length() == 0 ? "feeds OK" : "silent: " + silent) +
            (gaps.length() == 0 ? "" : "; backfill: " + gaps);
    }
}
