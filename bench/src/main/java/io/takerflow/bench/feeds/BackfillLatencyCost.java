package io.takerflow.bench.feeds;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochNanoClock;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.net.FeedCounters;
import io.takerflow.feeds.net.FeedGroup;
import io.takerflow.feeds.net.FeedSettings;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * What a running backfill costs the live path. Two loopback simulators (each with its own network thread): one
 * prints Binance spot trades that arrive live all along, the other Binance USD-M trades; the USD-M one goes silent
 * for {@code --stall} seconds while trading carries on, so its feed reconnects and backfills the gap over REST at
 * its request budget. The live spot market's signals are timed from each trade's receive time to the end of its
 * signal (a listener on the signal thread): before the stall, while the backfill runs, and as long again after it
 * (the first baseline also holds the JIT's warm-up; the one after it does not).
 * <p>
 * {@code java @jvm.flags -cp bench/target/benchmarks.jar io.takerflow.bench.feeds.BackfillLatencyCost
 * [--rate 2000] [--live-rate 1000] [--stall 5] [--baseline 10]}
 */
public final class BackfillLatencyCost
{
    private static volatile int phase;

    private BackfillLatencyCost()
    {
    }

    /**
     * @param args {@code --rate N --live-rate N --stall S --baseline S}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        double rate = 2000;
        double liveRate = 1000;
        int stallSeconds = 5;
        int baselineSeconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--live-rate" -> liveRate = Double.parseDouble(args[i + 1]);
                case "--stall" -> stallSeconds = Integer.parseInt(args[i + 1]);
                case "--baseline" -> baselineSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final Histogram[] latency = {new Histogram(3), new Histogram(3), new Histogram(3), new Histogram(3)};
        try (ExchangeSimulator gappy = ExchangeSimulator.start(SimulatorSettings.builder()
            .tradesPerSecond(Venue.BINANCE_USDM, rate).build());
            ExchangeSimulator live = ExchangeSimulator.start(SimulatorSettings.builder()
                .tradesPerSecond(Venue.BINANCE_SPOT, liveRate).build()))
        {
            final InstrumentCatalog catalog = new InstrumentCatalog();
            final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
            final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
            final EngineConfig.Builder builder = EngineConfig.builder(catalog)
                .market(MarketConfig.builder("LIVE").flowInstruments(spot).build())
                .market(MarketConfig.builder("GAPPY").flowInstruments(perp).build())
                .tickInterval(0, TimeUnit.MILLISECONDS).waitStrategy(WaitStrategyKind.YIELDING);
            final EpochNanoClock[] clock = new EpochNanoClock[1];
            builder.listener(view ->
            {
                if (view.marketIndex() == 0)
                {
                    latency[phase].recordValue(Math.max(0, clock[0].nanoTime() - view.timeNs()) / 1000);
                }
            });
            try (TakerflowEngine engine = TakerflowEngine.start(builder.build()))
            {
                clock[0] = engine.config().clock();
                try (FeedGroup feeds = new FeedGroup(engine, List.of(
                    FeedSettings.builder(Venue.BINANCE_SPOT, List.of("BTCUSDT"))
                        .endpoint(live.endpoint(Venue.BINANCE_SPOT)).rest(live.restBase())
                        .staleAfter(10, TimeUnit.SECONDS).build(),
                    FeedSettings.builder(Venue.BINANCE_USDM, List.of("BTCUSDT"))
                        .endpoint(gappy.endpoint(Venue.BINANCE_USDM)).rest(gappy.restBase())
                        .staleAfter(1, TimeUnit.SECONDS).reconnectBackoff(100, 500, TimeUnit.MILLISECONDS).build()),
                    1, engine.config().clock()).start())
                {
                    final FeedCounters perpCounters = feeds.counters(Venue.BINANCE_USDM);
                    final FeedCounters spotCounters = feeds.counters(Venue.BINANCE_SPOT);
                    waitFor(() -> perpCounters.trades.get() > 0 && spotCounters.trades.get() > 0, 20);
                    Thread.sleep(2000); // connections settled before the baseline is measured
                    latency[0].reset();
                    Thread.sleep(baselineSeconds * 1000L);
                    phase = 3;
                    gappy.stall(stallSeconds, TimeUnit.SECONDS);
                    // from the backfill's start until it has accounted for every missed trade
                    waitFor(() -> perpCounters.backfills.get() > 0, stallSeconds + 20);
                    phase = 1;
                    waitFor(() -> perpCounters.missingTrades.get() > 0 && perpCounters.recoveredTrades.get() +
                        perpCounters.unrecoveredTrades.get() >= perpCounters.missingTrades.get(), 120);
                    phase = 2;
                    Thread.sleep(baselineSeconds * 1000L);
                    phase = 3;
                    System.out.printf("backfill: %d trades missed, %d recovered, %d backfills, %d ms; " +
                        "load average %.2f%n",
                        perpCounters.missingTrades.get(), perpCounters.recoveredTrades.get(),
                        perpCounters.backfills.get(), perpCounters.backfillMillis.get(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        }
        System.out.printf("%-26s %10s %10s %10s %10s %10s%n", "live spot, receive->signal", "signals", "p50 us",
            "p90 us", "p99 us", "max us");
        print("baseline (no backfill)", latency[0]);
        print("while backfilling", latency[1]);
        print("after it (no backfill)", latency[2]);
    }

    private static void print(final String label, final Histogram histogram)
    {
        System.out.printf("%-26s %10d %10d %10d %10d %10d%n", label, histogram.getTotalCount(),
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }

    private static void waitFor(final BooleanSupplier condition, final int seconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
    }
}
