package io.takerflow.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.AtomicCounter;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.feeds.net.FeedGroup;
import io.takerflow.feeds.net.FeedSettings;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * End-to-end latency, wire to signal: the loopback simulator sends Binance USD-M aggTrade frames at a fixed
 * offered rate through the real Netty client, decoder, ring and signal handler to a subscriber callback. Each
 * trade's latency is measured from its <em>scheduled</em> send time (so a stalled sender or consumer shows up as
 * latency instead of being omitted) to the callback, into an HdrHistogram. Two more figures say what bounds it:
 * latency from the moment the simulator actually wrote the frame, and the simulator's own send lag.
 * <p>
 * Usage: {@code WireToSignalLatency [--rates 10000,100000,500000] [--seconds 10] [--warmup 3] [--out DIR]
 * [--wait yielding|blocking|busy-spin] [--sender in-process|process] [--clients takerflow,xchange]
 * [--search LO..HI]}. Writes one
 * {@code .hgrm} per rate and {@code latency-percentiles.png}. With {@code --sender process} the sender runs in its
 * own JVM pinned to one core and the clients race on the other: see {@link SplitProcessRace}.
 */
public final class WireToSignalLatency
{
    private static final int SLOTS = 1 << 23;
    private static final long MAX_LATENCY_NS = TimeUnit.SECONDS.toNanos(30);

    /**
     * One rate's outcome.
     */
    record Outcome(int rate, Histogram latency, Histogram fromSend, Histogram sendLag, double achieved, long received,
        long sent, long gcs)
    {
    }

    private WireToSignalLatency()
    {
    }

    /**
     * Runs the wire-to-signal latency race.
     *
     * @param args see the class comment.
     * @throws Exception if the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        List<Integer> rates = List.of(10_000, 100_000, 500_000);
        int seconds = 10;
        int warmup = 3;
        Path out = Path.of("bench-results");
        WaitStrategyKind wait = WaitStrategyKind.YIELDING;
        boolean senderProcess = false;
        int[] search = null;
        List<SplitProcessRace.Client> clients = List.of(SplitProcessRace.Client.TAKERFLOW);
        for (int i = 0; i < args.length; i += 2)
        {
            final String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--rates":
                    rates = new ArrayList<>();
                    for (final String rate : value.equals("none") ? new String[0] : value.split(","))
                    {
                        rates.add(Integer.parseInt(rate.trim()));
                    }
                    break;
                case "--search":
                    final String[] range = value.split("\\.\\.");
                    if (range.length != 2)
                    {
                        usage();
                    }
                    search = new int[] {Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim())};
                    break;
                case "--seconds":
                    seconds = Integer.parseInt(value);
                    break;
                case "--warmup":
                    warmup = Integer.parseInt(value);
                    break;
                case "--out":
                    out = Path.of(value);
                    break;
                case "--wait":
                    wait = WaitStrategyKind.parse(value);
                    break;
                case "--sender":
                    if (!value.equals("process") && !value.equals("in-process"))
                    {
                        usage();
                    }
                    senderProcess = value.equals("process");
                    break;
                case "--clients":
                    clients = new ArrayList<>();
                    for (final String client : value.split(","))
                    {
                        clients.add(SplitProcessRace.Client.parse(client.trim()));
                    }
                    break;
                default:
                    usage();
            }
        }
        if (senderProcess)
        {
            SplitProcessRace.run(rates, clients, seconds, warmup, wait, out, search);
            return;
        }
        if (search != null)
        {
            System.err.println("--search needs --sender process");
            System.exit(2);
        }
        if (!clients.equals(List.of(SplitProcessRace.Client.TAKERFLOW)))
        {
            System.err.println("--clients needs --sender process");
            System.exit(2);
        }
        Files.createDirectories(out);
        System.out.printf(Locale.ROOT,
            "wire-to-signal latency, Binance USD-M aggTrade over loopback, %d s per rate after " +
            "%d s warm-up, wait strategy %s, %d cores, %s%n", seconds, warmup, wait,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        System.out.println("   rate/s  achieved/s     p50 us     p90 us     p99 us   p99.9 us  p99.99 us     max us" +
            "   from-send p50/p99 us   send-lag p50/p99 us   GCs");
        final List<Outcome> outcomes = new ArrayList<>();
        for (final int rate : rates)
        {
            final Outcome outcome = run(rate, seconds, warmup, wait);
            outcomes.add(outcome);
            final Histogram h = outcome.latency();
            System.out.printf(Locale.ROOT,
                "%9d %11.0f %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f   %8.1f / %-8.1f    %8.1f / %-8.1f %5d%s%n",
                rate, outcome.achieved(), us(h, 50), us(h, 90), us(h, 99), us(h, 99.9), us(h, 99.99), h.getMaxValue() /
                    1e3,
                us(outcome.fromSend(), 50), us(outcome.fromSend(), 99), us(outcome.sendLag(), 50),
                    us(outcome.sendLag(), 99), outcome.gcs(),
                outcome.received() == outcome.sent() ? "" : "  (received " + outcome.received() + " of " +
                    outcome.sent() + ")");
            try (PrintStream hgrm = new PrintStream(Files.newOutputStream(out.resolve("wire-to-signal-" + rate +
                ".hgrm"))))
            {
                h.outputPercentileDistribution(hgrm, 1000.0);
            }
        }
        final Path png = out.resolve("latency-percentiles.png");
        PercentilePlot.write(outcomes, png);
        System.out.println("wrote " + out.toAbsolutePath() + "/wire-to-signal-<rate>.hgrm and " + png.getFileName());
    }

    private static void usage()
    {
        System.err.println("usage: WireToSignalLatency [--rates 10000,100000,500000] [--seconds N] [--warmup N] " +
            "[--out DIR] [--wait yielding|blocking|busy-spin] [--sender in-process|process] " +
            "[--clients takerflow,xchange (with --sender process)] [--search LO..HI (with --sender process)]");
        System.exit(2);
    }

    private static double us(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }

    static Outcome run(final int rate, final int seconds, final int warmup, final WaitStrategyKind wait)
        throws InterruptedException, IOException
    {
        final AtomicLongArray scheduled = new AtomicLongArray(SLOTS);
        final AtomicLongArray sentAtNs = new AtomicLongArray(SLOTS);
        final Histogram fromSend = new Histogram(MAX_LATENCY_NS, 3);
        final Histogram sendLag = new Histogram(MAX_LATENCY_NS, 3);
        final Histogram latency = new Histogram(MAX_LATENCY_NS, 3);
        final long[] firstId = {-1};
        final SimulatorSettings.Builder simulatorSettings = SimulatorSettings.builder().tradesPerSecond(0)
            .tradesPerSecond(Venue.BINANCE_USDM, rate).phase(1, TimeUnit.HOURS).pingInterval(0, TimeUnit.SECONDS)
            .tick(20, TimeUnit.MICROSECONDS);
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        try (ExchangeSimulator simulator = ExchangeSimulator.start(simulatorSettings.build()))
        {
            final long measureFromNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            final long measureToNs = measureFromNs + TimeUnit.SECONDS.toNanos(seconds);
            simulator.observer((venue, symbol, trade) ->
            {
                if (firstId[0] < 0)
                {
                    firstId[0] = trade.tradeId();
                }
                final int slot = (int)((trade.tradeId() - firstId[0]) & (SLOTS - 1));
                sentAtNs.lazySet(slot, System.nanoTime());
                scheduled.lazySet(slot, trade.scheduledNs());
                if (trade.scheduledNs() >= measureFromNs && trade.scheduledNs() < measureToNs)
                {
                    sendLag.recordValue(Math.min(MAX_LATENCY_NS, Math.max(0, System.nanoTime() - trade.scheduledNs())));
                }
            });
            final long[] received = {0, 0};
            try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
                .market(MarketConfig.builder("BTC").flowInstruments(perp).build())
                .waitStrategy(wait).tickInterval(0, TimeUnit.SECONDS).ringSize(1 << 16).build()))
            {
                final AtomicCounter trades = engine.counters().trades;
                engine.signals().addListener(new SignalListener()
                {
                    private long seen;

                    @Override
                    public void onSignal(final SignalView signal)
                    {
                        final long count = trades.get();
                        if (count == seen)
                        {
                            return;
                        }
                        seen = count;
                        final long now = System.nanoTime();
                        final int slot = (int)((count - 1) & (SLOTS - 1));
                        final long due = scheduled.get(slot);
                        if (due >= measureFromNs && due < measureToNs)
                        {
                            latency.recordValue(Math.min(MAX_LATENCY_NS, Math.max(0, now - due)));
                            fromSend.recordValue(Math.min(MAX_LATENCY_NS, Math.max(0, now - sentAtNs.get(slot))));
                            received[0]++;
                        }
                    }
                });
                try (FeedGroup feeds = new FeedGroup(engine, List.of(FeedSettings.builder(Venue.BINANCE_USDM,
                    List.of("BTCUSDT")).endpoint(simulator.endpoint(Venue.BINANCE_USDM)).build()), 1,
                    engine.config().clock()).start())
                {
                    while (System.nanoTime() < measureFromNs)
                    {
                        Thread.sleep(10);
                    }
                    final long gcsBefore = gcCount();
                    while (System.nanoTime() < measureToNs + TimeUnit.MILLISECONDS.toNanos(500))
                    {
                        Thread.sleep(10);
                    }
                    received[1] = gcCount() - gcsBefore;
                }
            }
            final long sent = (long)seconds * rate;
            return new Outcome(rate, latency, fromSend, sendLag, received[0] / (double)seconds, received[0], sent,
                received[1]);
        }
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
}
