package io.takerflow.bench.feeds;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.net.FeedCounters;
import io.takerflow.feeds.net.FeedGroup;
import io.takerflow.feeds.net.FeedSettings;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * Backfill throughput per venue against the loopback simulator: trades print at {@code --rate} a second, the
 * simulator goes silent for {@code --stall} seconds (the feed goes stale and reconnects, trading carries on), and
 * the gap is fetched from the simulator's REST trade history at the venue's own request budget. Prints trades
 * recovered, the time the backfill took (first request to last answer) and trades recovered per second. The
 * figure is bounded by each venue's documented budget (page size over request interval), not by the engine.
 * <p>
 * {@code java @jvm.flags -cp bench/target/benchmarks.jar io.takerflow.bench.feeds.BackfillThroughput
 * [--rate 2000] [--stall 5]}
 */
public final class BackfillThroughput
{
    private BackfillThroughput()
    {
    }

    /**
     * @param args {@code --rate N --stall S}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        double rate = 2000;
        int stallSeconds = 5;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--stall" -> stallSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("%-14s %10s %10s %10s %12s %14s%n", "venue", "missed", "recovered", "left", "backfill ms",
            "trades/s");
        for (final Venue venue : List.of(Venue.BINANCE_USDM, Venue.BINANCE_SPOT, Venue.COINBASE, Venue.OKX))
        {
            run(venue, rate, stallSeconds);
        }
    }

    private static void run(final Venue venue, final double rate, final int stallSeconds) throws InterruptedException
    {
        final String symbol = venue == Venue.COINBASE ? "BTC-USD" : venue == Venue.OKX ? "BTC-USDT" : "BTCUSDT";
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder()
            .tradesPerSecond(venue, rate).build()))
        {
            final InstrumentCatalog catalog = new InstrumentCatalog();
            final int id = catalog.add(venue, symbol, 1.0);
            try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
                .market(MarketConfig.builder("BTC").flowInstruments(id).build())
                .waitStrategy(WaitStrategyKind.BLOCKING).build());
                FeedGroup feeds = new FeedGroup(engine, List.of(FeedSettings.builder(venue, List.of(symbol))
                    .endpoint(simulator.endpoint(venue)).rest(simulator.restBase())
                    .staleAfter(1, TimeUnit.SECONDS).reconnectBackoff(100, 500, TimeUnit.MILLISECONDS).build()), 1,
                    engine.config().clock()).start())
            {
                final FeedCounters counters = feeds.counters(venue);
                waitFor(() -> counters.trades.get() > rate, 20);
                simulator.stall(stallSeconds, TimeUnit.SECONDS);
                Thread.sleep(stallSeconds * 1000L);
                waitFor(() -> counters.backfills.get() > 0, 20);
                long last = -1;
                for (int quiet = 0; quiet < 30; )
                {
                    Thread.sleep(100);
                    final long now = counters.recoveredTrades.get() + counters.unrecoveredTrades.get();
                    quiet = now == last ? quiet + 1 : 0;
                    last = now;
                }
                final long recovered = counters.recoveredTrades.get();
                final long millis = Math.max(1, counters.backfillMillis.get());
                System.out.printf("%-14s %10d %10d %10d %12d %14.0f%n", venue.id(),
                    counters.missingTrades.get() > 0 ? counters.missingTrades.get() : recovered, recovered,
                    counters.unrecoveredTrades.get(), millis, recovered * 1000.0 / millis);
            }
        }
    }

    private static void waitFor(final java.util.function.BooleanSupplier condition, final int seconds)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
    }
}
