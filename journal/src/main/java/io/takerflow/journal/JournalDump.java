package io.takerflow.journal;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;

import io.takerflow.engine.EventType;
import io.takerflow.engine.InputEvent;
import io.takerflow.engine.Instrument;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeReason;
import io.takerflow.engine.signal.SignalFlags;

/**
 * Exports a journal as CSV or JSON lines for other tools: trades, feed status events, signals (and regime
 * changes in JSON lines). Prices and sizes are written exactly as the venue sent them.
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
        TRADES, STATUS, SIGNALS, ALL
    }

    /** Output format. */
    public enum Format
    {
        CSV, JSONL
    }

    static final String TRADE_COLUMNS = "receive_time_ns,venue,symbol,exchange_time_ns,price,quantity,taker_side,trade_id";
    static final String STATUS_COLUMNS = "receive_time_ns,venue,symbol,state,missing";
    static final String SIGNAL_COLUMNS = "time_ns,market,imbalance,buy_ratio,sell_ratio,zscore,premium_pct," +
        "premium_smoothed_pct,flow_state,spot_state,regime,flags";

    private JournalDump()
    {
    }

    /**
     * @param directory the journal.
     * @param what      which records.
     * @param format    CSV (a header line per section) or JSON lines (a {@code kind} field per line).
     * @param out       where the lines go.
     * @return lines written, headers excluded.
     */
    public static long write(final Path directory, final What what, final Format format, final PrintWriter out)
    {
        long lines = 0;
        final boolean csv = format == Format.CSV;
        try (JournalReader reader = JournalReader.open(directory))
        {
            if (what == What.TRADES || what == What.ALL)
            {
                if (csv)
                {
                    out.println(TRADE_COLUMNS);
                }
                lines += inputs(reader, EventType.TRADE, csv, out);
            }
        }
        try (JournalReader reader = JournalReader.open(directory))
        {
            if (what == What.STATUS || what == What.ALL)
            {
                if (csv)
                {
                    out.println(STATUS_COLUMNS);
                }
                lines += inputs(reader, EventType.FEED_STATUS, csv, out);
            }
            if (what == What.SIGNALS || what == What.ALL)
            {
                if (csv)
                {
                    out.println(SIGNAL_COLUMNS);
                }
                final long[] count = {0};
                final JournalReader.SignalSink sink = new JournalReader.SignalSink()
                {
                    @Override
                    public void onSignal(final SignalRecord s)
                    {
                        count[0]++;
                        if (csv)
                        {
                            out.println(s.timeNs() + "," + s.market() + "," + num(s.imbalance()) + "," + num(s.buyRatio()) +
                                "," + num(s.sellRatio()) + "," + num(s.zScore()) + "," + num(s.premiumPct()) + "," +
                                num(s.premiumSmoothedPct()) + "," + s.flowState() + "," + s.spotState() + "," + s.regime() +
                                "," + SignalFlags.toString(s.flags()));
                        }
                        else
                        {
                            out.println("{\"kind\":\"signal\",\"time_ns\":" + s.timeNs() + ",\"market\":\"" + s.market() +
                                "\",\"imbalance\":" + json(s.imbalance()) + ",\"buy_ratio\":" + json(s.buyRatio()) +
                                ",\"sell_ratio\":" + json(s.sellRatio()) + ",\"zscore\":" + json(s.zScore()) +
                                ",\"premium_pct\":" + json(s.premiumPct()) + ",\"premium_smoothed_pct\":" +
                                json(s.premiumSmoothedPct()) + ",\"flow_state\":\"" + s.flowState() + "\",\"spot_state\":\"" +
                                s.spotState() + "\",\"regime\":\"" + s.regime() + "\",\"flags\":\"" +
                                SignalFlags.toString(s.flags()) + "\"}");
                        }
                    }

                    @Override
                    public void onRegimeChange(final long timeNs, final String market, final Regime from, final Regime to,
                        final RegimeReason reason)
                    {
                        if (!csv)
                        {
                            count[0]++;
                            out.println("{\"kind\":\"regime_change\",\"time_ns\":" + timeNs + ",\"market\":\"" + market +
                                "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"reason\":\"" + reason + "\"}");
                        }
                    }
                };
                while (reader.nextSignal(sink) != JournalReader.END)
                {
                    continue;
                }
                lines += count[0];
            }
        }
        out.flush();
        return lines;
    }

    private static long inputs(final JournalReader reader, final EventType type, final boolean csv, final PrintWriter out)
    {
        final InputEvent event = new InputEvent();
        long lines = 0;
        for (int kind = reader.nextInput(event); kind != JournalReader.END; kind = reader.nextInput(event))
        {
            if (kind != JournalReader.INPUT || event.type() != type)
            {
                continue;
            }
            final String symbol = symbol(reader, event.instrumentId());
            lines++;
            if (type == EventType.TRADE)
            {
                final String price = BigDecimal.valueOf(event.priceMantissa(), event.priceScale()).toPlainString();
                final String quantity = BigDecimal.valueOf(event.quantityMantissa(), event.quantityScale()).toPlainString();
                out.println(csv ?
                    event.receiveTimeNs() + "," + event.venue().id() + "," + symbol + "," + event.exchangeTimeNs() + "," +
                        price + "," + quantity + "," + event.takerSide() + "," + event.tradeId() :
                    "{\"kind\":\"trade\",\"receive_time_ns\":" + event.receiveTimeNs() + ",\"venue\":\"" + event.venue().id() +
                        "\",\"symbol\":\"" + symbol + "\",\"exchange_time_ns\":" + event.exchangeTimeNs() + ",\"price\":\"" +
                        price + "\",\"quantity\":\"" + quantity + "\",\"taker_side\":\"" + event.takerSide() +
                        "\",\"trade_id\":" + event.tradeId() + "}");
            }
            else
            {
                out.println(csv ?
                    event.receiveTimeNs() + "," + event.venue().id() + "," + symbol + "," + event.feedState() + "," +
                        event.missingCount() :
                    "{\"kind\":\"status\",\"receive_time_ns\":" + event.receiveTimeNs() + ",\"venue\":\"" +
                        event.venue().id() + "\",\"symbol\":\"" + symbol + "\",\"state\":\"" + event.feedState() +
                        "\",\"missing\":" + event.missingCount() + "}");
            }
        }
        return lines;
    }

    private static String symbol(final JournalReader reader, final int instrumentId)
    {
        if (instrumentId < 0 || reader.header() == null || instrumentId >= reader.header().instruments().size())
        {
            return "*";
        }
        final Instrument instrument = reader.header().instruments().get(instrumentId);
        return instrument.symbol();
    }

    private static String num(final double value)
    {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }

    private static String json(final double value)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.6f", value);
    }
}
