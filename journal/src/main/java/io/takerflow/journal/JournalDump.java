package io.takerflow.journal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.ScaledDecimal;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalFlags;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.engine.signal.SignalView;

/**
 * Exports a journal as CSV or JSON lines for other tools. {@code ALL} is one stream in ring order: each run's
 * header (its whole configuration) first, then every input (trades, feed status, clock ticks, history samples),
 * each followed by the regime changes and signals it produced. Prices, sizes and history volumes are written
 * exactly as the venue sent them; every double is written in the shortest form that reads back to the same
 * double, so a dump holds everything needed to recompute each signal outside Java, and the journaled signals can
 * be read back from it exactly.
 */
public final class JournalDump
{
    static
    {
        ChronicleAnalytics.disable();
    }

    /** What to export. */
    public enum What
    {
        /** Trades, one line each. */
        TRADES,
        /** Feed status events. */
        STATUS,
        /** Signals with the regime changes they carried. */
        SIGNALS,
        /** Everything in ring order, the run header first. */
        ALL
    }

    /** Output format. */
    public enum Format
    {
        /** Comma-separated values with a header line. */
        CSV,
        /** One JSON object per line. */
        JSONL
    }

    /**
     * Every column a dump can have, in CSV order; a JSON line holds the non-empty ones. One place for each name.
     */
    enum Column
    {
        KIND("kind", false), SEQ("seq", true), TIME_NS("time_ns", true), VENUE("venue", false),
        SYMBOL("symbol", false), INSTRUMENT("instrument", true), EXCHANGE_TIME_NS("exchange_time_ns", true),
        PRICE("price", false), QUANTITY("quantity", false), TAKER_SIDE("taker_side", false),
        TRADE_ID("trade_id", true), STATE("state", false), MISSING("missing", true),
        MARKET("market", false), BUY_VOLUME("buy_volume", true), SELL_VOLUME("sell_volume", true),
        IMBALANCE("imbalance", true), BUY_RATIO("buy_ratio", true), SELL_RATIO("sell_ratio", true),
        ZSCORE("zscore", true), WINDOW_TRADES("window_trades", true),
        BACKFILLED_TRADES("backfilled_trades", true), HISTORY_SAMPLES("history_samples", true),
        PREMIUM_PCT("premium_pct", true), PREMIUM_SMOOTHED_PCT("premium_smoothed_pct", true),
        FLOW_STATE("flow_state", false), SPOT_STATE("spot_state", false), REGIME("regime", false),
        FLAGS("flags", false), FROM("from", false), TO("to", false), REASON("reason", false), CONFIG("config", false),
        BACKFILL("backfill", false), RECOVERED("recovered", true);

        final String header;
        final boolean number;

        Column(final String header, final boolean number)
        {
            this.header = header;
            this.number = number;
        }
    }

    private static final Column[] TRADE_SET = {Column.SEQ, Column.TIME_NS, Column.VENUE, Column.SYMBOL,
        Column.EXCHANGE_TIME_NS, Column.PRICE, Column.QUANTITY, Column.TAKER_SIDE, Column.TRADE_ID, Column.BACKFILL};
    private static final Column[] STATUS_SET = {Column.SEQ, Column.TIME_NS, Column.VENUE, Column.SYMBOL, Column.STATE,
        Column.MISSING, Column.BACKFILL, Column.RECOVERED};
    private static final Column[] SIGNAL_SET = {Column.KIND, Column.SEQ, Column.TIME_NS, Column.MARKET,
        Column.BUY_VOLUME, Column.SELL_VOLUME, Column.IMBALANCE, Column.BUY_RATIO, Column.SELL_RATIO, Column.ZSCORE,
        Column.WINDOW_TRADES, Column.BACKFILLED_TRADES, Column.HISTORY_SAMPLES, Column.PREMIUM_PCT,
        Column.PREMIUM_SMOOTHED_PCT, Column.FLOW_STATE, Column.SPOT_STATE, Column.REGIME, Column.FLAGS, Column.FROM,
        Column.TO, Column.REASON};
    private static final Column[] ALL_SET = Column.values();

    static final String TRADE_COLUMNS = header(TRADE_SET);
    static final String STATUS_COLUMNS = header(STATUS_SET);
    static final String SIGNAL_COLUMNS = header(SIGNAL_SET);
    static final String ALL_COLUMNS = header(ALL_SET);

    private JournalDump()
    {
    }

    /**
     * @param directory the journal.
     * @param what      which records.
     * @param format    CSV (one header line, a column per field, empty where a field does not apply or has no
     *                  value, such as a Z-score while warming up) or JSON lines (a {@code kind} field per line, fields
     *                  without a value left out).
     * @param out       where the lines go.
     * @return lines written, the CSV header excluded.
     */
    public static long write(final Path directory, final What what, final Format format, final PrintWriter out)
    {
        final Column[] columns = what == What.TRADES ? TRADE_SET : what == What.STATUS ? STATUS_SET :
            what == What.SIGNALS ? SIGNAL_SET : ALL_SET;
        final Writer writer = new Writer(what, format, columns, out);
        if (format == Format.CSV)
        {
            out.println(header(columns));
        }
        final InputEvent event = new InputEvent();
        try (JournalReader inputs = JournalReader.open(directory); JournalReader signals =
            JournalReader.open(directory))
        {
            final SignalQueue queue = new SignalQueue(signals);
            long runId = Long.MIN_VALUE;
            int run = -1;
            for (int kind = inputs.nextInput(event); kind != JournalReader.END; kind = inputs.nextInput(event))
            {
                if (kind == JournalReader.HEADER)
                {
                    if (inputs.header().runId() != runId)
                    {
                        queue.drainBefore(run + 1, 0, writer);
                        runId = inputs.header().runId();
                        run++;
                        writer.header(inputs.header());
                    }
                    continue;
                }
                final long sequence = inputs.inputSequence();
                queue.drainBefore(run, sequence, writer);
                writer.input(event, sequence, inputs.header());
                queue.drainThrough(run, sequence, writer);
            }
            queue.drainBefore(Integer.MAX_VALUE, 0, writer);
            for (final String torn : new String[] {inputs.tornInput(), signals.tornSignal()})
            {
                if (torn != null)
                {
                    System.err.println("takerflow dump: " + torn);
                }
            }
        }
        out.flush();
        return writer.lines;
    }

    /**
     * Writes live signals and regime changes (a replay's, say) in exactly the lines {@code dump --what signals}
     * writes for journaled ones.
     *
     * @param format CSV (the header line is written at once) or JSON lines.
     * @param out    where the lines go.
     * @return a listener to add to a signal handler or replay.
     */
    public static SignalListener signalLines(final Format format, final PrintWriter out)
    {
        final Writer writer = new Writer(What.SIGNALS, format, SIGNAL_SET, out);
        if (format == Format.CSV)
        {
            out.println(SIGNAL_COLUMNS);
        }
        return new SignalListener()
        {
            @Override
            public void onSignal(final SignalView signal)
            {
                writer.signalRecord(signal);
            }

            @Override
            public void onRegimeChange(final RegimeChange change, final SignalView signal)
            {
                writer.signalRecord(new RegimeChangeRecord(change.timeNs(), signal.marketIndex(), signal.market(),
                    signal.eventSequence(), change.from(), change.to(), change.reason()));
            }
        };
    }

    private static String header(final Column[] columns)
    {
        final StringBuilder out = new StringBuilder();
        for (final Column column : columns)
        {
            out.append(out.length() == 0 ? "" : ",").append(column.header);
        }
        return out.toString();
    }

    /**
     * The signal queue read alongside the inputs: a record belongs after the input of the same run and sequence.
     */
    private static final class SignalQueue implements JournalReader.SignalSink
    {
        private final JournalReader reader;
        private final List<Object> pending = new ArrayList<>();
        private long runId = Long.MIN_VALUE;
        private int run = -1;
        private Object next;
        private int nextRun;
        private boolean ended;

        SignalQueue(final JournalReader reader)
        {
            this.reader = reader;
        }

        /**
         * Writes every record of an earlier run, or of this run with a smaller sequence.
         */
        void drainBefore(final int run, final long sequence, final Writer writer)
        {
            while (peek() && (nextRun < run || (nextRun == run && sequenceOf(next) < sequence)))
            {
                writer.signalRecord(next);
                next = null;
            }
        }

        /**
         * Writes every record of this run up to and including the sequence.
         */
        void drainThrough(final int run, final long sequence, final Writer writer)
        {
            while (peek() && nextRun == run && sequenceOf(next) <= sequence)
            {
                writer.signalRecord(next);
                next = null;
            }
        }

        private boolean peek()
        {
            while (next == null && !ended)
            {
                final int kind = reader.nextSignal(this);
                if (kind == JournalReader.END)
                {
                    ended = true;
                }
                else if (kind == JournalReader.HEADER && reader.signalHeader().runId() != runId)
                {
                    runId = reader.signalHeader().runId();
                    run++;
                }
            }
            return next != null;
        }

        @Override
        public void onSignal(final SignalSnapshot signal)
        {
            next = signal;
            nextRun = run;
        }

        @Override
        public void onRegimeChange(final RegimeChangeRecord change)
        {
            next = change;
            nextRun = run;
        }

        private static long sequenceOf(final Object record)
        {
            return record instanceof SignalView ? ((SignalView)record).eventSequence() :
                ((RegimeChangeRecord)record).eventSequence();
        }
    }

    /**
     * Fills one row per record and prints the selected columns.
     */
    private static final class Writer
    {
        private final What what;
        private final boolean csv;
        private final Column[] columns;
        private final PrintWriter out;
        private final String[] row = new String[Column.values().length];
        private final StringBuilder line = new StringBuilder(512);
        long lines;

        Writer(final What what, final Format format, final Column[] columns, final PrintWriter out)
        {
            this.what = what;
            this.csv = format == Format.CSV;
            this.columns = columns;
            this.out = out;
        }

        void header(final RunHeader header)
        {
            if (what != What.ALL)
            {
                return;
            }
            start("run_header", 0, header.runId());
            set(Column.CONFIG, header.toJson());
            print();
        }

        void input(final InputEvent event, final long sequence, final RunHeader header)
        {
            final EventType type = event.type();
            if (!(what == What.ALL || (what == What.TRADES && type == EventType.TRADE) ||
                (what == What.STATUS && type == EventType.FEED_STATUS)))
            {
                return;
            }
            start(kind(type), sequence, event.receiveTimeNs());
            switch (type)
            {
                case TRADE:
                    instrument(event, header);
                    set(Column.EXCHANGE_TIME_NS, Long.toString(event.exchangeTimeNs()));
                    set(Column.PRICE, ScaledDecimal.toString(event.priceMantissa(), event.priceScale()));
                    set(Column.QUANTITY, ScaledDecimal.toString(event.quantityMantissa(), event.quantityScale()));
                    set(Column.TAKER_SIDE, event.takerSide().name());
                    set(Column.TRADE_ID, Long.toString(event.tradeId()));
                    if (event.isBackfilled())
                    {
                        set(Column.BACKFILL, "recovered");
                    }
                    break;
                case FEED_STATUS:
                    instrument(event, header);
                    set(Column.STATE, event.feedState().name());
                    set(Column.MISSING, Long.toString(event.missingCount()));
                    if ((event.marks() & InputEvent.BACKFILL_PENDING) != 0)
                    {
                        set(Column.BACKFILL, "pending");
                    }
                    else if ((event.marks() & InputEvent.BACKFILL_DONE) != 0)
                    {
                        set(Column.BACKFILL, "done");
                        set(Column.RECOVERED, Long.toString(event.recoveredCount()));
                    }
                    break;
                case WINDOW_SAMPLE:
                    set(Column.WINDOW_TRADES, Long.toString(event.sampleTrades()));
                    instrument(event, header);
                    set(Column.EXCHANGE_TIME_NS, Long.toString(event.exchangeTimeNs()));
                    set(Column.BUY_VOLUME, ScaledDecimal.toString(event.buyVolumeMantissa(), event.buyVolumeScale()));
                    set(Column.SELL_VOLUME,
                        ScaledDecimal.toString(event.sellVolumeMantissa(), event.sellVolumeScale()));
                    break;
                case HISTORY_SAMPLE:
                    instrument(event, header);
                    set(Column.EXCHANGE_TIME_NS, Long.toString(event.exchangeTimeNs()));
                    set(Column.BUY_VOLUME, ScaledDecimal.toString(event.buyVolumeMantissa(), event.buyVolumeScale()));
                    set(Column.SELL_VOLUME,
                        ScaledDecimal.toString(event.sellVolumeMantissa(), event.sellVolumeScale()));
                    break;
                default:
                    break;
            }
            print();
        }

        void signalRecord(final Object record)
        {
            if (what != What.ALL && what != What.SIGNALS)
            {
                return;
            }
            if (record instanceof SignalView)
            {
                final SignalView s = (SignalView)record;
                start("signal", s.eventSequence(), s.timeNs());
                set(Column.MARKET, s.market());
                set(Column.BUY_VOLUME, number(s.buyVolume()));
                set(Column.SELL_VOLUME, number(s.sellVolume()));
                set(Column.IMBALANCE, number(s.imbalance()));
                set(Column.BUY_RATIO, number(s.buyRatio()));
                set(Column.SELL_RATIO, number(s.sellRatio()));
                set(Column.ZSCORE, number(s.zScore()));
                set(Column.WINDOW_TRADES, Long.toString(s.windowTrades()));
                set(Column.BACKFILLED_TRADES, Long.toString(s.backfilledTrades()));
                set(Column.HISTORY_SAMPLES, Integer.toString(s.historySamples()));
                set(Column.PREMIUM_PCT, number(s.premiumPct()));
                set(Column.PREMIUM_SMOOTHED_PCT, number(s.premiumSmoothedPct()));
                set(Column.FLOW_STATE, s.flowState().name());
                set(Column.SPOT_STATE, s.spotState().name());
                set(Column.REGIME, s.regime().name());
                set(Column.FLAGS, SignalFlags.toString(s.flags()));
            }
            else
            {
                final RegimeChangeRecord c = (RegimeChangeRecord)record;
                start("regime_change", c.eventSequence(), c.timeNs());
                set(Column.MARKET, c.market());
                set(Column.FROM, c.from().name());
                set(Column.TO, c.to().name());
                set(Column.REASON, c.reason().name());
            }
            print();
        }

        private void instrument(final InputEvent event, final RunHeader header)
        {
            final int id = event.instrumentId();
            set(Column.VENUE, event.venue().id());
            set(Column.INSTRUMENT, Integer.toString(id));
            set(Column.SYMBOL, id >= 0 && header != null && id < header.instruments().size() ?
                header.instruments().get(id).symbol() : "*");
        }

        private static String kind(final EventType type)
        {
            switch (type)
            {
                case TRADE:
                    return "trade";
                case FEED_STATUS:
                    return "status";
                case CLOCK_TICK:
                    return "tick";
                case WINDOW_SAMPLE:
                    return "window_sample";
                default:
                    return "history_sample";
            }
        }

        private static String number(final double value)
        {
            return Double.isNaN(value) ? "" : DumpText.shortest(value);
        }

        private void start(final String kind, final long sequence, final long timeNs)
        {
            Arrays.fill(row, "");
            set(Column.KIND, kind);
            set(Column.SEQ, Long.toString(sequence));
            set(Column.TIME_NS, Long.toString(timeNs));
        }

        private void set(final Column column, final String value)
        {
            row[column.ordinal()] = value;
        }

        private void print()
        {
            line.setLength(0);
            if (csv)
            {
                for (int i = 0; i < columns.length; i++)
                {
                    final String value = row[columns[i].ordinal()];
                    line.append(i == 0 ? "" : ",");
                    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0)
                    {
                        line.append('"').append(value.replace("\"", "\"\"")).append('"');
                    }
                    else
                    {
                        line.append(value);
                    }
                }
            }
            else
            {
                line.append('{');
                for (final Column column : Column.values())
                {
                    final String value = row[column.ordinal()];
                    if (value.isEmpty())
                    {
                        continue;
                    }
                    line.append(line.length() == 1 ? "" : ",").append('"').append(column.header).append("\":");
                    if (column == Column.CONFIG)
                    {
                        line.append(value);
                    }
                    else if (column.number && !value.startsWith("Infinity") && !value.startsWith("-Infinity"))
                    {
                        line.append(value);
                    }
                    else
                    {
                        DumpText.jsonString(value, line);
                    }
                }
                line.append('}');
            }
            out.println(line);
            lines++;
        }
    }
}
