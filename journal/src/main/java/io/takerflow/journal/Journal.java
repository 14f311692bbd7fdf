package io.takerflow.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import io.takerflow.engine.FeedState;
import io.takerflow.engine.InputEvent;
import io.takerflow.engine.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;

/**
 * Writes a run to disk: every ring event to the input queue (a handler running in parallel with the signal
 * handler on the same sequence) and every signal and regime change to the signal queue (a listener on the signal
 * thread), both Chronicle Queues in {@link RecordLayout}. Each queue has exactly one writer thread.
 * <p>
 * A failed append is reported once on the ring as a FEED_STATUS JOURNAL_FAILED event and on stderr; from then
 * on the run is not journaled and every event is counted in {@code journal.failures}; the engine carries on.
 */
public final class Journal implements AutoCloseable
{
    /** Free space below which a journal refuses to start. */
    public static final long MIN_FREE_BYTES = 256L << 20;

    private final JournalSettings settings;
    private final RunHeader header;
    private final SingleChronicleQueue inputQueue;
    private final SingleChronicleQueue signalQueue;
    private final InputWriter inputWriter;
    private final SignalWriter signalWriter;
    private volatile RingBuffer<InputEvent> ring;
    private volatile AtomicCounter failures;
    private volatile AtomicCounter records;

    private Journal(final JournalSettings settings, final RunHeader header)
    {
        this.settings = settings;
        this.header = header;
        this.inputQueue = open(settings.inputQueue(), settings);
        this.signalQueue = open(settings.signalQueue(), settings);
        this.inputWriter = new InputWriter();
        this.signalWriter = new SignalWriter();
    }

    /**
     * Opens (or continues) a journal for a new run.
     *
     * @param settings    where and how.
     * @param instruments the run's instruments.
     * @param markets     the run's markets.
     * @return the journal, ready to be attached to an engine's config.
     * @throws JournalException naming {@code journal.dir} if the directory cannot be created, is not writable,
     *                          has less than {@link #MIN_FREE_BYTES} free, or holds a journal of another layout
     *                          version.
     */
    public static Journal open(final JournalSettings settings, final InstrumentCatalog instruments,
        final List<MarketConfig> markets)
    {
        final Path dir = settings.directory().toAbsolutePath();
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new JournalException("journal.dir: cannot create " + dir + ": " + ex, ex);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir))
        {
            throw new JournalException("journal.dir: " + dir + " is not a writable directory");
        }
        try
        {
            final long free = Files.getFileStore(dir).getUsableSpace();
            if (free < MIN_FREE_BYTES)
            {
                throw new JournalException("journal.dir: only " + (free >> 20) + " MiB free in " + dir + ", need at least " +
                    (MIN_FREE_BYTES >> 20) + " MiB");
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("journal.dir: cannot check free space in " + dir + ": " + ex, ex);
        }
        requireSameLayout(dir);
        return new Journal(settings, new RunHeader(System.currentTimeMillis() * 1_000_000L, instruments, markets));
    }

    /**
     * A run appended to a journal of another layout version could never be read from the start: refuse it.
     */
    private static void requireSameLayout(final Path dir)
    {
        if (!JournalReader.exists(dir))
        {
            return;
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.nextInput(new InputEvent());
        }
        catch (final JournalException ex)
        {
            throw new JournalException("journal.dir: " + dir + " holds a journal this build cannot continue (use " +
                "another directory): " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the handler to run in parallel with the signal handler ({@code EngineConfig.parallelHandler}).
     */
    public EventHandler<InputEvent> inputWriter()
    {
        return inputWriter;
    }

    /**
     * @return the listener that journals signals ({@code EngineConfig.listener}).
     */
    public SignalListener signalWriter()
    {
        return signalWriter;
    }

    /**
     * Connects failure reporting to the running engine: counters {@code journal.records} and
     * {@code journal.failures}, and JOURNAL_FAILED events on its ring.
     *
     * @param engine the engine this journal's handlers run in.
     */
    public void attach(final TakerflowEngine engine)
    {
        records = engine.counters().allocate("journal.records");
        failures = engine.counters().allocate("journal.failures");
        ring = engine.ring();
    }

    /**
     * @return the settings.
     */
    public JournalSettings settings()
    {
        return settings;
    }

    /**
     * @return the run header written at the start of this run and of each cycle.
     */
    public RunHeader header()
    {
        return header;
    }

    @Override
    public void close()
    {
        inputQueue.close();
        signalQueue.close();
    }

    static SingleChronicleQueue open(final Path path, final JournalSettings settings)
    {
        try
        {
            return SingleChronicleQueueBuilder.binary(path).rollCycle(settings.rollCycle()).build();
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException("journal.dir: cannot open a queue in " + path + ": " + ex, ex);
        }
    }

    private void deleteOldCycles(final Path queueDir)
    {
        if (settings.retainCycles() == 0)
        {
            return;
        }
        try (Stream<Path> files = Files.list(queueDir))
        {
            final List<Path> cycles = new ArrayList<>();
            files.filter(f -> f.getFileName().toString().endsWith(".cq4")).sorted().forEach(cycles::add);
            for (int i = 0; i < cycles.size() - settings.retainCycles(); i++)
            {
                Files.deleteIfExists(cycles.get(i));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Appends with a run header at the start of the run and of every cycle, and turns a failure into a counted,
     * reported event instead of an exception on the ring. Subclasses say how one record is encoded.
     */
    private abstract class Writer
    {
        final SingleChronicleQueue queue;
        ExcerptAppender appender;
        int headerCycle = Integer.MIN_VALUE;
        boolean failed;
        long unreportedFailures;

        Writer(final SingleChronicleQueue queue)
        {
            this.queue = queue;
        }

        abstract void encode(Bytes<?> bytes);

        /**
         * A Chronicle appender that failed mid-append may still hold the queue's write lock, so a failed journal
         * stays failed for the rest of the run: every later record is counted as a failure instead of risking a
         * stuck handler (which would stall the ring).
         */
        final void append(final long timeNs)
        {
            if (failed)
            {
                count(failures);
                unreportedFailures++;
                return;
            }
            try
            {
                final DocumentContext context = begin();
                try
                {
                    encode(context.wire().bytes());
                }
                catch (final Throwable ex)
                {
                    context.rollbackOnClose();
                    throw ex;
                }
                finally
                {
                    context.close();
                }
                count(records);
            }
            catch (final Throwable ex)
            {
                count(failures);
                unreportedFailures++;
                failed = true;
                System.err.println("takerflow: journal " + queue.file() + " failed, events are not being journaled: " + ex);
                report(timeNs);
            }
        }

        /**
         * Opens the next document, with a run header before it whenever it is the first of a cycle. The cycle is
         * the one the document actually landed in, so a roll between checking and writing cannot leave a cycle
         * that starts without its header.
         */
        private DocumentContext begin()
        {
            if (appender == null)
            {
                appender = queue.createAppender();
            }
            while (true)
            {
                final DocumentContext context = appender.writingDocument();
                if (appender.cycle() == headerCycle)
                {
                    return context;
                }
                context.rollbackOnClose();
                context.close();
                try (DocumentContext headerContext = appender.writingDocument())
                {
                    header.write(headerContext.wire().bytes());
                }
                headerCycle = queue.rollCycle().toCycle(appender.lastIndexAppended());
                deleteOldCycles(queue.file().toPath());
                queue.refreshDirectoryListing();
            }
        }

        private void count(final AtomicCounter counter)
        {
            if (counter != null)
            {
                counter.incrementRelease();
            }
        }

        void report(final long timeNs)
        {
        }
    }

    private final class InputWriter extends Writer implements EventHandler<InputEvent>
    {
        private boolean reportPending;
        private InputEvent event;
        private long sequence;

        InputWriter()
        {
            super(inputQueue);
        }

        @Override
        public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
        {
            if (reportPending)
            {
                report(event.receiveTimeNs());
            }
            this.event = event;
            this.sequence = sequence + 1;
            append(event.receiveTimeNs());
        }

        @Override
        void encode(final Bytes<?> bytes)
        {
            RecordLayout.writeInput(bytes, event, sequence);
        }

        @Override
        void report(final long timeNs)
        {
            final RingBuffer<InputEvent> target = ring;
            if (target == null)
            {
                return;
            }
            try
            {
                final long sequence = target.tryNext();
                target.get(sequence).setFeedStatus(io.takerflow.engine.Venue.BINANCE_USDM, InputEvent.ALL_INSTRUMENTS,
                    FeedState.JOURNAL_FAILED, unreportedFailures, timeNs);
                target.publish(sequence);
                reportPending = false;
                unreportedFailures = 0;
            }
            catch (final InsufficientCapacityException ex)
            {
                reportPending = true;
            }
        }
    }

    private final class SignalWriter extends Writer implements SignalListener
    {
        private SignalView signal;
        private RegimeChange change;

        SignalWriter()
        {
            super(signalQueue);
        }

        @Override
        public void onSignal(final SignalView signal)
        {
            this.signal = signal;
            this.change = null;
            append(signal.timeNs());
        }

        @Override
        public void onRegimeChange(final RegimeChange change, final SignalView signal)
        {
            this.signal = signal;
            this.change = change;
            append(signal.timeNs());
        }

        @Override
        void encode(final Bytes<?> bytes)
        {
            if (change == null)
            {
                RecordLayout.writeSignal(bytes, signal);
            }
            else
            {
                RecordLayout.writeRegimeChange(bytes, change, signal);
            }
        }
    }
}
