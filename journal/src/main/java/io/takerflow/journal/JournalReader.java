package io.takerflow.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.signal.SignalSnapshot;

/**
 * Reads a journal's two queues from the start, or follows them as they are written (a Chronicle tailer works
 * across processes). Not thread-safe; one reader per thread.
 */
public final class JournalReader implements AutoCloseable
{
    static
    {
        ChronicleAnalytics.disable();
    }

    /** {@link #nextInput(InputEvent)}: nothing more (yet). */
    public static final int END = 0;
    /** {@link #nextInput(InputEvent)}: a run header; see {@link #header()}. */
    public static final int HEADER = RecordLayout.RUN_HEADER;
    /** {@link #nextInput(InputEvent)}: an input event was read. */
    public static final int INPUT = RecordLayout.INPUT;
    /** {@link #nextSignal(SignalSink)}: a signal was read. */
    public static final int SIGNAL = RecordLayout.SIGNAL;
    /** {@link #nextSignal(SignalSink)}: a regime change was read. */
    public static final int REGIME_CHANGE = RecordLayout.REGIME_CHANGE;

    private final Path directory;
    private final SingleChronicleQueue inputQueue;
    private final SingleChronicleQueue signalQueue;
    private final ExcerptTailer inputs;
    private final ExcerptTailer signals;
    private RunHeader inputHeader;
    private long inputSequence;
    private RunHeader signalHeader;
    private String tornInput;
    private String tornSignal;

    /**
     * Receives journaled signals.
     */
    public interface SignalSink
    {
        /**
         * @param signal a journaled signal: the record's bytes in a new snapshot of its own, which may be kept.
         */
        void onSignal(SignalSnapshot signal);

        /**
         * @param change a journaled regime change (it comes before the signal of the same event).
         */
        default void onRegimeChange(final RegimeChangeRecord change)
        {
        }
    }

    private JournalReader(final Path directory)
    {
        this.directory = directory;
        final JournalSettings settings = JournalSettings.daily(directory);
        this.inputQueue = SingleChronicleQueueBuilder.binary(settings.inputQueue()).build();
        this.signalQueue = SingleChronicleQueueBuilder.binary(settings.signalQueue()).build();
        this.inputs = inputQueue.createTailer();
        this.signals = signalQueue.createTailer();
    }

    /**
     * @param directory a journal directory.
     * @return a reader at the start of the journal.
     * @throws JournalException naming the directory if it holds no journal.
     */
    public static JournalReader open(final Path directory)
    {
        final JournalSettings settings = JournalSettings.daily(directory);
        if (!hasCycles(settings.inputQueue()))
        {
            throw new JournalException("no takerflow journal in " + directory.toAbsolutePath() +
                " (expected " + settings.inputQueue() + "/*.cq4)");
        }
        return new JournalReader(directory);
    }

    /**
     * @param directory a journal directory.
     * @return true if it holds a journal (input queue cycles).
     */
    static boolean exists(final Path directory)
    {
        return hasCycles(JournalSettings.daily(directory).inputQueue());
    }

    private static boolean hasCycles(final Path queue)
    {
        if (!Files.isDirectory(queue))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(queue))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    /**
     * @return the journal directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return how many records (events and run headers) the input queue holds now, for progress display.
     */
    public long inputRecords()
    {
        return inputQueue.entryCount();
    }

    /**
     * @return the run header most recently read from the input queue, null before the first.
     */
    public RunHeader header()
    {
        return inputHeader;
    }

    /**
     * @return the run header most recently read from the signal queue, null before the first.
     */
    public RunHeader signalHeader()
    {
        return signalHeader;
    }

    /**
     * @return the place in its run of the input event last read by {@link #nextInput(InputEvent)}, 1 for a run's
     * first event; signals name the input that produced them with the same number.
     */
    public long inputSequence()
    {
        return inputSequence;
    }

    /**
     * Reads the next input record.
     *
     * @param into filled when the result is {@link #INPUT}.
     * @return {@link #INPUT}, {@link #HEADER} or {@link #END}.
     * @throws JournalException naming the queue and record if a record is not in a layout this build knows (an
     *                          older or newer version, an unknown code).
     */
    public int nextInput(final InputEvent into)
    {
        final String damage;
        final long index;
        try (DocumentContext context = inputs.readingDocument())
        {
            if (!context.isPresent())
            {
                return END;
            }
            final Bytes<?> bytes = context.wire().bytes();
            index = context.index();
            damage = RecordLayout.damage(bytes);
            if (damage == null)
            {
                try
                {
                    final byte kind = bytes.readByte(bytes.readPosition());
                    if (kind == RecordLayout.INPUT)
                    {
                        inputSequence = RecordLayout.readInput(bytes, into);
                        return INPUT;
                    }
                    bytes.readSkip(1);
                    inputHeader = RunHeader.read(bytes);
                    return HEADER;
                }
                catch (final JournalException ex)
                {
                    throw where(ex, inputQueue, index);
                }
            }
        }
        tornInput = tornEnd(inputs, inputQueue, index, damage);
        return END;
    }

    /**
     * A damaged record with nothing after it is the torn end a write fault leaves (the journal stopped there and
     * said so); anywhere else it is damage, and reading stops with an error.
     *
     * @return what the torn end is, for {@link #tornInput()} or {@link #tornSignal()}.
     */
    private static String tornEnd(final ExcerptTailer tailer, final SingleChronicleQueue queue, final long index,
        final String damage)
    {
        try (DocumentContext next = tailer.readingDocument())
        {
            if (next.isPresent())
            {
                next.rollbackOnClose();
                throw where(new JournalException(damage + ", and records follow it: the journal is damaged"), queue,
                    index);
            }
        }
        return "record 0x" + Long.toHexString(index) + " of " + queue.file() + " is torn (" + damage + "): the " +
            "journal ends before it, where a write fault stopped it";
    }

    /**
     * @return null, or, once the input queue's reading ended at a torn last record (a write fault stopped the
     * journal mid-record), which record and why; the events before it are whole.
     */
    public String tornInput()
    {
        return tornInput;
    }

    /**
     * @return null, or, once the signal queue's reading ended at a torn last record, which and why.
     */
    public String tornSignal()
    {
        return tornSignal;
    }

    /**
     * Reads the next signal record.
     *
     * @param sink gets the signal or regime change.
     * @return {@link #SIGNAL}, {@link #REGIME_CHANGE}, {@link #HEADER} or {@link #END}.
     * @throws JournalException naming the queue and record if a record is not in a layout this build knows.
     */
    public int nextSignal(final SignalSink sink)
    {
        final String damage;
        final long index;
        try (DocumentContext context = signals.readingDocument())
        {
            if (!context.isPresent())
            {
                return END;
            }
            final Bytes<?> bytes = context.wire().bytes();
            index = context.index();
            damage = RecordLayout.damage(bytes);
            if (damage == null)
            {
                return signal(bytes, index, sink);
            }
        }
        tornSignal = tornEnd(signals, signalQueue, index, damage);
        return END;
    }

    private int signal(final Bytes<?> bytes, final long index, final SignalSink sink)
    {
        final SignalSnapshot signal;
        final RegimeChangeRecord change;
        try
        {
            final byte kind = bytes.readByte(bytes.readPosition());
            switch (kind)
            {
                case RecordLayout.RUN_HEADER:
                    bytes.readSkip(1);
                    signalHeader = RunHeader.read(bytes);
                    return HEADER;
                case RecordLayout.SIGNAL:
                    signal = RecordLayout.readSignal(bytes, names());
                    change = null;
                    break;
                default:
                    change = RecordLayout.readRegimeChange(bytes, names());
                    signal = null;
                    break;
            }
        }
        catch (final JournalException ex)
        {
            throw where(ex, signalQueue, index);
        }
        if (signal != null)
        {
            sink.onSignal(signal);
            return SIGNAL;
        }
        sink.onRegimeChange(change);
        return REGIME_CHANGE;
    }

    private static JournalException where(final JournalException ex, final SingleChronicleQueue queue, final long index)
    {
        return new JournalException("record 0x" + Long.toHexString(index) + " of " + queue.file() + ": " +
            ex.getMessage(), ex);
    }

    /**
     * Reads the next signal-queue record as its raw bytes (for byte-for-byte comparison).
     *
     * @param into cleared and filled with the record, kind byte first.
     * @return true if a record was read.
     */
    public boolean nextSignalBytes(final Bytes<?> into)
    {
        try (DocumentContext context = signals.readingDocument())
        {
            if (!context.isPresent())
            {
                return false;
            }
            into.clear();
            into.write(context.wire().bytes());
            return true;
        }
    }

    private String[] names()
    {
        return signalHeader == null ? new String[0] : signalHeader.marketNames();
    }

    @Override
    public void close()
    {
        inputQueue.close();
        signalQueue.close();
    }
}
