package io.takerflow.bench.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.lmax.disruptor.EventHandler;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.journal.Journal;
import io.takerflow.journal.JournalReader;
import io.takerflow.journal.JournalSettings;

/**
 * The journal on its own: appending one input event (the journal handler's whole per-event work) and reading one
 * back. Sample mode gives the append latency percentiles; average mode the throughput (events/s = 1e9 / ns).
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JournalBenchmark
{
    private Path dir;
    private Journal journal;
    private EventHandler<InputEvent> writer;
    private JournalReader reader;
    private final InputEvent event = new InputEvent();
    private final InputEvent read = new InputEvent();
    private long sequence;

    /**
     * Opens a journal in a temporary directory and writes the records the read benchmark reads.
     *
     * @throws Exception if the journal cannot be opened.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        dir = Files.createTempDirectory("takerflow-journal-bench");
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        journal = Journal.open(JournalSettings.daily(dir), catalog,
            List.of(MarketConfig.builder("BTC").flowInstruments(perp).build()));
        writer = journal.inputWriter();
        event.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(1L).receiveTimeNs(2L)
            .priceMantissa(8_651_230).priceScale(2).quantityMantissa(15).quantityScale(3).takerSide(TakerSide.SELL)
            .tradeId(1);
        for (int i = 0; i < 1_000_000; i++)
        {
            append();
        }
        reader = JournalReader.open(dir);
    }

    /**
     * Closes the journal and deletes its directory.
     *
     * @throws IOException if the directory cannot be deleted.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        reader.close();
        journal.close();
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /**
     * Appends one trade to the input journal.
     *
     * @throws Exception if the write fails.
     */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void append() throws Exception
    {
        sequence++;
        writer.onEvent(event.trade().venue(Venue.BINANCE_USDM).instrumentId(event.instrumentId())
            .exchangeTimeNs(sequence).receiveTimeNs(sequence).priceMantissa(8_651_230).priceScale(2)
            .quantityMantissa(15).quantityScale(3).takerSide(TakerSide.SELL).tradeId(sequence), sequence, true);
    }

    /**
     * @return the kind of the next input record read.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long read()
    {
        int kind = reader.nextInput(read);
        if (kind == JournalReader.END)
        {
            reader.close();
            reader = JournalReader.open(dir);
            kind = reader.nextInput(read);
        }
        return read.tradeId() + kind;
    }
}
