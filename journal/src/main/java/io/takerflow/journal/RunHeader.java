package io.takerflow.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.bytes.Bytes;

import io.takerflow.engine.input.Instrument;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.RegimeThresholds;

/**
 * What a replay needs to rebuild the signal handler of a run exactly: the instruments (venue, symbol, contract
 * multiplier, in id order) and every market's configuration. Written when a run starts and again at the start of
 * every roll cycle, so a journal stays replayable after old cycles are deleted.
 *
 * @param runId       identifies the run (its start time, epoch ns).
 * @param instruments the catalog.
 * @param markets     the markets.
 */
public record RunHeader(long runId, InstrumentCatalog instruments, List<MarketConfig> markets)
{
    static
    {
        ChronicleAnalytics.disable();
    }

    /**
     * @return the market names, by market index.
     */
    public String[] marketNames()
    {
        final String[] names = new String[markets.size()];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = markets.get(i).name();
        }
        return names;
    }

    void write(final Bytes<?> bytes)
    {
        bytes.writeByte(RecordLayout.RUN_HEADER);
        bytes.writeInt(RecordLayout.MAGIC);
        bytes.writeInt(RecordLayout.VERSION);
        bytes.writeLong(runId);
        bytes.writeInt(instruments.size());
        for (final Instrument instrument : instruments.all())
        {
            bytes.writeUtf8(instrument.venue().id());
            bytes.writeUtf8(instrument.symbol());
            bytes.writeDouble(instrument.contractMultiplier());
            bytes.writeByte(RecordLayout.SIZE_CONVENTIONS.code(instrument.sizeConvention()));
        }
        bytes.writeInt(markets.size());
        for (final MarketConfig market : markets)
        {
            bytes.writeUtf8(market.name());
            bytes.writeInt(market.flowInstruments().length);
            for (final int id : market.flowInstruments())
            {
                bytes.writeInt(id);
            }
            bytes.writeInt(market.premiumInstrument());
            bytes.writeInt(market.referenceInstrument());
            bytes.writeLong(market.windowNs());
            bytes.writeLong(market.bucketNs());
            bytes.writeLong(market.samplePeriodNs());
            bytes.writeInt(market.historyCapacity());
            bytes.writeInt(market.minHistorySamples());
            bytes.writeLong(market.premiumHalfLifeNs());
            bytes.writeLong(market.premiumStaleNs());
            bytes.writeLong(market.gapHoldNs());
            bytes.writeInt(market.minWindowTrades());
            bytes.writeDouble(market.minWindowVolume());
            bytes.writeDouble(market.recoveryFailZ());
            bytes.writeLong(market.recoveryMaxAgeNs());
            bytes.writeLong(market.minRegimeDwellNs());
            final RegimeThresholds t = market.thresholds();
            bytes.writeDouble(t.sellersEnterZ());
            bytes.writeDouble(t.sellersExitZ());
            bytes.writeDouble(t.buyersEnterZ());
            bytes.writeDouble(t.buyersExitZ());
            bytes.writeDouble(t.absentEnterPct());
            bytes.writeDouble(t.absentExitPct());
            bytes.writeDouble(t.presentEnterPct());
            bytes.writeDouble(t.presentExitPct());
        }
    }

    /**
     * Reads a header body (after its kind byte). The layout after magic and version: run id (long); instrument
     * count (int) and per instrument venue id, symbol (UTF-8), contract multiplier (double) and size convention code
     * (byte); market count (int) and per market its name, flow instrument ids, premium and reference ids, window,
     * bucket, sample period
     * (longs, ns), history capacity and minimum (ints), premium half-life, stale limit, gap hold (longs, ns),
     * minimum window trades (int) and volume (double), recovery failure z (double), recovery maximum age and
     * minimum regime dwell (longs, ns), and the eight thresholds (doubles).
     *
     * @throws JournalException if the magic or version is not one this reader knows.
     */
    static RunHeader read(final Bytes<?> bytes)
    {
        final int magic = bytes.readInt();
        final int version = bytes.readInt();
        if (magic != RecordLayout.MAGIC)
        {
            throw new JournalException("not a takerflow journal (bad run header magic)");
        }
        if (version < RecordLayout.VERSION)
        {
            throw new JournalException("journal layout version " + version + " was written by an older takerflow; " +
                "this build reads version " + RecordLayout.VERSION + " only (version 1 kept at most 15 decimals of a " +
                "price or size and no window minimums; version 2 cannot mark trades recovered by a backfill and has " +
                    "no " +
                "size conventions): replay or dump it with the takerflow that wrote it");
        }
        if (version != RecordLayout.VERSION)
        {
            throw new JournalException("journal layout version " + version + " was written by a newer takerflow; " +
                "this build reads version " + RecordLayout.VERSION + " only: upgrade takerflow to read it");
        }
        try
        {
            return readBody(bytes);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new JournalException("run header: " + ex.getMessage(), ex);
        }
    }

    private static RunHeader readBody(final Bytes<?> bytes)
    {
        final long runId = bytes.readLong();
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int instrumentCount = bytes.readInt();
        for (int i = 0; i < instrumentCount; i++)
        {
            final Venue venue = Venue.fromId(bytes.readUtf8());
            final String symbol = bytes.readUtf8();
            final double multiplier = bytes.readDouble();
            catalog.add(venue, symbol, RecordLayout.SIZE_CONVENTIONS.decode(bytes.readByte(),
                "instrument size convention"), multiplier);
        }
        final int marketCount = bytes.readInt();
        final List<MarketConfig> markets = new ArrayList<>(marketCount);
        for (int m = 0; m < marketCount; m++)
        {
            final MarketConfig.Builder builder = MarketConfig.builder(bytes.readUtf8());
            final int[] flow = new int[bytes.readInt()];
            for (int i = 0; i < flow.length; i++)
            {
                flow[i] = bytes.readInt();
            }
            builder.flowInstruments(flow);
            final int premium = bytes.readInt();
            final int reference = bytes.readInt();
            if (premium != MarketConfig.NONE)
            {
                builder.premiumPair(premium, reference);
            }
            builder.window(bytes.readLong(), TimeUnit.NANOSECONDS)
                .bucket(bytes.readLong(), TimeUnit.NANOSECONDS)
                .samplePeriod(bytes.readLong(), TimeUnit.NANOSECONDS)
                .historyCapacity(bytes.readInt())
                .minHistorySamples(bytes.readInt())
                .premiumHalfLife(bytes.readLong(), TimeUnit.NANOSECONDS)
                .premiumStaleAfter(bytes.readLong(), TimeUnit.NANOSECONDS)
                .gapHold(bytes.readLong(), TimeUnit.NANOSECONDS)
                .minWindowTrades(bytes.readInt())
                .minWindowVolume(bytes.readDouble())
                .recoveryFailZ(bytes.readDouble())
                .recoveryMaxAge(bytes.readLong(), TimeUnit.NANOSECONDS)
                .minRegimeDwell(bytes.readLong(), TimeUnit.NANOSECONDS)
                .thresholds(new RegimeThresholds(bytes.readDouble(), bytes.readDouble(), bytes.readDouble(),
                    bytes.readDouble(), bytes.readDouble(), bytes.readDouble(), bytes.readDouble(),
                    bytes.readDouble()));
            markets.add(builder.build());
        }
        return new RunHeader(runId, catalog, List.copyOf(markets));
    }

    /**
     * @return the whole configuration as one JSON object, every number in a form that reads back to the same value.
     */
    public String toJson()
    {
        final StringBuilder out = new StringBuilder(512).append("{\"run_id\":").append(runId)
            .append(",\"layout_version\":").append(RecordLayout.VERSION).append(",\"instruments\":[");
        for (int i = 0; i < instruments.size(); i++)
        {
            final Instrument instrument = instruments.get(i);
            out.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"venue\":");
            DumpText.jsonString(instrument.venue().id(), out).append(",\"symbol\":");
            DumpText.jsonString(instrument.symbol(), out).append(",\"multiplier\":")
                .append(DumpText.shortest(instrument.contractMultiplier())).append(",\"size\":\"")
                .append(instrument.sizeConvention().name().toLowerCase(java.util.Locale.ROOT)).append("\"}");
        }
        out.append("],\"markets\":[");
        for (int m = 0; m < markets.size(); m++)
        {
            final MarketConfig market = markets.get(m);
            final RegimeThresholds t = market.thresholds();
            out.append(m == 0 ? "" : ",").append("{\"index\":").append(m).append(",\"name\":");
            DumpText.jsonString(market.name(), out).append(",\"flow\":").append(java.util.Arrays.toString(
                market.flowInstruments()).replace(" ", ""))
                .append(",\"premium\":").append(market.premiumInstrument())
                .append(",\"reference\":").append(market.referenceInstrument())
                .append(",\"window_ns\":").append(market.windowNs())
                .append(",\"bucket_ns\":").append(market.bucketNs())
                .append(",\"sample_period_ns\":").append(market.samplePeriodNs())
                .append(",\"history_capacity\":").append(market.historyCapacity())
                .append(",\"min_history_samples\":").append(market.minHistorySamples())
                .append(",\"premium_half_life_ns\":").append(market.premiumHalfLifeNs())
                .append(",\"premium_stale_ns\":").append(market.premiumStaleNs())
                .append(",\"gap_hold_ns\":").append(market.gapHoldNs())
                .append(",\"min_window_trades\":").append(market.minWindowTrades())
                .append(",\"min_window_volume\":").append(DumpText.shortest(market.minWindowVolume()))
                .append(",\"recovery_fail_z\":").append(DumpText.shortest(market.recoveryFailZ()))
                .append(",\"recovery_max_age_ns\":").append(market.recoveryMaxAgeNs())
                .append(",\"min_regime_dwell_ns\":").append(market.minRegimeDwellNs())
                .append(",\"sellers_enter_z\":").append(DumpText.shortest(t.sellersEnterZ()))
                .append(",\"sellers_exit_z\":").append(DumpText.shortest(t.sellersExitZ()))
                .append(",\"buyers_enter_z\":").append(DumpText.shortest(t.buyersEnterZ()))
                .append(",\"buyers_exit_z\":").append(DumpText.shortest(t.buyersExitZ()))
                .append(",\"absent_enter_pct\":").append(DumpText.shortest(t.absentEnterPct()))
                .append(",\"absent_exit_pct\":").append(DumpText.shortest(t.absentExitPct()))
                .append(",\"present_enter_pct\":").append(DumpText.shortest(t.presentEnterPct()))
                .append(",\"present_exit_pct\":").append(DumpText.shortest(t.presentExitPct())).append('}');
        }
        return out.append("]}").toString();
    }
}
