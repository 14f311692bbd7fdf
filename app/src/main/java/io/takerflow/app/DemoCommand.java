package io.takerflow.app;

import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.takerflow.engine.input.Venue;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;
import io.takerflow.journal.JournalSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo: a loopback exchange simulator with a regime-switching market, the real feed handlers connected to
 * it, the Z-score warmed from its klines, and the live terminal view, with windows compressed from hours to
 * seconds so the regime moves within a minute.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the engine against a loopback exchange simulator (real wire formats, compressed windows) " +
        "and show the signals live. Exits with code 3 if journaling stopped early (a full disk); the summary says " +
        "where.")
final class DemoCommand implements Callable<Integer>
{
    /** The compressed time scale: one demo window is 20 s where live uses 1 h. */
    static final String WINDOW = "20s";
    /** The simulator loses every this-many-th trade id on the wire, so the demo shows gaps found and recovered. */
    static final int DROP_EVERY = 997;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N", description = "stop after N seconds (default: until Ctrl-C)",
        defaultValue = "0")
    private int seconds;

    @Option(names = "--journal", paramLabel = "DIR", description = "journal directory (default: ${DEFAULT-VALUE})",
        defaultValue = RunFiles.DEFAULT_JOURNAL)
    private Path journalDir;

    @Option(names = "--seed", paramLabel = "N", description = "simulator random seed (default: ${DEFAULT-VALUE})",
        defaultValue = "7")
    private long seed;

    @Option(names = "--publish", paramLabel = "CHANNEL", description = "also publish the signals on this Aeron " +
        "channel (aeron:ipc, or aeron:udp?endpoint=127.0.0.1:40123), recorded by an embedded Aeron Archive, for " +
        "takerflow listen in another terminal")
    private String publish;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "with --publish: use the media driver running " +
        "in DIR (default: an embedded driver in a temporary directory, deleted on exit)")
    private Path aeronDir;

    @Option(names = "--latency-log", paramLabel = "FILE", description = "also write the latency per venue and " +
        "stage as an HdrHistogram interval log (one interval a second; tags venue.stage), for HdrHistogram's " +
        "HistogramLogProcessor and plotter")
    private Path latencyLog;

    @Override
    public Integer call() throws Exception
    {
        if (seconds < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be >= 0");
        }
        if (aeronDir != null && publish == null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--aeron-dir needs --publish");
        }
        final PrintWriter out = spec.commandLine().getOut();
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().seed(seed)
            .phase(25, TimeUnit.SECONDS).tradesPerSecond(Venue.BINANCE_USDM, 80).tradesPerSecond(Venue.BINANCE_SPOT, 40)
            .tradesPerSecond(Venue.COINBASE, 30).dropEvery(DROP_EVERY).build()))
        {
            final LiveConfig config = LiveConfig.parse(demoSettings(simulator, publish, aeronDir), "demo");

            out.println("takerflow demo: loopback exchange simulator on 127.0.0.1:" + simulator.port() +
                " (Binance USD-M aggTrade, Binance spot trade, Coinbase matches; real wire formats; every " +
                DROP_EVERY +
                "th trade lost on the wire and recovered over the venues' REST trade history)");
            out.println("time is compressed: flow window " + WINDOW + " in 1 s buckets (live: 1 h in 1 min), Z-score " +
                "samples every " + WINDOW + " (live: 1 h), premium half-life 5 s (live: 60 s)");
            try (EngineRun run = new EngineRun(config, new JournalSettings(journalDir,
                JournalSettings.rollCycle("daily"), 0), out, latencyLog))
            {
                out.println("warm start from the simulator's /fapi/v1/klines (time compressed: " + WINDOW +
                    " history bars, 1 s window bars):");
                run.warmUp(WINDOW, 20_000, 2160, true).forEach(line -> out.println("  " + line));
                if (run.fanout != null)
                {
                    out.println(run.publishing());
                }
                run.startFeeds();
                run.show(seconds, () -> "[" + simulator.phase().name().toLowerCase(java.util.Locale.ROOT) + " phase] ");
                return Summary.print(out, run);
            }
        }
    }

    private static Properties demoSettings(final ExchangeSimulator simulator, final String publish, final Path aeronDir)
        throws java.io.IOException
    {
        final Properties properties = new Properties();
        if (publish != null)
        {
            properties.setProperty("publish.channel", publish);
            properties.setProperty("archive.enabled", "true");
        }
        if (aeronDir != null)
        {
            properties.setProperty("aeron.dir", aeronDir.toString());
        }
        properties.load(new StringReader(String.join("\n",
            "venue.binance-usdm.symbols = BTCUSDT",
            "venue.binance-usdm.url = " + simulator.endpoint(Venue.BINANCE_USDM),
            "venue.binance-usdm.rest = " + simulator.restBase(),
            "venue.binance-spot.symbols = BTCUSDT",
            "venue.binance-spot.url = " + simulator.endpoint(Venue.BINANCE_SPOT),
            "venue.binance-spot.rest = " + simulator.restBase(),
            "venue.coinbase.symbols = BTC-USD",
            "venue.coinbase.url = " + simulator.endpoint(Venue.COINBASE),
            "venue.coinbase.rest = " + simulator.restBase(),
            "market.BTC.flow = binance-usdm:BTCUSDT",
            "market.BTC.premium = coinbase:BTC-USD",
            "market.BTC.reference = binance-spot:BTCUSDT",
            "market.BTC.window = " + WINDOW,
            "market.BTC.bucket = 1s",
            "market.BTC.samplePeriod = " + WINDOW,
            "market.BTC.minHistorySamples = 20",
            "market.BTC.premiumHalfLife = 5s",
            "market.BTC.premiumStaleAfter = 5s",
            "market.BTC.gapHold = 5s",
            "market.BTC.minRegimeDwell = 2s",
            "market.BTC.recoveryMaxAge = 2m",
            "engine.tickInterval = 100ms",
            "feeds.staleAfter = 5s")));
        return properties;
    }
}
