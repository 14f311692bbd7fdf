package io.takerflow.journal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.agrona.concurrent.status.AtomicCounter;

import org.agrona.ErrorHandler;

import com.lmax.disruptor.EventHandler;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalHandler;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;

/**
 * Writes a run to disk: every ring event to the input queue (a handler running in parallel with the signal
 * handler on the same sequence) and every signal and regime change to the signal queue (a listener on the signal
 * thread), both Chronicle Queues in {@link RecordLayout}. Each queue has exactly one writer thread.
 * <p>
 * <b>Stopping consistently.</b> The input writer leads: it checks the free space of the journal's file system every
 * {@link #SPACE_CHECK_RECORDS} records or {@link #SPACE_CHECK_INTERVAL_NS} of receive time, whichever comes first
 * (so well before a new chunk of a queue file is touched), and stops when less
 * than {@link #STOP_FREE_BYTES} is left, or when an append fails. A file system the check does not see (a queue on
 * its own mount) can still fill up: each writer has the file system back {@link #BACKED_AHEAD} bytes ahead of its
 * write position through a file channel, whose write fails at once on a full disk, instead of letting a store to an
 * unbacked mapped page fault ({@code InternalError: a fault occurred in a recent unsafe memory access operation},
 * raised by the JVM some time after the store, when the record may already be committed). It stops at a
 * ring sequence: every earlier event is in the input queue, none from there on. The signal writer never writes a
 * signal before the input event it came from is journaled (signals that are ahead wait in a small staging buffer
 * on the signal thread, which never blocks) and drops every signal of an event at or after the stop, so both queues
 * end at the same point and replay verifies. Where and why is {@link #stopped()}; the stop is reported once to the
 * engine's error handler (counted in {@code errors}, kept in its distinct error log, never on the ring, which
 * carries market facts only), every event not journaled is counted in {@code journal.failures}, and the engine
 * carries on. (Only if the signal queue's own write fails while the input
 * queue still has room can the two differ; the reserve of free space makes that the exception, and it is reported.)
 * Consistent stopping needs {@link #attach(TakerflowEngine)}.
 */
public final class Journal implements AutoCloseable
{
    static
    {
        ChronicleAnalytics.disable();
    }

    /** Free space below which a journal refuses to start. */
    public static final long MIN_FREE_BYTES = 256L << 20;

    /**
     * Free space below which a running journal stops (consistently, see above) instead of filling the disk: room
     * for the signals still catching up with the input and for Chronicle's index and cycle headers.
     */
    public static final long STOP_FREE_BYTES = 32L << 20;

    /** Bytes beyond a queue's write position that its file system must already back (see the writer's back()). */
    static final long BACKED_AHEAD = 1L << 20;

    /** The write position comes no closer than this to the end of the backed region before it is extended. */
    static final long BACKED_MARGIN = 256L << 10;

    /** Input records between two free-space checks: about 1 MiB of both queues together. */
    public static final int SPACE_CHECK_RECORDS = 4096;

    /** Longest receive-time span between two free-space checks, for quiet runs (and other writers on the disk). */
    public static final long SPACE_CHECK_INTERVAL_NS = 1_000_000_000L;

    private final JournalSettings settings;
    private final RunHeader header;
    private final SingleChronicleQueue inputQueue;
    private final SingleChronicleQueue signalQueue;
    private final InputWriter inputWriter;
    private final SignalWriter signalWriter;
    private final FileStore fileStore;
    private final AtomicLong inputJournaled = new AtomicLong(-1);
    private volatile long stopSequence = Long.MAX_VALUE;
    private volatile JournalStop stop;
    private volatile SignalHandler signals;
    private volatile String signalJournalFailure;
    private boolean closed;
    private volatile ErrorHandler errors = Journal::unattached;
    private volatile AtomicCounter failures;
    private volatile AtomicCounter records;

    private Journal(final JournalSettings settings, final RunHeader header, final FileStore fileStore)
    {
        this.settings = settings;
        this.header = header;
        this.fileStore = fileStore;
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
        final FileStore fileStore;
        try
        {
            fileStore = Files.getFileStore(dir);
            final long free = fileStore.getUsableSpace();
            if (free < MIN_FREE_BYTES)
            {
                throw new JournalException("journal.dir: only " + (free >> 20) + " MiB free in " + dir +
                    ", need at least " + (MIN_FREE_BYTES >> 20) + " MiB");
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("journal.dir: cannot check free space in " + dir + ": " + ex, ex);
        }
        requireSameLayout(dir);
        return new Journal(settings, new RunHeader(System.currentTimeMillis() * 1_000_000L, instruments, markets),
            fileStore);
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
     * Connects the journal to the running engine: counters {@code journal.records} and {@code journal.failures}, the
     * engine's error handler (where a stop is reported), and the signal handler's ring sequence, which keeps the two
     * queues at the same point when journaling stops. Call it before the first event is published.
     *
     * @param engine the engine this journal's handlers run in.
     */
    public void attach(final TakerflowEngine engine)
    {
        records = engine.counters().allocate("journal.records");
        failures = engine.counters().allocate("journal.failures");
        signals = engine.signals();
        errors = engine.errors();
    }

    /**
     * Before {@link #attach}: a journal not attached to an engine has nowhere to report to but its caller, who reads
     * {@link #stopped()}.
     */
    private static void unattached(final Throwable error)
    {
        // nothing to count into; the stop itself is kept in stopped()
    }

    /**
     * @return where and why journaling stopped before the run ended, or null while (or if) everything is journaled.
     */
    public JournalStop stopped()
    {
        return stop;
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

    /**
     * Writes the signals still waiting for their input events (call it after the engine has stopped; the engine's
     * counters are no longer touched), then closes both queues. A queue that cannot be closed cleanly (its disk
     * full) is reported, not thrown.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        // the engine's counters may be unmapped by now (a counters file closes with the engine): count no more
        records = null;
        failures = null;
        try
        {
            signalWriter.flush();
        }
        finally
        {
            inputWriter.closeBacking();
            signalWriter.closeBacking();
            closeQuietly(inputQueue);
            closeQuietly(signalQueue);
        }
    }

    private void closeQuietly(final SingleChronicleQueue queue)
    {
        try
        {
            queue.close();
        }
        catch (final Throwable ex)
        {
            errors.onError(new JournalException("journal " + queue.file() + " did not close cleanly: " + ex, ex));
        }
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
     * Appends with a run header at the start of the run and of every cycle; a failed append is returned, not thrown
     * onto the ring. Subclasses say how one record is encoded and what a failure means.
     */
    private abstract class Writer
    {
        final SingleChronicleQueue queue;
        ExcerptAppender appender;
        int headerCycle = Integer.MIN_VALUE;
        boolean failed;
        Throwable failure;
        private int backedCycle = Integer.MIN_VALUE;
        private FileChannel backedChannel;
        private long backedTo;
        private ByteBuffer zeros;

        Writer(final SingleChronicleQueue queue)
        {
            this.queue = queue;
        }

        abstract void encode(Bytes<?> bytes);

        /**
         * A Chronicle appender that failed mid-append may still hold the queue's write lock, so a failed writer
         * stays failed for the rest of the run (its caller stops journaling) instead of risking a stuck handler
         * (which would stall the ring).
         *
         * @return true if the record is complete in the queue; false with {@link #failure} set if not.
         */
        final boolean append()
        {
            try
            {
                final DocumentContext context = begin();
                try
                {
                    back(context.wire().bytes().writePosition());
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
                return true;
            }
            catch (final Throwable ex)
            {
                failed = true;
                failure = ex;
                return false;
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

        /**
         * Makes the file system back the queue file {@link #BACKED_AHEAD} bytes beyond the write position, by
         * writing zeros there through a file channel, before any record is stored in that region through the
         * mapping. A store to a mapped page that a full file system cannot back does not fail where it happens: the
         * JVM skips it and raises {@code InternalError} at some later point, possibly after the record was
         * committed and the signal writer told, leaving a torn record (seen on CI). A channel write fails at once,
         * with {@code IOException: No space left on device}, so the append fails before it stores anything and the
         * journal stops exactly there. (The region is zeros either way: Chronicle reads a zero header as "nothing
         * written yet". On copy-on-write file systems a rewrite may need new blocks, so this is a guard, not a
         * guarantee; the record check in {@link RecordLayout} catches what gets past it.)
         */
        private void back(final long writePosition) throws IOException
        {
            if (writePosition + BACKED_MARGIN <= backedTo && appender.cycle() == backedCycle)
            {
                return;
            }
            if (appender.cycle() != backedCycle || backedChannel == null)
            {
                closeBacking();
                final File file = appender.currentFile();
                backedChannel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE);
                backedCycle = appender.cycle();
                backedTo = 0;
                if (zeros == null)
                {
                    zeros = ByteBuffer.allocateDirect(64 << 10);
                }
            }
            final long from = Math.max(backedTo, writePosition);
            final long to = writePosition + BACKED_AHEAD;
            for (long at = from; at < to; )
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), to - at));
                at += backedChannel.write(zeros, at);
            }
            backedTo = to;
        }

        final void closeBacking()
        {
            if (backedChannel != null)
            {
                try
                {
                    backedChannel.close();
                }
                catch (final IOException ex)
                {
                    // nothing was buffered: the channel only ever wrote zeros the mapping sees
                }
                backedChannel = null;
                backedCycle = Integer.MIN_VALUE;
            }
        }

        final void countFailure()
        {
            count(failures);
        }

        private void count(final AtomicCounter counter)
        {
            if (counter != null)
            {
                counter.incrementRelease();
            }
        }
    }

    /**
     * Leads: decides where journaling stops (see the class comment) and publishes how far the input is journaled.
     */
    private final class InputWriter extends Writer implements EventHandler<InputEvent>
    {
        private long journaledEvents;
        private int recordsSinceSpaceCheck = SPACE_CHECK_RECORDS;
        private long lastSpaceCheckNs = Long.MIN_VALUE;
        private InputEvent event;
        private long sequence;

        InputWriter()
        {
            super(inputQueue);
        }

        @Override
        public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
        {
            try
            {
                if (stopSequence != Long.MAX_VALUE)
                {
                    countFailure();
                    return;
                }
                this.event = event;
                this.sequence = sequence + 1;
                final String lowSpace = checkSpace(event.receiveTimeNs());
                if (lowSpace != null)
                {
                    stop(sequence, event.receiveTimeNs(), lowSpace);
                }
                else if (signalJournalFailure != null)
                {
                    stop(sequence, event.receiveTimeNs(), signalJournalFailure + " (the last events' signals may be " +
                        "missing from it)");
                }
                else if (append())
                {
                    inputJournaled.lazySet(sequence);
                    journaledEvents++;
                }
                else
                {
                    stop(sequence, event.receiveTimeNs(), "writing " + queue.file() + " failed: " + failure);
                }
            }
            catch (final Throwable ex)
            {
                // a write fault on a mapped file can surface after the append returned: the journal fails here too,
                // and stops after the last event the signal writer was told is journaled
                if (stopSequence == Long.MAX_VALUE)
                {
                    failure = ex;
                    stop(Math.max(sequence, inputJournaled.get() + 1), event.receiveTimeNs(), "writing " +
                        queue.file() + " failed: " + ex);
                }
            }
        }

        /**
         * @return why journaling must stop for lack of space, or null; checked every {@link #SPACE_CHECK_RECORDS}
         * records or {@link #SPACE_CHECK_INTERVAL_NS}, a system call far from every event.
         */
        private String checkSpace(final long timeNs) throws IOException
        {
            if (++recordsSinceSpaceCheck < SPACE_CHECK_RECORDS && timeNs - lastSpaceCheckNs < SPACE_CHECK_INTERVAL_NS)
            {
                return null;
            }
            recordsSinceSpaceCheck = 0;
            lastSpaceCheckNs = timeNs;
            final long free = fileStore.getUsableSpace();
            return free < STOP_FREE_BYTES ? "only " + (free >> 20) + " MiB free in " + settings.directory() +
                " (journaling stops below " + (STOP_FREE_BYTES >> 20) + " MiB)" : null;
        }

        private void stop(final long sequence, final long timeNs, final String reason)
        {
            final JournalStop stopped = new JournalStop(sequence, timeNs, journaledEvents, reason);
            stop = stopped;
            stopSequence = sequence;
            failed = true;
            countFailure();
            errors.onError(new JournalException(stopped.describe() + "; the journal holds every event before it " +
                "and its signals, and replays", failure));
        }

        @Override
        void encode(final Bytes<?> bytes)
        {
            RecordLayout.writeInput(bytes, event, sequence);
        }
    }

    /**
     * Follows: writes a signal only once the input event it came from is journaled, and none from the stop on.
     * Signals that are ahead of the input writer wait in a staging buffer ({@code [sequence][length][record]}, grown
     * only if the input writer falls far behind) and are written at the next signal or at {@link #close()}.
     */
    private final class SignalWriter extends Writer implements SignalListener
    {
        private static final int COMPACT_STAGED_AFTER = 1 << 15;

        private final Bytes<?> staged = Bytes.allocateElasticDirect(1 << 16);
        private SignalView signal;
        private RegimeChange change;
        private boolean fromStaging;

        SignalWriter()
        {
            super(signalQueue);
        }

        @Override
        public void onSignal(final SignalView signal)
        {
            this.signal = signal;
            this.change = null;
            write();
        }

        @Override
        public void onRegimeChange(final RegimeChange change, final SignalView signal)
        {
            this.signal = signal;
            this.change = change;
            write();
        }

        private void write()
        {
            final SignalHandler handler = signals;
            final long sequence = handler == null ? -1 : handler.sequence();
            if (failed)
            {
                countFailure();
                return;
            }
            if (sequence < 0)
            {
                appendOrFail();
                return;
            }
            drain();
            if (sequence >= stopSequence)
            {
                return;
            }
            if (staged.readRemaining() == 0 && sequence <= inputJournaled.get())
            {
                appendOrFail();
                return;
            }
            staged.writeLong(sequence);
            final long lengthAt = staged.writePosition();
            staged.writeInt(0);
            final long start = staged.writePosition();
            encode(staged);
            staged.writeInt(lengthAt, (int)(staged.writePosition() - start));
        }

        /**
         * Writes the staged signals whose input events are journaled and drops those at or after the stop.
         */
        private void drain()
        {
            while (staged.readRemaining() > 0 && !failed)
            {
                final long sequence = staged.readLong(staged.readPosition());
                if (sequence >= stopSequence)
                {
                    staged.clear();
                    break;
                }
                if (sequence > inputJournaled.get())
                {
                    break;
                }
                fromStaging = true;
                appendOrFail();
                fromStaging = false;
            }
            if (staged.readRemaining() == 0)
            {
                staged.clear();
            }
            else if (staged.readPosition() > COMPACT_STAGED_AFTER)
            {
                staged.compact();
            }
        }

        /**
         * Called once the engine has stopped: every input event is journaled or behind the stop by then.
         */
        void flush()
        {
            if (appender != null)
            {
                appender.singleThreadedCheckReset();
            }
            staged.singleThreadedCheckReset();
            drain();
            staged.releaseLast();
        }

        private void appendOrFail()
        {
            if (fromStaging)
            {
                final long length = staged.readInt(staged.readPosition() + Long.BYTES);
                final boolean written = append();
                staged.readSkip(Long.BYTES + Integer.BYTES + length);
                if (written)
                {
                    return;
                }
            }
            else if (append())
            {
                return;
            }
            countFailure();
            signalJournalFailure = "the signal journal " + queue.file() + " failed: " + failure;
            errors.onError(new JournalException(signalJournalFailure + "; signals are not being journaled", failure));
        }

        @Override
        void encode(final Bytes<?> bytes)
        {
            if (fromStaging)
            {
                final long at = staged.readPosition() + Long.BYTES;
                final int length = staged.readInt(at);
                bytes.write(staged, at + Integer.BYTES, length);
            }
            else if (change == null)
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
