package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.recorded.RecordedFrames;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * Every subcommand end to end through {@link TakerflowCommand#execute}: a demo run long enough to see the
 * simulator's sellers phase turn the regime RISK_OFF, then replay, dump, chart and stat on its journal, decode on
 * recorded traffic (Jackson as the oracle), live against a loopback simulator, and every misuse path.
 */
final class TakerflowCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path journal;
    static Result demo;
    static Path latencyLog;
    static Result statWhileRunning;

    record Result(int code, String out, String err)
    {
    }

    static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = TakerflowCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void runTheDemo() throws Exception
    {
        journal = shared.resolve("demo-journal");
        latencyLog = shared.resolve("demo-latency.hlog");
        final CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> run("demo", "--seconds", "45",
            "--journal", journal.toString(), "--latency-log", latencyLog.toString()));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!running.isDone() && System.nanoTime() < deadline)
        {
            final Result stat = Files.exists(journal.resolve("latency.dat")) ?
                run("stat", "--journal", journal.toString(), "--count", "1") : null;
            if (stat != null && stat.code() == 0 && stat.out().contains("ring -> signal done") &&
                !stat.out().lines().filter(l -> l.contains("binance-usdm") && l.contains("exchange -> receive"))
                .allMatch(l -> l.contains(" - ")))
            {
                statWhileRunning = stat;
                break;
            }
            Thread.sleep(500);
        }
        demo = running.get(120, TimeUnit.SECONDS);
    }

    @Test
    void demoShowsTheCompressedSignalsARegimeChangeAndWhereTheJournalIs()
    {
        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.out())
            .contains("loopback exchange simulator on 127.0.0.1:")
            .contains("time is compressed")
            .contains("binance-usdm:BTCUSDT: Z-score history from 2160 bars of 20s")
            .contains("binance-usdm:BTCUSDT: flow window filled with 20 bars of 1s")
            .contains("BTC  imb ")
            .contains("feeds OK")
            .contains("regime NEUTRAL -> RISK_OFF: takers are selling and Coinbase trades at a discount")
            .contains("summary:")
            .contains("feed.binance-usdm.recovered_trades = ")
            .contains("journal: " + journal.toAbsolutePath());
        assertThat(demo.out().lines().filter(line -> line.contains("BTC  imb ") && line.contains("WARMING_UP")).count())
            .as("warm start: valid signals within the first seconds, not after a 20 s window").isLessThanOrEqualTo(2);
        assertThat(demo.out().lines().filter(l -> l.contains("BTC  imb ")).count()).isBetween(35L, 47L);
    }

    @Test
    void replayReproducesTheDemoByteForByteAndWritesEverySignal() throws Exception
    {
        final Path signals = shared.resolve("signals.csv");
        final Result replay = run("replay", "--journal", journal.toString(), "--verify", "--signals-out",
            signals.toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("regime NEUTRAL -> RISK_OFF").contains("events/s")
            .contains("reproduced byte for byte");
        final List<String> lines = Files.readAllLines(signals);
        assertThat(lines.get(0)).isEqualTo("kind,seq,time_ns,market,buy_volume,sell_volume,imbalance,buy_ratio," +
            "sell_ratio,zscore,window_trades,backfilled_trades,history_samples,premium_pct,premium_smoothed_pct," +
            "flow_state,spot_state,regime,flags,from,to,reason");
        final String dumped = run("dump", "--journal", journal.toString(), "--what", "signals").out();
        assertThat(lines).isEqualTo(dumped.lines().toList());

        final long middle = Long.parseLong(lines.get(lines.size() / 2).split(",")[2]);
        final Path later = shared.resolve("later.jsonl");
        assertThat(run("replay", "--journal", journal.toString(), "--from", Long.toString(middle), "--signals-out",
            later.toString(), "--format", "jsonl").code()).isZero();
        final List<String> laterLines = Files.readAllLines(later);
        assertThat(laterLines).isNotEmpty();
        for (final String line : laterLines)
        {
            assertThat(JSON.readTree(line).get("time_ns").asLong()).isGreaterThanOrEqualTo(middle);
        }
    }

    @Test
    void dumpExportsTradesAndStatusAsCsvAndJsonLines() throws Exception
    {
        final Result trades = run("dump", "--journal", journal.toString());
        assertThat(trades.code()).isZero();
        final List<String> lines = trades.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("seq,time_ns,venue,symbol,exchange_time_ns,price,quantity,taker_side," +
            "trade_id,backfill");
        assertThat(lines).hasSizeGreaterThan(1000);
        assertThat(lines.get(1)).matches("\\d+,\\d+,(binance-usdm|binance-spot|coinbase),(BTCUSDT|BTC-USD),\\d+," +
            "\\d+\\.\\d{2},\\d+\\.\\d{3},(BUY|SELL),\\d+,(recovered)?");
        final Result status = run("dump", "--journal", journal.toString(), "--what", "status", "--format", "jsonl");
        final List<JsonNode> events = new ArrayList<>();
        for (final String line : status.out().lines().toList())
        {
            events.add(JSON.readTree(line));
        }
        assertThat(events).extracting(e -> e.get("state").asText()).contains("CONNECTED");
        assertThat(events).allMatch(e -> e.get("kind").asText().equals("status"));

        final List<String> all = run("dump", "--journal", journal.toString(), "--what", "all").out().lines().toList();
        assertThat(all.get(0)).startsWith("kind,seq,time_ns,venue,symbol,");
        assertThat(all.get(1)).startsWith("run_header,0,").contains("\"\"window_ns\"\":20000000000");
        assertThat(all).anyMatch(l -> l.startsWith("history_sample,")).anyMatch(l -> l.startsWith("tick,"))
            .anyMatch(l -> l.startsWith("trade,")).anyMatch(l -> l.startsWith("signal,"))
            .anyMatch(l -> l.startsWith("regime_change,") &&
                l.endsWith(",NEUTRAL,RISK_OFF,SELLERS_WITH_SPOT_ABSENT,,,"));
    }

    @Test
    void chartDrawsAPng() throws Exception
    {
        final Path png = shared.resolve("chart.png");
        final Result chart = run("chart", "--journal", journal.toString(), "--out", png.toString());
        assertThat(chart.code()).as(chart.err()).isZero();
        final BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(1000);
    }

    @Test
    void statShowsTheCountersOfTheRun()
    {
        final Result stat = run("stat", "--journal", journal.toString(), "--count", "1");
        assertThat(stat.code()).as(stat.err()).isZero();
        assertThat(stat.out()).contains("events.trade").contains("feed.binance-usdm.messages")
            .contains("journal.records");
    }

    @Test
    void statOnTheRunningDemoShowsPercentilesPerVenueAndStage()
    {
        assertThat(statWhileRunning).as("stat never showed latency while the demo ran").isNotNull();
        final String out = statWhileRunning.out();
        assertThat(out).contains("last interval: count").contains("since start: count");
        for (final String venue : List.of("binance-usdm", "binance-spot", "coinbase"))
        {
            for (final String stage : List.of("exchange -> receive", "receive -> ring", "ring -> signal done"))
            {
                assertThat(out.lines().filter(l -> l.contains(venue + " ") && l.contains(stage)).count())
                    .as(venue + " " + stage + " in\n" + out).isEqualTo(1);
            }
        }
        final String perp = out.lines().filter(l -> l.contains("binance-usdm ") && l.contains("ring -> signal done"))
            .findFirst().orElseThrow();
        final String[] sinceStart = perp.substring(perp.indexOf('|') + 1).trim().split("\\s+");
        assertThat(Long.parseLong(sinceStart[0].replace(",", ""))).isPositive();
        final double[] values = java.util.Arrays.stream(sinceStart, 1, 6)
            .mapToDouble(v -> Double.parseDouble(v.replace(",", ""))).toArray();
        assertThat(values).isSorted();
    }

    @Test
    void theLatencyLogReadsBackAndCountsEveryTradeOnce() throws Exception
    {
        assertThat(demo.out()).contains("since start: count").contains("ring -> signal done");
        final java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        final org.HdrHistogram.HistogramLogReader reader = new org.HdrHistogram.HistogramLogReader(latencyLog.toFile());
        while (reader.hasNext())
        {
            final org.HdrHistogram.EncodableHistogram interval = reader.nextIntervalHistogram();
            counts.merge(interval.getTag(), ((org.HdrHistogram.Histogram)interval).getTotalCount(), Long::sum);
        }
        assertThat(counts).containsKeys("binance-usdm.feed_lag", "binance-usdm.decode", "binance-usdm.signal",
            "binance-spot.feed_lag", "coinbase.feed_lag");
        final long trades = Long.parseLong(run("stat", "--journal", journal.toString(), "--count", "1").out().lines()
            .filter(l -> l.trim().startsWith("events.trade ")).findFirst().orElseThrow().trim().split("\\s+")[1]
            .replace(",", ""));
        assertThat(counts.get("binance-usdm.signal") + counts.get("binance-spot.signal") +
            counts.get("coinbase.signal")).isEqualTo(trades);
        assertThat(counts.get("binance-usdm.feed_lag")).isEqualTo(counts.get("binance-usdm.decode"))
            .isEqualTo(counts.get("binance-usdm.signal"));
    }

    @Test
    void decodePrintsEveryTradeOfARecordingExactlyAsJacksonReadsIt() throws Exception
    {
        final Path fixture = fixture("hftbacktest-binance-spot-btcusdt-20240809.gz");
        final Result decoded = run("decode", "--venue", "binance-spot", fixture.toString());
        assertThat(decoded.code()).as(decoded.err()).isZero();
        final List<String> expected = new ArrayList<>();
        RecordedFrames.read(fixture, (time, frame, line) ->
        {
            try
            {
                final JsonNode data = JSON.readTree(frame).path("data");
                if (data.path("e").asText().equals("trade"))
                {
                    expected.add("binance-spot," + data.get("s").asText() + "," + data.get("T").asLong() * 1_000_000L +
                        "," + new BigDecimal(data.get("p").asText()).toPlainString() + "," +
                        new BigDecimal(data.get("q").asText()).toPlainString() + "," +
                        (data.get("m").asBoolean() ? "SELL" : "BUY") + "," + data.get("t").asLong());
                }
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        assertThat(expected).hasSizeGreaterThan(10_000);
        assertThat(decoded.out().lines().toList()).isEqualTo(expected);

        final Result okx = run("decode", "--venue", "okx", "--format", "jsonl",
            fixture("cryptofeed-OKX.ws.1.0.txt").toString());
        assertThat(okx.code()).isZero();
        assertThat(okx.out().lines().count()).isPositive();
        for (final String line : okx.out().lines().toList())
        {
            final JsonNode trade = JSON.readTree(line);
            assertThat(trade.get("venue").asText()).isEqualTo("okx");
            assertThat(trade.get("taker_side").asText()).isIn("BUY", "SELL");
        }
    }

    /**
     * The expected lines are read off the recordings by hand: Deribit's pretty-printed nautilus document and
     * crypto-msg-parser's bare frames, prices and sizes as written, {@code trade_seq} as the id.
     */
    private static List<String> live(final Result decoded)
    {
        return decoded.out().lines().filter(line -> !line.endsWith(",snapshot")).toList();
    }

    @Test
    void decodeReadsTheNewVenuesRecordingFormats() throws Exception
    {
        final Result deribit = run("decode", "--venue", "deribit", fixture("nautilus-DERIBIT-ws_trades.json")
            .toString(), fixture("crypto-msg-parser-DERIBIT-trades.jsonl").toString());
        assertThat(deribit.code()).as(deribit.err()).isZero();
        assertThat(deribit.out().lines().toList()).containsExactly(
            "deribit,BTC-PERPETUAL,1765531356452000000,92294.5,10.0,SELL,271252854",
            "deribit,BTC-PERPETUAL,1765531356452000000,92288.5,750.0,SELL,271252855",
            "deribit,BTC-26MAR21,1616321287195000000,56273.5,6000.0,BUY,5326971",
            "deribit,BTC-PERPETUAL,1616321478553000000,56168.0,5580.0,BUY,92836831",
            "deribit,BTC-PERPETUAL,1616321478553000000,56168.0,60.0,BUY,92836832",
            "deribit,BTC-26MAR21-62000-C,1616321732986000000,0.007,0.1,BUY,1706");

        // 17 trade inserts; the ten partials sent on subscribe are past trades, printed marked (MoreVenuesDecodeTest)
        final Result bitmex = run("decode", "--venue", "bitmex", fixture("cryptofeed-BITMEX.ws.1.0.txt").toString());
        assertThat(bitmex.code()).as(bitmex.err()).isZero();
        assertThat(live(bitmex)).hasSize(17).first().asString()
            .startsWith("bitmex,UNIUSDT,1626993370014000000,").contains(",BUY,");

        // the 1,000 snapshot trades (100 per product, newest first) are past trades, printed marked
        // (MoreVenuesDecodeTest)
        final Result krakenFutures = run("decode", "--venue", "kraken-futures",
            fixture("cryptofeed-KRAKEN_FUTURES.ws.1.0.txt").toString());
        assertThat(krakenFutures.code()).as(krakenFutures.err()).isZero();
        assertThat(live(krakenFutures)).containsExactly(
            "kraken-futures,PI_LTCUSD,1626994929946000000,119.44,320.0,BUY,5956",
            "kraken-futures,FI_BCHUSD_210730,1626994933519000000,439.5,50.0,BUY,1488",
            "kraken-futures,PI_ETHUSD,1626994936490000000,2005.2,40.0,BUY,103832");

        // the sign of size is the side; sizes are printed without it
        final Result gate = run("decode", "--venue", "gate-futures",
            fixture("crypto-msg-parser-GATEIO_FUTURES-trades.jsonl").toString());
        assertThat(gate.code()).as(gate.err()).isZero();
        assertThat(gate.out().lines().toList()).containsExactly(
            "gate-futures,BTC_USD_20220603,1653808101000000000,29009.9,7,SELL,376991",
            "gate-futures,BTC_USD_20220603,1653808101000000000,29008.7,9,SELL,376992",
            "gate-futures,BTC_USDT_20210326,1615253386000000000,53560.5,19,SELL,48081",
            "gate-futures,BTC_USD,1616327545436000000,56155.2,7,BUY,19910126",
            "gate-futures,BTC_USDT,1616327563918000000,56233.3,50,BUY,15366793",
            "gate-futures,MOB_USDT,1667469835931000000,0.836,90,SELL,927273");
    }

    @Test
    void liveRunsAgainstConfiguredLoopbackEndpoints() throws Exception
    {
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().tradesPerSecond(50)
            .build()))
        {
            final Path config = Files.writeString(shared.resolve("live.properties"), String.join("\n",
                "venue.binance-usdm.symbols = BTCUSDT",
                "venue.binance-usdm.url = " + simulator.endpoint(Venue.BINANCE_USDM),
                "venue.coinbase.symbols = BTC-USD",
                "venue.coinbase.url = " + simulator.endpoint(Venue.COINBASE),
                "venue.binance-spot.symbols = BTCUSDT",
                "venue.binance-spot.url = " + simulator.endpoint(Venue.BINANCE_SPOT),
                "market.BTC.flow = binance-usdm:BTCUSDT",
                "market.BTC.premium = coinbase:BTC-USD",
                "market.BTC.reference = binance-spot:BTCUSDT",
                "history.url = " + simulator.restBase(),
                "history.days = 2"));
            final Result live = run("live", "--config", config.toString(), "--journal",
                shared.resolve("live-journal").toString(), "--seconds", "3");
            assertThat(live.code()).as(live.err()).isZero();
            assertThat(live.out()).contains("48 bars").contains("BTC  imb ").contains("summary:");
            assertThat(simulator.connectionsAccepted()).isEqualTo(3);
        }
    }

    @Test
    void liveSaysWhyAVenueCannotConnectAndStatShowsIt() throws Exception
    {
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().tradesPerSecond(50)
            .build()))
        {
            final Path config = Files.writeString(shared.resolve("unreachable.properties"), String.join("\n",
                "venue.binance-usdm.symbols = BTCUSDT",
                "venue.binance-usdm.url = ws://127.0.0.1:1/market/stream",
                "venue.coinbase.symbols = BTC-USD",
                "venue.coinbase.url = " + simulator.endpoint(Venue.COINBASE),
                "venue.binance-spot.symbols = BTCUSDT",
                "venue.binance-spot.url = " + simulator.endpoint(Venue.BINANCE_SPOT),
                "market.BTC.flow = binance-usdm:BTCUSDT",
                "market.BTC.premium = coinbase:BTC-USD",
                "market.BTC.reference = binance-spot:BTCUSDT",
                "history.warmup = false"));
            final Path dir = shared.resolve("unreachable-journal");
            final Result live = run("live", "--config", config.toString(), "--journal", dir.toString(), "--seconds",
                "3");
            assertThat(live.code()).as(live.err()).isZero();
            assertThat(live.out()).contains("silent: binance-usdm (refused or unreachable")
                .containsPattern("takerflow: binance-usdm: cannot connect to 127.0.0.1:1: refused or unreachable");
            final Result stat = run("stat", "--journal", dir.toString(), "--count", "1");
            assertThat(stat.code()).as(stat.err()).isZero();
            assertThat(stat.out()).contains("feed.binance-usdm.connect_failures").contains("errors (distinct):")
                .containsPattern("\\d+ x  last \\S+  binance-usdm: cannot connect to 127.0.0.1:1: refused or " +
                    "unreachable .*; next try in");
        }
    }

    /**
     * No route anywhere: every venue's WebSocket and REST refuse (a closed loopback port, as a firewalled machine
     * answers), warm start on. {@code live} must neither hang nor go quiet: it says per venue why it cannot connect and
     * keeps retrying, says the warm start could not read klines and that the Z-score and window fill from live trades,
     * and its status line shows every venue silent with the reason and the market WARMING_UP, naming the leg.
     */
    @Test
    void liveWithNoRouteToAnyVenueSaysSoAndKeepsRetrying() throws Exception
    {
        final String nowhere = "127.0.0.1:1";
        final Path config = Files.writeString(shared.resolve("no-route.properties"), String.join("\n",
            "venue.binance-usdm.symbols = BTCUSDT",
            "venue.binance-usdm.url = ws://" + nowhere + "/market/stream",
            "venue.binance-usdm.rest = http://" + nowhere,
            "venue.coinbase.symbols = BTC-USD",
            "venue.coinbase.url = ws://" + nowhere,
            "venue.coinbase.rest = http://" + nowhere,
            "venue.binance-spot.symbols = BTCUSDT",
            "venue.binance-spot.url = ws://" + nowhere + "/stream",
            "venue.binance-spot.rest = http://" + nowhere,
            "market.BTC.flow = binance-usdm:BTCUSDT,binance-spot:BTCUSDT",
            "market.BTC.premium = coinbase:BTC-USD",
            "market.BTC.reference = binance-spot:BTCUSDT",
            "history.days = 2"));
        final Path dir = shared.resolve("no-route-journal");
        final Result live = run("live", "--config", config.toString(), "--journal", dir.toString(), "--seconds", "4");
        assertThat(live.code()).as(live.err()).isZero();
        assertThat(live.out())
            .contains("Z-score history leaves out binance-usdm:BTCUSDT (")
            .contains("binance-usdm:BTCUSDT: flow window not filled (")
            .contains("binance-spot:BTCUSDT: flow window not filled (")
            .contains("silent: binance-usdm (refused or unreachable")
            .contains("coinbase (refused or unreachable")
            .contains("WARMING_UP")
            .contains("(warming up: binance-usdm:BTCUSDT has not filled its flow window yet)")
            .contains("BTC still WARMING_UP  (warming up: binance-usdm:BTCUSDT")
            .containsPattern("feed\\.binance-usdm\\.connect_failures = ([2-9]|\\d\\d+)")
            .containsPattern("feed\\.coinbase\\.connect_failures = ([2-9]|\\d\\d+)");
    }

    static Stream<Arguments> misuse()
    {
        return Stream.of(
            Arguments.of(List.of("--bogus"), "--bogus"),
            Arguments.of(List.of(), "subcommand"),
            Arguments.of(List.of("demo", "--seconds", "-1"), "--seconds"),
            Arguments.of(List.of("demo", "--seconds", "soon"), "--seconds"),
            Arguments.of(List.of("live", "--config", "/no/such/file.properties"), "--config"),
            Arguments.of(List.of("replay"), "--journal"),
            Arguments.of(List.of("replay", "--journal", "/no/such/journal"), "--journal"),
            Arguments.of(List.of("replay", "--journal", "@J", "--speed", "fast"), "--speed"),
            Arguments.of(List.of("replay", "--journal", "@J", "--from", "yesterday"), "--from"),
            Arguments.of(List.of("replay", "--journal", "@J", "--format", "xml"), "--format"),
            Arguments.of(List.of("decode", "--venue", "foo"), "--venue"),
            Arguments.of(List.of("decode"), "--venue"),
            Arguments.of(List.of("decode", "--venue", "okx", "/no/such/recording.txt"), "/no/such/recording.txt"),
            Arguments.of(List.of("decode", "--venue", "okx", "--format", "xml"), "--format"),
            Arguments.of(List.of("dump", "--journal", "@J", "--what", "everything"), "--what"),
            Arguments.of(List.of("dump", "--journal", "/no/such/journal"), "--journal"),
            Arguments.of(List.of("chart", "--journal", "@J", "--out", "picture.jpg"), "--out"),
            Arguments.of(List.of("chart", "--journal", "@J"), "--out"),
            Arguments.of(List.of("stat", "--journal", "/no/such/journal", "--count", "1"), "--journal"));
    }

    @ParameterizedTest
    @MethodSource("misuse")
    void misuseExitsWithCodeTwoAndOneLineNamingTheProblem(final List<String> args, final String named)
    {
        final String[] resolved = args.stream().map(a -> a.equals("@J") ? journal.toString() : a)
            .toArray(String[]::new);
        final Result result = run(resolved);
        assertThat(result.code()).as(String.join(" ", args) + ": " + result.err()).isEqualTo(2);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains(named);
    }

    @Test
    void aJournalOfAnOlderLayoutIsRefusedInOneLine() throws Exception
    {
        final Path old = shared.resolve("old-journal");
        try (var queue = net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder
            .binary(old.resolve("input")).build(); var appender = queue.createAppender();
            var context = appender.writingDocument())
        {
            context.wire().bytes().writeByte((byte)1).writeInt(io.takerflow.journal.RecordLayout.MAGIC).writeInt(1);
        }
        for (final String command : List.of("dump", "replay"))
        {
            final Result result = run(command, "--journal", old.toString());
            assertThat(result.code()).as(result.err()).isEqualTo(2);
            assertThat(result.err().strip().lines()).hasSize(1);
            assertThat(result.err()).contains("version 1").contains("older takerflow");
        }
    }

    @Test
    void aBadSettingInTheLiveConfigNamesTheKey() throws Exception
    {
        final Path config = Files.writeString(shared.resolve("bad.properties"),
            "venue.binance-usdm.symbols = BTCUSDT\nmarket.BTC.flow = binance-usdm:BTCUSDT\nmarket.BTC.window = " +
            "forever\n");
        final Result result = run("live", "--config", config.toString(), "--journal", shared.resolve("x").toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("market.BTC.window");
    }

    static Path fixture(final String name)
    {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent())
        {
            final Path candidate = d.resolve("shared/fixtures/recorded").resolve(name);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture " + name +
            " not found in a shared/fixtures/recorded above the checkout");
    }
}
