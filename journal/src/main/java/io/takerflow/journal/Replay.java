package io.takerflow.journal;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import net.openhft.chronicle.bytes.Bytes;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalCounters;
import io.takerflow.engine.signal.SignalHandler;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;

/**
 * Drives a fresh signal handler from a journal's input events, as fast as possible or paced at a multiple of the
 * recorded speed. A new run header in the journal (another run in the same directory) starts another fresh
 * handler. Events before {@code from} warm the state silently; replay stops at {@code to}.
 */
public final class Replay
{
    static
    {
        ChronicleAnalytics.disable();
    }

    /**
     * @param events        input events applied.
     * @param signals       signals emitted inside the range.
     * @param regimeChanges regime changes emitted inside the range.
     * @param runs          runs found in the journal.
     * @param elapsedNs     wall time taken.
     */
    public record Result(long events, long signals, long regimeChanges, int runs, long elapsedNs)
    {
        /**
         * @return events applied per second of wall time.
         */
        public double eventsPerSecond()
        {
            return elapsedNs == 0 ? 0 : events * 1e9 / elapsedNs;
        }
    }

    /**
     * Result of {@link #verify(Path)}.
     *
     * @param compared        signal-queue records compared.
     * @param journaled       signal-queue records in the journal.
     * @param firstMismatch   index of the first record that differs, -1 if none.
     */
    public record Verification(long compared, long journaled, long firstMismatch)
    {
        /**
         * @return true if every journaled signal and regime change was reproduced byte for byte, and no more.
         */
        public boolean identical()
        {
            return firstMismatch < 0 && compared == journaled;
        }
    }

    /**
     * Receives replay progress.
     */
    @FunctionalInterface
    public interface Progress
    {
        /**
         * @param events events replayed so far.
         * @param total  records in the journal (events plus a header per run and cycle).
         */
        void onProgress(long events, long total);
    }

    private Replay()
    {
    }

    /**
     * Replays a journal.
     *
     * @param directory the journal.
     * @param fromNs    first receive time to emit signals for (earlier events only warm the state).
     * @param toNs      receive time to stop at (exclusive).
     * @param speed     0 for as fast as possible, else a multiple of recorded time (1 = real time).
     * @param listener  receives the replayed signals.
     * @param progress  called every 65,536 events with the count so far and the journal's record count, may be
     *                  null.
     * @return what was replayed.
     */
    public static Result run(final Path directory, final long fromNs, final long toNs, final double speed,
        final SignalListener listener, final Progress progress)
    {
        final long started = System.nanoTime();
        final InputEvent event = new InputEvent();
        final Gate gate = new Gate(listener, fromNs);
        long events = 0;
        int runs = 0;
        long firstTimeNs = Long.MIN_VALUE;
        SignalHandler handler = null;
        long runId = Long.MIN_VALUE;
        try (JournalReader reader = JournalReader.open(directory))
        {
            final long total = progress == null ? 0 : reader.inputRecords();
            for (int kind = reader.nextInput(event); kind != JournalReader.END; kind = reader.nextInput(event))
            {
                if (kind == JournalReader.HEADER)
                {
                    if (reader.header().runId() != runId)
                    {
                        runId = reader.header().runId();
                        handler = new SignalHandler(reader.header().instruments(), reader.header().markets(),
                            SignalCounters.inMemory());
                        handler.addListener(gate);
                        runs++;
                    }
                    continue;
                }
                if (handler == null)
                {
                    throw new JournalException("journal " + directory + " has events before any run header");
                }
                if (event.receiveTimeNs() >= toNs)
                {
                    break;
                }
                if (speed > 0 && event.receiveTimeNs() >= fromNs)
                {
                    if (firstTimeNs == Long.MIN_VALUE)
                    {
                        firstTimeNs = event.receiveTimeNs();
                    }
                    final long due = started + (long)((event.receiveTimeNs() - firstTimeNs) / speed);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime())
                    {
                        LockSupport.parkNanos(wait);
                    }
                }
                handler.apply(event);
                events++;
                if (progress != null && (events & 0xFFFF) == 0)
                {
                    progress.onProgress(events, total);
                }
            }
        }
        return new Result(events, gate.signals, gate.changes, runs, System.nanoTime() - started);
    }

    /**
     * Replays the whole journal and compares every signal and regime change it produces, byte for byte, with the
     * journaled ones.
     *
     * @param directory the journal.
     * @return how many were compared and where the first difference is.
     */
    public static Verification verify(final Path directory)
    {
        final Bytes<?> expected = Bytes.allocateElasticOnHeap(256);
        final Bytes<?> actual = Bytes.allocateElasticOnHeap(256);
        final long[] state = {0, -1};
        try (JournalReader journaled = JournalReader.open(directory))
        {
            final SignalListener comparer = new SignalListener()
            {
                @Override
                public void onSignal(final SignalView signal)
                {
                    actual.clear();
                    RecordLayout.writeSignal(actual, signal);
                    compare();
                }

                @Override
                public void onRegimeChange(final RegimeChange change, final SignalView signal)
                {
                    actual.clear();
                    RecordLayout.writeRegimeChange(actual, change, signal);
                    compare();
                }

                private void compare()
                {
                    boolean present;
                    do
                    {
                        present = journaled.nextSignalBytes(expected);
                    }
                    while (present && expected.peekUnsignedByte(expected.readPosition()) == RecordLayout.RUN_HEADER);
                    if (state[1] < 0 && (!present || !expected.contentEquals(actual)))
                    {
                        state[1] = state[0];
                    }
                    state[0]++;
                }
            };
            run(directory, Long.MIN_VALUE, Long.MAX_VALUE, 0, comparer, null);
            long journaledCount = state[0];
            while (journaled.nextSignalBytes(expected))
            {
                if (expected.peekUnsignedByte(expected.readPosition()) != RecordLayout.RUN_HEADER)
                {
                    journaledCount++;
                }
            }
            return new Verification(state[0], journaledCount, state[1]);
        }
    }

    /**
     * Counts and forwards only the signals inside the range.
     */
    private static final class Gate implements SignalListener
    {
        private final SignalListener next;
        private final long fromNs;
        long signals;
        long changes;

        Gate(final SignalListener next, final long fromNs)
        {
            this.next = next;
            this.fromNs = fromNs;
        }

        @Override
        public void onSignal(final SignalView signal)
        {
            if (signal.timeNs() >= fromNs)
            {
                signals++;
                next.onSignal(signal);
            }
        }

        @Override
        public void onRegimeChange(final RegimeChange change, final SignalView signal)
        {
            if (signal.timeNs() >= fromNs)
            {
                changes++;
                next.onRegimeChange(change, signal);
            }
        }
    }
}
