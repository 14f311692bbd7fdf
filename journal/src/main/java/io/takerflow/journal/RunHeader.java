package io.takerflow.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.bytes.Bytes;

import io.takerflow.engine.Instrument;
import io.takerflow.engine.InstrumentCatalog;
import io.takerflow.engine.Venue;
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
     * Reads a header body (after its kind byte).
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
        if (version != RecordLayout.VERSION)
        {
            throw new JournalException("journal layout version " + version + " is not supported (this build reads " +
                RecordLayout.VERSION + ")");
        }
        final long runId = bytes.readLong();
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int instrumentCount = bytes.readInt();
        for (int i = 0; i < instrumentCount; i++)
        {
            catalog.add(Venue.fromId(bytes.readUtf8()), bytes.readUtf8(), bytes.readDouble());
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
                .thresholds(new RegimeThresholds(bytes.readDouble(), bytes.readDouble(), bytes.readDouble(),
                    bytes.readDouble(), bytes.readDouble(), bytes.readDouble(), bytes.readDouble(), bytes.readDouble()));
            markets.add(builder.build());
        }
        return new RunHeader(runId, catalog, List.copyOf(markets));
    }
}
