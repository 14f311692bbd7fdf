package io.takerflow.app;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.fanout.FanoutSettings;
import io.takerflow.fanout.SignalFanout;
import io.takerflow.fanout.TradePublisher;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.history.WarmStart;
import io.takerflow.feeds.net.Loopback;
import io.takerflow.feeds.net.FeedGroup;
import io.takerflow.feeds.net.FeedSettings;
import io.takerflow.journal.Journal;
import io.takerflow.journal.JournalSettings;

/**
 * One run of the engine as {@code demo} and {@code live} start it: journal, counters file, engine, Aeron fanout
 * when publishing, Z-score warm-up from klines, feeds, and the terminal view; closed in reverse order.
 */
final class EngineRun implements AutoCloseable
{
    final LiveConfig config;
    final Journal journal;
    final TakerflowEngine engine;
    final TerminalView view;
    final SignalFanout fanout;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private FeedGroup feeds;
    private WarmStart warmStart;
    private InputPublisher warmPublisher;
    private final PrintWriter out;
    private long errorsSeen;
    private int errorsShown;

    EngineRun(final LiveConfig config, final JournalSettings journalSettings, final PrintWriter out)
    {
        this(config, journalSettings, out, null);
    }

    /**
     * @param latencyLog where to write an HdrHistogram interval log of the latency per venue and stage, or null.
     */
    EngineRun(final LiveConfig config, final JournalSettings journalSettings, final PrintWriter out,
        final Path latencyLog)
    {
        this.config = config;
        this.out = out;
        this.journal = Journal.open(journalSettings, config.instruments, config.markets);
        this.view = new TerminalView(out, config.markets, config.instruments);
        final EngineConfig.Builder builder = EngineConfig.builder(config.instruments)
            .countersFile(RunFiles.countersFile(journalSettings.directory()))
            .errorLogFile(RunFiles.errorLogFile(journalSettings.directory()))
            .latencyFile(RunFiles.latencyFile(journalSettings.directory()))
            .latencyLog(latencyLog)
            .parallelHandler(journal.inputWriter())
            .listener(journal.signalWriter())
            .listener(view);
        config.markets.forEach(builder::market);
        if (config.ringSize != null)
        {
            builder.ringSize(config.ringSize);
        }
        if (config.waitStrategy != null)
        {
            builder.waitStrategy(config.waitStrategy);
        }
        if (config.tickIntervalNs != null)
        {
            builder.tickInterval(config.tickIntervalNs, TimeUnit.NANOSECONDS);
        }
        final TradePublisher trades = config.fanout != null && config.fanout.publishTrades() ? new TradePublisher() :
            null;
        if (trades != null)
        {
            builder.parallelHandler(trades);
        }
        TakerflowEngine started = null;
        SignalFanout fanout = null;
        try
        {
            started = TakerflowEngine.start(builder.build());
            journal.attach(started);
            if (config.fanout != null)
            {
                fanout = SignalFanout.start(config.fanout, started, trades);
            }
        }
        catch (final RuntimeException ex)
        {
            if (started != null)
            {
                started.close();
            }
            journal.close();
            throw ex;
        }
        this.engine = started;
        this.fanout = fanout;
    }

    /**
     * @return where this run publishes, for the console, or an empty string when it does not.
     */
    String publishing()
    {
        if (fanout == null)
        {
            return "";
        }
        final FanoutSettings settings = fanout.settings();
        final String driver = settings.aeronDir() == null ? fanout.link().aeronDirectoryName() +
            " (embedded, deleted " + "on exit)" : settings.aeronDir().toString();
        return "publishing signals" + (settings.publishTrades() ? " and trades" : "") + " on " + settings.channel() +
            " stream " + settings.streamId() + (settings.archiveEnabled() ? ", recorded by Aeron Archive" : "") +
            "; media driver " + driver + "\nlisten with: takerflow listen --channel '" + settings.channel() + "'" +
            (settings.streamId() == FanoutSettings.DEFAULT_STREAM_ID ? "" : " --stream " + settings.streamId()) +
            (settings.channel().startsWith("aeron:ipc") || settings.archiveEnabled() ?
            " --aeron-dir " + fanout.link().aeronDirectoryName() : "") +
                (settings.archiveEnabled() ? " [--from start]" : "");
    }

    /**
     * Warm start, before the feeds: seeds every market's Z-score history from the klines of every flow leg that has
     * them (summed per period as live flow is), then fills every market's flow window from their bars of the bucket
     * size (see {@link WarmStart}). Everything goes onto the ring and into the journal.
     *
     * @param interval        the history bar interval (the markets' sample period), e.g. {@code 1h}.
     * @param intervalMs      its length.
     * @param bars            how many history bars to go back.
     * @param anyWholeSecond  true against the loopback simulator (it serves bars of any whole number of seconds).
     * @return one line per leg and step: what was filled from what, and what was left out and why.
     */
    List<String> warmUp(final String interval, final long intervalMs, final int bars, final boolean anyWholeSecond)
    {
        warmStart = new WarmStart(config.instruments, config.markets, this::klinesBase, config.trust, anyWholeSecond);
        warmPublisher = engine.newPublisher();
        if (bars > 0)
        {
            warmStart.seedHistory(interval, intervalMs, bars, warmPublisher, engine.config().clock());
        }
        warmStart.fillWindows(warmPublisher, engine.config().clock());
        return warmStart.report();
    }

    /**
     * After the feeds delivered their first trades: the bars that closed since {@link #warmUp}, so no bucket is left
     * empty between the start's bars and live flow.
     *
     * @return bars published.
     */
    int topUpWindows()
    {
        return warmStart == null ? 0 : warmStart.fillWindows(warmPublisher, engine.config().clock());
    }

    /**
     * Where a venue's klines are read: {@code history.url} for Binance USD-M if set, else the venue's
     * {@code venue.<id>.rest}, else its default; never the internet for a venue whose feed is on loopback without
     * a REST base of its own.
     */
    private URI klinesBase(final Venue venue)
    {
        if (venue == Venue.BINANCE_USDM && config.historyUrl != null)
        {
            return config.historyUrl;
        }
        final LiveConfig.VenueSubscription subscription = config.venues.get(venue);
        if (subscription != null && subscription.rest() != null)
        {
            return subscription.rest();
        }
        if (subscription != null && subscription.url() != null && Loopback.isLoopback(subscription.url().getHost()))
        {
            throw new IllegalStateException("venue." + venue.id() + ".url is on loopback and venue." + venue.id() +
                ".rest is not set: no klines from the internet");
        }
        return VenueProtocols.of(venue).tradeHistory().defaultBase();
    }

    /**
     * @return the longest flow window of any market: how far back a backfill goes (older trades would not count).
     */
    private long longestWindowNs()
    {
        long longest = 0;
        for (final MarketConfig market : config.markets)
        {
            longest = Math.max(longest, market.windowNs());
        }
        return longest > 0 ? longest : FeedSettings.DEFAULT_BACKFILL_CAP_NS;
    }

    void startFeeds()
    {
        final List<FeedSettings> settings = new ArrayList<>();
        for (final LiveConfig.VenueSubscription venue : config.venues.values())
        {
            final FeedSettings.Builder builder = FeedSettings.builder(venue.venue(), venue.symbols())
                .trust(config.trust);
            if (config.staleAfterNs != null)
            {
                builder.staleAfter(config.staleAfterNs, TimeUnit.NANOSECONDS);
            }
            if (config.maxFrameBytes != null)
            {
                builder.maxFrameBytes(config.maxFrameBytes);
            }
            if (venue.url() != null)
            {
                builder.endpoint(venue.url());
            }
            if (venue.rest() != null)
            {
                builder.rest(venue.rest());
            }
            builder.backfillCap(longestWindowNs(), TimeUnit.NANOSECONDS);
            settings.add(builder.build());
        }
        feeds = new FeedGroup(engine, settings, 1, engine.config().clock(), io.takerflow.feeds.net.HostResolver.SYSTEM)
            .start();
        view.feeds(feeds);
    }

    /**
     * Shows the live view (one line a second, regime changes at once) until {@code seconds} have passed (0: no
     * limit) or Ctrl-C; on Ctrl-C the JVM waits for {@link #close()} so the summary prints and the journal closes.
     *
     * @param linePrefix text in front of each status line, e.g. the simulator's phase.
     */
    void show(final int seconds, final Supplier<String> linePrefix) throws InterruptedException
    {
        final Thread hook = new Thread(() ->
        {
            stopRequested.countDown();
            try
            {
                closed.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "takerflow-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        final long endNs = seconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long nextLineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        boolean toppedUp = false;
        while (System.nanoTime() < endNs && !stopRequested.await(100, TimeUnit.MILLISECONDS))
        {
            view.printChanges();
            if (!toppedUp && engine.counters().trades.get() > 0)
            {
                toppedUp = true;
                topUpWindows();
            }
            printNewErrors();
            if (System.nanoTime() >= nextLineNs)
            {
                view.print(linePrefix.get());
                nextLineNs += TimeUnit.SECONDS.toNanos(1);
            }
        }
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // Ctrl-C: the hook is running and waits for close()
        }
        view.printChanges();
        printNewErrors();
    }

    /**
     * Shows each distinct error of the engine's error log once, as it first appears (why a venue cannot connect, a
     * journal that stopped): read from the log on this thread when the {@code errors} counter moved, so the threads
     * that report errors never print.
     */
    private void printNewErrors()
    {
        final long errors = engine.counters().errors.get();
        if (errors == errorsSeen)
        {
            return;
        }
        errorsSeen = errors;
        final int[] index = {0};
        engine.errors().read((count, first, last, text) ->
        {
            if (index[0]++ >= errorsShown)
            {
                out.println("takerflow: " + io.takerflow.engine.EngineErrors.summary(text));
            }
        });
        errorsShown = index[0];
        out.flush();
    }

    Path journalDir()
    {
        return journal.settings().directory();
    }

    @Override
    public void close()
    {
        if (feeds != null)
        {
            feeds.close();
        }
        if (fanout != null)
        {
            fanout.close();
        }
        engine.close();
        journal.close();
        closed.countDown();
    }
}
