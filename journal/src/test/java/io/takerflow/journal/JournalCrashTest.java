package io.takerflow.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;

/**
 * Two JVMs: a writer journals trades; this test follows its signals live, kills it with SIGKILL mid-stream,
 * reopens the journal (every complete record, no partial one), appends a new run after it, and checks the
 * writer never tried to reach the network.
 */
final class JournalCrashTest
{
    @TempDir
    Path dir;

    @Test
    void aSecondProcessTailsALiveJournalAndAKilledWriterLeavesOnlyCompleteRecords() throws Exception
    {
        final Path log = dir.resolve("writer.log");
        final Path journalDir = dir.resolve("journal");
        final Process writer = new ProcessBuilder(javaCommand(journalDir)).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        try
        {
            awaitLine(log, "READY", writer);
            long signalsSeenWhileAlive = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.isDirectory(journalDir.resolve("input")) ||
                Files.list(journalDir.resolve("input")).noneMatch(f -> f.toString().endsWith(".cq4")))
            {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            try (JournalReader tail = JournalReader.open(journalDir))
            {
                while (signalsSeenWhileAlive < 5_000 && System.nanoTime() < deadline)
                {
                    final int kind = tail.nextSignal(signal -> {});
                    if (kind == JournalReader.SIGNAL)
                    {
                        signalsSeenWhileAlive++;
                    }
                    else if (kind == JournalReader.END)
                    {
                        assertThat(writer.isAlive()).as("writer alive while tailing").isTrue();
                        Thread.sleep(1);
                    }
                }
            }
            assertThat(signalsSeenWhileAlive).isEqualTo(5_000);
            assertThat(writer.isAlive()).isTrue();
        }
        finally
        {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        final long lastId = readTradeIds(journalDir, 1);
        assertThat(lastId).isGreaterThan(5_000);

        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int usdm = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final List<MarketConfig> markets = List.of(MarketConfig.builder("BTC").flowInstruments(usdm).build());
        try (Journal journal = Journal.open(JournalSettings.daily(journalDir), catalog, markets);
            TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(markets.get(0))
                .tickInterval(0, TimeUnit.MILLISECONDS).parallelHandler(journal.inputWriter())
                .listener(journal.signalWriter()).build()))
        {
            final InputPublisher publisher = engine.newPublisher();
            for (long id = lastId + 1; id <= lastId + 100; id++)
            {
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(usdm)
                    .exchangeTimeNs(id).receiveTimeNs(id).priceMantissa(6_500_000).priceScale(2).quantityMantissa(1)
                    .quantityScale(3).takerSide(TakerSide.BUY).tradeId(id));
            }
        }
        assertThat(readTradeIds(journalDir, 2)).isEqualTo(lastId + 100);

        final String output = Files.readString(log);
        assertThat(output).contains("chronicle.analytics.disable=true").doesNotContain("NETWORK ATTEMPT");
    }

    /**
     * Reads every input record: all must be complete trades with ids 1, 2, 3, ... in order.
     *
     * @return the last id.
     */
    private static long readTradeIds(final Path journal, final int expectedRuns)
    {
        final InputEvent event = new InputEvent();
        long expected = 1;
        final List<Long> runs = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            for (int kind = reader.nextInput(event); kind != JournalReader.END; kind = reader.nextInput(event))
            {
                if (kind == JournalReader.HEADER)
                {
                    if (!runs.contains(reader.header().runId()))
                    {
                        runs.add(reader.header().runId());
                    }
                    continue;
                }
                assertThat(event.type()).isEqualTo(EventType.TRADE);
                assertThat(event.tradeId()).isEqualTo(expected);
                assertThat(event.venue()).isEqualTo(Venue.BINANCE_USDM);
                assertThat(event.priceScale()).isEqualTo(2);
                assertThat(event.quantityScale()).isEqualTo(3);
                expected++;
            }
        }
        assertThat(runs).hasSize(expectedRuns);
        return expected - 1;
    }

    private static void awaitLine(final Path log, final String line, final Process process) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(log) || !Files.readString(log).contains(line))
        {
            assertThat(process.isAlive()).as("writer process alive; its output: %s",
                Files.exists(log) ? Files.readString(log) : "").isTrue();
            assertThat(System.nanoTime()).as("writer ready in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static List<String> javaCommand(final Path journal)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + flagsFile());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JournalWriterProcess.class.getName());
        command.add(journal.toString());
        return command;
    }

    static String flagsFile()
    {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent())
        {
            if (Files.isRegularFile(d.resolve("jvm.flags")))
            {
                return d.resolve("jvm.flags").toString();
            }
        }
        throw new IllegalStateException("jvm.flags not found above " + new File("").getAbsolutePath());
    }
}
