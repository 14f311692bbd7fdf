package io.takerflow.bench.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.AtomicCounter;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order;

import info.bitrich.xchangestream.core.ProductSubscription;
import info.bitrich.xchangestream.core.StreamingExchange;
import info.bitrich.xchangestream.core.StreamingExchangeFactory;
import io.reactivex.disposables.Disposable;
import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.net.FeedGroup;
import io.takerflow.feeds.net.FeedSettings;

/**
 * The fair race: the sender (the loopback simulator, {@link SenderProcess}) in its own JVM pinned to core 0, the
 * client under test in this JVM pinned to core 1 ({@code taskset}), the same Binance spot {@code trade} frames at
 * the same offered rates for Takerflow's engine (wire to signal callback) and for XChange's streaming client
 * {@code xchange-stream-binance} (wire to its {@code Observable<Trade>} callback). Per rate and client: latency from
 * each trade's scheduled send time (HdrHistogram), bytes allocated per message by every thread of this process
 * ({@code ThreadMXBean}), GC count, and whether the trade's taker side came out right, checked against the side the
 * sender wrote. The highest offered rate whose p99 stays under 1 ms, with every trade received, is the sustained rate:
 * among the fixed rates, and with {@code --search LO..HI} found by a search over rates ({@link RateSearch}) for each
 * client in the same run.
 * <p>
 * Run through {@code WireToSignalLatency --sender process [--clients takerflow,xchange] [--rates ...|none]
 * [--search LO..HI] [--seconds N] [--warmup N] [--wait ...] [--out DIR]}.
 */
final class SplitProcessRace
{
    private static final int SLOTS = 1 << 22;
    private static final long MAX_LATENCY_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long SUSTAINED_P99_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Venue VENUE = Venue.BINANCE_SPOT;
    private static final double SEARCH_RESOLUTION = 1.25;

    /**
     * The clients in the race.
     */
    enum Client
    {
        TAKERFLOW("takerflow"),
        XCHANGE("xchange");

        final String id;

        Client(final String id)
        {
            this.id = id;
        }

        static Client parse(final String id)
        {
            for (final Client client : values())
            {
                if (client.id.equals(id))
                {
                    return client;
                }
            }
            throw new IllegalArgumentException("unknown client " + id + " (takerflow, xchange)");
        }
    }

    /**
     * What one client saw at one rate; filled on the client's callback thread, read after it stopped.
     */
    static final class Tally
    {
        final Histogram latency = new Histogram(MAX_LATENCY_NS, 3);
        final Histogram fromSend = new Histogram(MAX_LATENCY_NS, 3);
        private final SentTrades sent;
        private volatile long fromNs = Long.MAX_VALUE;
        private volatile long toNs = Long.MAX_VALUE;
        volatile long total;
        long inWindow;
        long sideChecked;
        long sideCorrect;

        Tally(final SentTrades sent)
        {
            this.sent = sent;
        }

        /**
         * Opens the measured window: trades due from {@code fromNs} to before {@code toNs} count; none before this.
         *
         * @param fromNs first due time measured.
         * @param toNs   first due time not measured.
         */
        void window(final long fromNs, final long toNs)
        {
            this.toNs = toNs;
            this.fromNs = fromNs;
        }

        /**
         * @param sequence the trade's place on the tape, from 0.
         * @param nowNs    when the callback saw it.
         * @param side     1 if the client says the taker bought, 2 sold, 0 if it cannot tell.
         */
        void onTrade(final long sequence, final long nowNs, final int side)
        {
            total++;
            final long due = sent.scheduledNs(sequence);
            if (due >= fromNs && due < toNs)
            {
                latency.recordValue(Math.min(MAX_LATENCY_NS, Math.max(0, nowNs - due)));
                fromSend.recordValue(Math.min(MAX_LATENCY_NS, Math.max(0, nowNs - sent.sentNs(sequence))));
                inWindow++;
                if (side != 0)
                {
                    sideChecked++;
                    if ((side == 1) == sent.takerBought(sequence))
                    {
                        sideCorrect++;
                    }
                }
            }
        }
    }

    /**
     * One client's outcome at one rate.
     */
    record Outcome(Client client, int rate, Tally tally, long expected, long gcs, double bytesPerMessage)
    {
        boolean sustained()
        {
            return tally.inWindow >= expected && tally.latency.getValueAtPercentile(99) < SUSTAINED_P99_NS;
        }
    }

    private SplitProcessRace()
    {
    }

    static void run(final List<Integer> rates, final List<Client> clients, final int seconds, final int warmup,
        final WaitStrategyKind wait, final Path out, final int[] search) throws Exception
    {
        Files.createDirectories(out);
        final int cores = Runtime.getRuntime().availableProcessors();
        final boolean pinned = pinThisProcess();
        final double[] load = loadAverage();
        System.out.printf(Locale.ROOT, "split-process race, Binance spot trade frames over loopback, %d s per rate " +
            "after %d s warm-up, wait strategy %s, %d cores, %s, load average %.2f %.2f %.2f at start%n", seconds,
            warmup,
            wait, cores, System.getProperty("java.vm.version"), load[0], load[1], load[2]);
        System.out.println(pinned ?
            "sender pinned to core 0 (taskset -c 0), this process to core 1 (taskset -a -cp 1)" :
            "taskset not found: sender and client are NOT pinned and share every core");
        if (!rates.isEmpty())
        {
            System.out.println("client       rate/s     p50 us     p90 us     p99 us   p99.9 us     max us  " +
                "from-send p99 us   received/expected   B/msg   GCs   taker side right");
        }
        final List<Outcome> outcomes = new ArrayList<>();
        for (final int rate : rates)
        {
            for (final Client client : clients)
            {
                final Outcome outcome = runOne(client, rate, seconds, warmup, wait, pinned);
                outcomes.add(outcome);
                final Histogram h = outcome.tally().latency;
                System.out.printf(Locale.ROOT,
                    "%-10s %8d %10.1f %10.1f %10.1f %10.1f %10.1f %17.1f %11d/%-9d %7.0f %5d   %d of %d%n",
                    client.id, rate, us(h, 50), us(h, 90), us(h, 99), us(h, 99.9), h.getMaxValue() / 1e3,
                    us(outcome.tally().fromSend, 99), outcome.tally().inWindow, outcome.expected(),
                    outcome.bytesPerMessage(), outcome.gcs(), outcome.tally().sideCorrect, outcome.tally().sideChecked);
                try (PrintStream hgrm = new PrintStream(
                    Files.newOutputStream(out.resolve("race-" + client.id + "-" + rate + ".hgrm"))))
                {
                    h.outputPercentileDistribution(hgrm, 1000.0);
                }
            }
        }
        if (clients.contains(Client.TAKERFLOW) && clients.contains(Client.XCHANGE) && !rates.isEmpty())
        {
            System.out.println("xchange / takerflow, same rate, same run:   p50     p99   p99.9   B/msg");
            for (final int rate : rates)
            {
                final Outcome ours = find(outcomes, Client.TAKERFLOW, rate);
                final Outcome peer = find(outcomes, Client.XCHANGE, rate);
                if (ours.tally().inWindow == 0 || peer.tally().inWindow == 0)
                {
                    System.out.printf(Locale.ROOT, "  %8d msg/s   n/a (saturated)%n", rate);
                    continue;
                }
                System.out.printf(Locale.ROOT, "  %8d msg/s %28.1fx %6.1fx %6.1fx %6.0fx%n", rate,
                    ratio(peer.tally().latency, ours.tally().latency, 50),
                    ratio(peer.tally().latency, ours.tally().latency, 99),
                    ratio(peer.tally().latency, ours.tally().latency, 99.9),
                    peer.bytesPerMessage() / Math.max(1.0, ours.bytesPerMessage()));
            }
        }
        if (!rates.isEmpty())
        {
            System.out.println("highest of the rates tried with p99 under 1 ms and every trade received:");
        }
        for (final Client client : rates.isEmpty() ? List.<Client>of() : clients)
        {
            int best = 0;
            for (final Outcome outcome : outcomes)
            {
                if (outcome.client() == client && outcome.sustained())
                {
                    best = Math.max(best, outcome.rate());
                }
            }
            System.out.printf(Locale.ROOT, "  %-10s %s%n", client.id, best == 0 ? "none of the rates tried" : best +
                " msg/s");
        }
        if (search != null)
        {
            searchSustainedRate(clients, search[0], search[1], seconds, warmup, wait, pinned, out);
        }
        final double[] after = loadAverage();
        System.out.printf(Locale.ROOT, "load average %.2f %.2f %.2f at the end%n", after[0], after[1], after[2]);
    }

    /**
     * Searches each client's highest sustained rate, the clients taking turns probe by probe (so a burst of another
     * job's load falls on both), and prints it beside the percentiles measured at that rate.
     */
    private static void searchSustainedRate(final List<Client> clients, final int lowest, final int highest,
        final int seconds, final int warmup, final WaitStrategyKind wait, final boolean pinned, final Path out)
        throws Exception
    {
        System.out.printf(Locale.ROOT, "search: highest offered rate from %d to %d msg/s with p99 under 1 ms " +
            "and every trade received, clients taking turns, one probe per rate%n", lowest, highest);
        final Map<Client, RateSearch> searches = new EnumMap<>(Client.class);
        final Map<Client, Outcome> best = new EnumMap<>(Client.class);
        for (final Client client : clients)
        {
            searches.put(client, new RateSearch(lowest, highest, SEARCH_RESOLUTION));
        }
        boolean probing = true;
        while (probing)
        {
            probing = false;
            for (final Client client : clients)
            {
                final RateSearch search = searches.get(client);
                final int rate = search.next();
                if (rate == 0)
                {
                    continue;
                }
                probing = true;
                final Outcome outcome = runOne(client, rate, seconds, warmup, wait, pinned);
                search.record(rate, outcome.sustained());
                if (outcome.sustained() && rate == search.best())
                {
                    best.put(client, outcome);
                }
                final Histogram h = outcome.tally().latency;
                System.out.printf(Locale.ROOT,
                    "  probe %-10s %8d msg/s  p50 %9.1f us  p99 %9.1f us  received %d/%d  %s%n",
                    client.id, rate, us(h, 50), us(h, 99), outcome.tally().inWindow, outcome.expected(),
                    outcome.sustained() ? "pass" : "fail");
            }
        }
        System.out.println("client     max sustained msg/s     p50 us     p99 us   p99.9 us   B/msg   GCs" +
            "   (at that rate)");
        for (final Client client : clients)
        {
            final Outcome outcome = best.get(client);
            if (outcome == null)
            {
                System.out.printf(Locale.ROOT, "%-10s %20s%n", client.id, "none (fails " + lowest + ")");
                continue;
            }
            final Histogram h = outcome.tally().latency;
            System.out.printf(Locale.ROOT, "%-10s %20s %10.1f %10.1f %10.1f %7.0f %5d%n", client.id,
                (searches.get(client).reachedTheTop() ? ">= " : "") + outcome.rate(), us(h, 50), us(h, 99),
                us(h, 99.9), outcome.bytesPerMessage(), outcome.gcs());
            try (PrintStream hgrm = new PrintStream(
                Files.newOutputStream(out.resolve("race-" + client.id + "-sustained-" + outcome.rate() + ".hgrm"))))
            {
                h.outputPercentileDistribution(hgrm, 1000.0);
            }
        }
        if (best.containsKey(Client.TAKERFLOW) && best.containsKey(Client.XCHANGE))
        {
            System.out.printf(Locale.ROOT, "takerflow / xchange max sustained rate, same run: %.1fx%n",
                best.get(Client.TAKERFLOW).rate() / (double)best.get(Client.XCHANGE).rate());
        }
    }

    private static Outcome runOne(final Client client, final int rate, final int seconds, final int warmup,
        final WaitStrategyKind wait, final boolean pinned) throws Exception
    {
        final File map = new File(new File("/dev/shm").isDirectory() ? "/dev/shm" :
            System.getProperty("java.io.tmpdir"), "takerflow-sent-" + ProcessHandle.current().pid() + "-" + client.id +
            "-" + rate + ".map");
        Files.deleteIfExists(map.toPath());
        final Process sender = startSender(rate, map, pinned);
        try
        {
            final BufferedReader lines = new BufferedReader(new InputStreamReader(sender.getInputStream(),
                StandardCharsets.US_ASCII));
            final String line = lines.readLine();
            if (line == null || !line.startsWith("port "))
            {
                throw new IllegalStateException("the sender did not start: " + line);
            }
            final int port = Integer.parseInt(line.substring(5).trim());
            try (SentTrades sent = SentTrades.open(map, SLOTS))
            {
                final Tally tally = new Tally(sent);
                try (AutoCloseable ignored = client == Client.TAKERFLOW ? takerflow(port, wait, tally) :
                    xchange(port, sent, tally))
                {
                    // the warm-up runs from the client's set-up (XChange's connect blocks; a first run in this JVM
                    // loads its classes), so neither client's measured window starts while it is still connecting
                    final long fromNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
                    final long toNs = fromNs + TimeUnit.SECONDS.toNanos(seconds);
                    tally.window(fromNs, toNs);
                    sleepUntil(fromNs);
                    final long gcsBefore = gcCount();
                    final long bytesBefore = allocatedBytes();
                    final long messagesBefore = tally.total;
                    sleepUntil(toNs + TimeUnit.MILLISECONDS.toNanos(500));
                    final long gcs = gcCount() - gcsBefore;
                    final long bytes = allocatedBytes() - bytesBefore;
                    final long messages = Math.max(1, tally.total - messagesBefore);
                    return new Outcome(client, rate, tally, (long)seconds * rate, gcs, bytes / (double)messages);
                }
            }
        }
        finally
        {
            sender.getOutputStream().close();
            if (!sender.waitFor(10, TimeUnit.SECONDS))
            {
                sender.destroyForcibly();
            }
            Files.deleteIfExists(map.toPath());
        }
    }

    private static AutoCloseable takerflow(final int port, final WaitStrategyKind wait, final Tally tally)
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int spot = catalog.add(VENUE, "BTCUSDT", 1.0);
        final TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(spot).build())
            .waitStrategy(wait).tickInterval(0, TimeUnit.SECONDS).ringSize(1 << 16).build());
        final AtomicCounter trades = engine.counters().trades;
        engine.signals().addListener(new SignalListener()
        {
            private long seen;
            private double buy;
            private double sell;

            @Override
            public void onSignal(final SignalView signal)
            {
                final long count = trades.get();
                if (count == seen)
                {
                    return;
                }
                final long now = System.nanoTime();
                // One new trade: the side whose window volume grew is the taker side the engine booked (a window
                // eviction only ever shrinks a side); several at once or no growth: cannot tell, not checked.
                final double dBuy = signal.buyVolume() - buy;
                final double dSell = signal.sellVolume() - sell;
                final int side = count - seen != 1 ? 0 : dBuy > 0 && dSell <= 0 ? 1 : dSell > 0 && dBuy <= 0 ? 2 : 0;
                buy = signal.buyVolume();
                sell = signal.sellVolume();
                seen = count;
                tally.onTrade(count - 1, now, side);
            }
        });
        final URI endpoint = URI.create("ws://127.0.0.1:" + port + VenueProtocols.of(VENUE).defaultEndpoint()
            .getPath());
        final FeedGroup feeds = new FeedGroup(engine, List.of(FeedSettings.builder(VENUE, List.of("BTCUSDT"))
            .endpoint(endpoint).build()), 1, engine.config().clock()).start();
        return () ->
        {
            feeds.close();
            engine.close();
        };
    }

    private static AutoCloseable xchange(final int port, final SentTrades sent, final Tally tally)
    {
        final ExchangeSpecification spec = new ExchangeSpecification(LoopbackBinanceStreamingExchange.class);
        spec.setShouldLoadRemoteMetaData(false);
        spec.setExchangeSpecificParametersItem(LoopbackBinanceStreamingExchange.BASE_URI, "ws://127.0.0.1:" + port +
            "/");
        final StreamingExchange exchange = StreamingExchangeFactory.INSTANCE.createExchange(spec);
        if (!exchange.connect(ProductSubscription.create().addTrades(CurrencyPair.BTC_USDT).build())
            .blockingAwait(20, TimeUnit.SECONDS))
        {
            System.err.println("xchange did not connect to the sender within 20 s");
        }
        final Disposable subscription = exchange.getStreamingMarketDataService().getTrades(CurrencyPair.BTC_USDT)
            .subscribe(trade ->
            {
                final long now = System.nanoTime();
                final long sequence = Long.parseLong(trade.getId()) - sent.firstTradeId();
                tally.onTrade(sequence, now, trade.getType() == Order.OrderType.BID ? 1 : 2);
            });
        return () ->
        {
            subscription.dispose();
            exchange.disconnect().blockingAwait(10, TimeUnit.SECONDS);
        };
    }

    private static Process startSender(final int rate, final File map, final boolean pinned) throws IOException
    {
        final List<String> command = new ArrayList<>();
        if (pinned)
        {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!argument.startsWith("-Xlog") && !argument.startsWith("-agent"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SenderProcess.class.getName(), VENUE.id(),
            Integer.toString(rate), map.getAbsolutePath(), Integer.toString(SLOTS)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * Pins every thread of this process (and so the threads they start) to core 1.
     *
     * @return false if {@code taskset} is missing or failed: nothing pinned.
     */
    private static boolean pinThisProcess()
    {
        try
        {
            final Process taskset = new ProcessBuilder("taskset", "-a", "-cp", "1",
                Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return taskset.waitFor(10, TimeUnit.SECONDS) && taskset.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double[] loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2])};
        }
        catch (final IOException | RuntimeException ex)
        {
            final double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new double[] {one, Double.NaN, Double.NaN};
        }
    }

    private static void sleepUntil(final long deadlineNs) throws InterruptedException
    {
        while (System.nanoTime() < deadlineNs)
        {
            Thread.sleep(10);
        }
    }

    private static Outcome find(final List<Outcome> outcomes, final Client client, final int rate)
    {
        for (final Outcome outcome : outcomes)
        {
            if (outcome.client() == client && outcome.rate() == rate)
            {
                return outcome;
            }
        }
        throw new IllegalStateException("no outcome for " + client.id + " at " + rate);
    }

    private static double ratio(final Histogram peer, final Histogram ours, final double percentile)
    {
        return peer.getValueAtPercentile(percentile) / (double)Math.max(1, ours.getValueAtPercentile(percentile));
    }

    private static double us(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private static long allocatedBytes()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long bytes = 0;
        for (final long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
        {
            bytes += Math.max(0, allocated);
        }
        return bytes;
    }
}
