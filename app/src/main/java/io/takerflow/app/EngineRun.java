package io.takerflow.app;

import java.io.IOException;
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
import io.takerflow.feeds.history.KlineHistory;
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
    private final java.nio.file.Path journalDirectory;

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
        this.journalDirectory = journalSettings.directory();
        this.journal = Journal.open(journalSettings, config.instruments, config.markets);
        this.view = new TerminalView(out, config.markets);
        final EngineConfig.Builder builder = EngineConfig.builder(config.instruments)
            .countersFile(RunFiles.countersFile(journalSettings.directory()))
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
     * Seeds every market's Z-score history from Binance USD-M klines of its first flow instrument.
     *
     * @return bars published.
     */
    int warmUp(final URI restBase, final String interval, final long intervalMs, final int bars) throws IOException
    {
        final KlineHistory history = new KlineHistory(restBase, config.trust);
        final InputPublisher publisher = engine.newPublisher();
        final long endMs = System.currentTimeMillis() / intervalMs * intervalMs;
        int published = 0;
        for (final MarketConfig market : config.markets)
        {
            final int flow = market.flowInstruments()[0];
            if (config.instruments.get(flow).venue() == Venue.BINANCE_USDM)
            {
                published += history.publish(config.instruments.get(flow).symbol(), interval, endMs - bars * intervalMs,
                    endMs, flow, publisher, engine.config().clock());
            }
        }
        return published;
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
        feeds = new FeedGroup(engine, settings, 1, engine.config().clock(), io.takerflow.feeds.net.HostResolver.SYSTEM,
            io.takerflow.feeds.net.FeedErrors.printingTo(System.err), RunFiles.feedErrorsFile(journalDirectory))
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
        while (System.nanoTime() < endNs && !stopRequested.await(100, TimeUnit.MILLISECONDS))
        {
            view.printChanges();
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
