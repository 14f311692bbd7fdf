package io.takerflow.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.takerflow.journal.JournalSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Live: the engine against the real venues (or whatever endpoints the config names), warm-started from Binance
 * klines (Z-score history and flow windows), journaled, and shown like the demo.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
    description = "Run the engine against the configured venues (default: Binance USD-M BTCUSDT aggTrade, " +
        "Binance spot BTCUSDT, Coinbase BTC-USD) and show the signals live. A bad setting stops the start with " +
        "exit code 2 naming it (plain ws:// or http:// is allowed only to a literal loopback address); exits with " +
        "code 3 if journaling stopped early (a full disk), the summary says where.")
final class LiveCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (properties; see README)")
    private Path configFile;

    @Option(names = "--journal", paramLabel = "DIR", description = "journal directory (overrides journal.dir; " +
        "default: " + RunFiles.DEFAULT_JOURNAL + ")")
    private Path journalDir;

    @Option(names = "--seconds", paramLabel = "N", description = "stop after N seconds (default: until Ctrl-C)",
        defaultValue = "0")
    private int seconds;

    @Option(names = "--publish", paramLabel = "CHANNEL", description = "also publish the signals on this Aeron " +
        "channel, e.g. aeron:udp?endpoint=10.0.0.5:40123 or aeron:ipc (overrides publish.channel; see README, " +
        "Beyond one machine)")
    private String publish;

    @Option(names = "--latency-log", paramLabel = "FILE", description = "also write the latency per venue and " +
        "stage as an HdrHistogram interval log (one interval a second; tags venue.stage), for HdrHistogram's " +
        "HistogramLogProcessor and plotter")
    private Path latencyLog;

    @Override
    public Integer call() throws Exception
    {
        final LiveConfig config = configFile == null ? LiveConfig.defaults() : LiveConfig.read(configFile);
        if (publish != null)
        {
            config.publishOn(publish);
        }
        config.requirePublishChannel();
        final Path dir = journalDir != null ? journalDir :
            config.journalDir != null ? config.journalDir : Path.of(RunFiles.DEFAULT_JOURNAL);
        final PrintWriter out = spec.commandLine().getOut();
        try (EngineRun run = new EngineRun(config, new JournalSettings(dir, JournalSettings.rollCycle(config.rollCycle),
            config.retainCycles), out, latencyLog))
        {
            if (config.historyWarmup)
            {
                final long intervalMs = DurationSetting.parseNanos("history.interval", config.historyInterval) /
                    1_000_000L;
                final int bars = (int)Math.min(100_000, config.historyDays * 86_400_000L / intervalMs);
                out.println("warm start: " + config.historyDays + " days of " + config.historyInterval +
                    " klines for the Z-score, the flow windows from klines of their bucket size...");
                run.warmUp(config.historyInterval, intervalMs, bars, false).forEach(line -> out.println("  " + line));
            }
            if (run.fanout != null)
            {
                out.println(run.publishing());
            }
            run.startFeeds();
            run.show(seconds, () -> "");
            return Summary.print(out, run);
        }
    }
}
