package io.takerflow.journal;

import static org.assertj.core.api.Assertions.assertThat;
import io.takerflow.engine.input.InputEvent;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalSnapshot;

/**
 * What an analyst does with {@code dump --what all}: recompute every signal from the dumped inputs and run header
 * alone, by the README's definitions, without the engine's classes (plain Java arithmetic over the rows, as the
 * README's pandas lines do), and compare each one; and read the journaled signals back from the dump exactly.
 */
final class DumpRecomputeTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_760_000_000L * SECOND;

    @TempDir
    static Path dir;
    private static int events;

    @BeforeAll
    static void journalTheRun() throws Exception
    {
        events = journalASyntheticRun();
    }

    @Test
    void anIndependentRecomputationFromTheDumpMatchesEverySignal()
    {
        final StringWriter text = new StringWriter();
        JournalDump.write(dir, JournalDump.What.ALL, JournalDump.Format.CSV, new PrintWriter(text));
        final List<String> lines = text.toString().lines().toList();
        final String[] columns = lines.get(0).split(",");
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            final List<String> cells = csv(line);
            assertThat(cells).hasSize(columns.length);
            final Map<String, String> row = new HashMap<>();
            for (int i = 0; i < columns.length; i++)
            {
                row.put(columns[i], cells.get(i));
            }
            rows.add(row);
        }
        assertThat(rows.get(0).get("kind")).as("the run header comes first").isEqualTo("run_header");

        final Model model = new Model(rows.get(0).get("config"));
        int signals = 0;
        int changes = 0;
        long lastSeq = 0;
        final Map<String, Integer> regimesSeen = new HashMap<>();
        for (final Map<String, String> row : rows.subList(1, rows.size()))
        {
            final String kind = row.get("kind");
            final long seq = Long.parseLong(row.get("seq"));
            switch (kind)
            {
                case "signal":
                    signals++;
                    assertThat(seq).isEqualTo(lastSeq);
                    model.assertSignal(row);
                    regimesSeen.merge(row.get("regime"), 1, Integer::sum);
                    break;
                case "regime_change":
                    changes++;
                    assertThat(seq).isEqualTo(lastSeq);
                    model.assertChange(row);
                    break;
                default:
                    assertThat(seq).as("inputs in ring order").isEqualTo(lastSeq + 1);
                    lastSeq = seq;
                    model.apply(row);
                    break;
            }
        }
        assertThat(lastSeq).isEqualTo(events);
        assertThat(signals).as("one signal per event, all touch the one market").isEqualTo(events);
        System.out.println("regime changes: " + model.log + " regimes " + regimesSeen);
        assertThat(changes).isEqualTo(model.changes).isGreaterThanOrEqualTo(3);
        assertThat(regimesSeen).containsKeys("RISK_OFF", "RECOVERING", "RISK_ON");
        assertThat(model.checkedZ).isGreaterThan(1000);
        assertThat(model.thinSeen).isPositive();
    }

    @Test
    void theDumpReadBackReproducesTheJournaledSignalsExactly()
    {
        final StringWriter text = new StringWriter();
        JournalDump.write(dir, JournalDump.What.SIGNALS, JournalDump.Format.CSV, new PrintWriter(text));
        final List<String> lines = text.toString().lines().toList();
        final List<String> header = csv(lines.get(0));
        final List<SignalSnapshot> journaled = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.nextSignal(journaled::add) != JournalReader.END)
            {
                continue;
            }
        }
        int i = 0;
        for (final String line : lines.subList(1, lines.size()))
        {
            final List<String> cells = csv(line);
            if (!cells.get(header.indexOf("kind")).equals("signal"))
            {
                continue;
            }
            final SignalSnapshot s = journaled.get(i++);
            assertThat(Long.parseLong(cells.get(header.indexOf("seq")))).isEqualTo(s.eventSequence());
            assertThat(Long.parseLong(cells.get(header.indexOf("time_ns")))).isEqualTo(s.timeNs());
            assertSameBits(cells.get(header.indexOf("buy_volume")), s.buyVolume());
            assertSameBits(cells.get(header.indexOf("sell_volume")), s.sellVolume());
            assertSameBits(cells.get(header.indexOf("imbalance")), s.imbalance());
            assertSameBits(cells.get(header.indexOf("buy_ratio")), s.buyRatio());
            assertSameBits(cells.get(header.indexOf("sell_ratio")), s.sellRatio());
            assertSameBits(cells.get(header.indexOf("zscore")), s.zScore());
            assertSameBits(cells.get(header.indexOf("premium_pct")), s.premiumPct());
            assertSameBits(cells.get(header.indexOf("premium_smoothed_pct")), s.premiumSmoothedPct());
            assertThat(Long.parseLong(cells.get(header.indexOf("window_trades")))).isEqualTo(s.windowTrades());
            assertThat(Integer.parseInt(cells.get(header.indexOf("history_samples")))).isEqualTo(s.historySamples());
            assertThat(cells.get(header.indexOf("flow_state"))).isEqualTo(s.flowState().name());
            assertThat(cells.get(header.indexOf("spot_state"))).isEqualTo(s.spotState().name());
            assertThat(cells.get(header.indexOf("regime"))).isEqualTo(s.regime().name());
            assertThat(flags(cells.get(header.indexOf("flags")))).isEqualTo(s.flags());
        }
        assertThat(i).isEqualTo(journaled.size()).isGreaterThan(3000);
    }

    private static void assertSameBits(final String text, final double journaled)
    {
        final double read = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
        assertThat(Double.doubleToLongBits(read)).as("%s vs %s", text, journaled)
            .isEqualTo(Double.doubleToLongBits(journaled));
    }

    /**
     * A synthetic run through the real engine and journal: history seeds, balanced / sellers with Coinbase at a
     * discount / recovery / buyers with a premium, late trades, a flow feed outage and a trade-id gap.
     *
     * @return input events published.
     */
    private static int journalASyntheticRun() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final int swap = catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
        final int coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final MarketConfig market = MarketConfig.builder("BTC").flowInstruments(perp, swap).premiumPair(coinbase, spot)
            .window(60, TimeUnit.SECONDS).bucket(5, TimeUnit.SECONDS).samplePeriod(60, TimeUnit.SECONDS)
            .historyCapacity(40).minHistorySamples(10).premiumHalfLife(20, TimeUnit.SECONDS)
            .premiumStaleAfter(10, TimeUnit.SECONDS).gapHold(20, TimeUnit.SECONDS).minWindowTrades(150)
            .minWindowVolume(0.5).recoveryFailZ(-1.2).recoveryMaxAge(150, TimeUnit.SECONDS)
            .minRegimeDwell(10, TimeUnit.SECONDS).build();
        int events = 0;
        try (Journal journal = Journal.open(JournalSettings.daily(dir), catalog, List.of(market));
            TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(market)
                .tickInterval(0, TimeUnit.MILLISECONDS).waitStrategy(WaitStrategyKind.BLOCKING)
                .parallelHandler(journal.inputWriter()).listener(journal.signalWriter()).build()))
        {
            journal.attach(engine);
            final InputPublisher publisher = engine.newPublisher();
            final SplittableRandom random = new SplittableRandom(99);
            for (int i = 0; i < 12; i++)
            {
                final long buy = 500 + random.nextLong(100);
                publisher.publish(new InputEvent().historySample().venue(Venue.BINANCE_USDM).instrumentId(perp)
                    .exchangeTimeNs(T0 - (12 - i) * 60 * SECOND).receiveTimeNs(T0).buyVolumeMantissa(buy)
                    .buyVolumeScale(1).sellVolumeMantissa(1000 - buy).sellVolumeScale(1));
                events++;
            }
            // the last period also from the OKX leg (summed with the perp's), then a warm start: 5 s bars of the
            // perp for the whole window, of the OKX swap for the last 30 s only (so it holds the market WARMING_UP)
            publisher.publish(new io.takerflow.engine.input.InputEvent().historySample().venue(Venue.OKX)
                .instrumentId(swap).exchangeTimeNs(T0 - 60 * SECOND).receiveTimeNs(T0).buyVolumeMantissa(2000)
                .buyVolumeScale(0).sellVolumeMantissa(6000).sellVolumeScale(0));
            events++;
            for (int k = 12; k >= 1; k--)
            {
                publisher.publish(new io.takerflow.engine.input.InputEvent().windowSample().venue(Venue.BINANCE_USDM)
                    .instrumentId(perp).exchangeTimeNs(T0 - k * 5 * SECOND).receiveTimeNs(T0).buyVolumeMantissa(40 + k)
                    .buyVolumeScale(1).sellVolumeMantissa(38).sellVolumeScale(1).sampleTrades(30));
                events++;
                if (k <= 6)
                {
                    publisher.publish(new io.takerflow.engine.input.InputEvent().windowSample().venue(Venue.OKX)
                        .instrumentId(swap).exchangeTimeNs(T0 - k * 5 * SECOND).receiveTimeNs(T0).buyVolumeMantissa(300)
                        .buyVolumeScale(0).sellVolumeMantissa(200 + k).sellVolumeScale(0).sampleTrades(9));
                    events++;
                }
            }
            long id = 0;
            double mid = 65_000;
            final double[] buyProbability = {0.5, 0.25, 0.5, 0.75};
            final double[] premiumPct = {0.0, -0.08, -0.01, 0.07};
            for (long step = 0; step < 4 * 1200; step++)
            {
                final long t = T0 + step * (SECOND / 10);
                final int phase = (int)((step / 1200) % 4);
                if (step % 3 == 0)
                {
                    final boolean okx = random.nextInt(4) == 0;
                    final boolean buy = random.nextDouble() < buyProbability[phase];
                    final long late = random.nextInt(8) == 0 ? random.nextLong(SECOND / 2) : 0;
                    mid *= 1 + (buy ? 1 : -1) * 0.00002 * random.nextDouble();
                    publisher.publish(new InputEvent().trade().venue(okx ? Venue.OKX : Venue.BINANCE_USDM)
                        .instrumentId(okx ? swap : perp).exchangeTimeNs(t - late - 1000).receiveTimeNs(t - late)
                        .priceMantissa(Math.round(mid * 100)).priceScale(2)
                        .quantityMantissa(okx ? 1 + random.nextLong(300) : 1 + random.nextLong(3000))
                        .quantityScale(okx ? 0 : 3).takerSide(buy ? TakerSide.BUY : TakerSide.SELL).tradeId(++id));
                    events++;
                }
                if (step % 7 == 0)
                {
                    final double price = mid * (1 + (premiumPct[phase] + 0.01 * (random.nextDouble() - 0.5)) / 100);
                    publisher.publish(new InputEvent().trade().venue(Venue.COINBASE).instrumentId(coinbase)
                        .exchangeTimeNs(t).receiveTimeNs(t).priceMantissa(Math.round(price * 100)).priceScale(2)
                        .quantityMantissa(5).quantityScale(3).takerSide(TakerSide.SELL).tradeId(++id));
                    publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_SPOT).instrumentId(spot)
                        .exchangeTimeNs(t).receiveTimeNs(t).priceMantissa(Math.round(mid * 100)).priceScale(2)
                        .quantityMantissa(7).quantityScale(3).takerSide(TakerSide.BUY).tradeId(++id));
                    events += 2;
                }
                if (step % 5 == 0)
                {
                    publisher.publishClockTick(t);
                    events++;
                }
                if (step == 4200 || step == 7700)
                {
                    publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.OKX)
                        .instrumentId(-1).feedState(step == 4200 ? FeedState.DISCONNECTED : FeedState.STALE)
                        .missingCount(0).receiveTimeNs(t));
                    events++;
                }
                if (step == 4350 || step == 7800)
                {
                    publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.OKX)
                        .instrumentId(-1).feedState(FeedState.CONNECTED).missingCount(0).receiveTimeNs(t));
                    events++;
                }
                if (step == 9000)
                {
                    publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.BINANCE_USDM)
                        .instrumentId(perp).feedState(FeedState.GAP).missingCount(3).receiveTimeNs(t));
                    events++;
                }
                if (step == 9500)
                {
                    publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.COINBASE)
                        .instrumentId(coinbase).feedState(FeedState.GAP).missingCount(3).receiveTimeNs(t));
                    events++;
                }
            }
        }
        return events;
    }

    private static int flags(final String names)
    {
        int flags = 0;
        for (final String name : names.split("\\|"))
        {
            flags |= switch (name)
            {
                case "WARMING_UP" -> 1;
                case "PREMIUM_STALE" -> 2;
                case "DEGRADED" -> 4;
                case "THIN" -> 8;
                default -> 0;
            };
        }
        return flags;
    }

    private static List<String> csv(final String line)
    {
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"')
                {
                    cell.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.add(cell.toString());
                cell.setLength(0);
            }
            else
            {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /**
     * The README's definitions, from the dump's rows alone.
     */
    private static final class Model
    {
        final long window;
        final long bucket;
        final long period;
        final int capacity;
        final int minHistory;
        final int minTrades;
        final double minVolume;
        final double halfLife;
        final long stale;
        final long gapHold;
        final long dwell;
        final long maxAge;
        final double failZ;
        final double sellersEnter;
        final double sellersExit;
        final double buyersEnter;
        final double buyersExit;
        final double absentEnter;
        final double absentExit;
        final double presentEnter;
        final double presentExit;
        final Map<Integer, Double> multiplier = new HashMap<>();
        final Map<Integer, String> venue = new HashMap<>();
        final Map<Integer, Boolean> inverse = new HashMap<>();
        final List<Integer> flow = new ArrayList<>();
        final int premiumLeg;
        final int referenceLeg;

        long now = Long.MIN_VALUE;
        long firstEvent = Long.MIN_VALUE;
        long firstFlow = Long.MIN_VALUE;
        final Map<Integer, Long> warmFrom = new HashMap<>();
        final Map<Integer, Long> warmLastBucket = new HashMap<>();
        long historyPeriod = Long.MIN_VALUE;
        final List<Integer> historyLegs = new ArrayList<>();
        double historyBuy;
        double historySell;
        boolean historyAdded;
        /** {bucket, 1 for buy, base volume, trades}. */
        final ArrayDeque<double[]> trades = new ArrayDeque<>();
        final ArrayDeque<Double> history = new ArrayDeque<>();
        long currentPeriod = Long.MIN_VALUE;
        double periodBuy;
        double periodSell;
        long periodTrades;
        boolean periodComplete;
        final Map<Integer, Boolean> unhealthy = new HashMap<>();
        final Map<Integer, Long> lastGap = new HashMap<>();
        double premiumPrice = Double.NaN;
        double referencePrice = Double.NaN;
        long premiumTime = Long.MIN_VALUE;
        long referenceTime = Long.MIN_VALUE;
        double raw = Double.NaN;
        double smoothed = Double.NaN;
        long smoothedTime;

        String flowState = "BALANCED";
        String spotState = "FLAT";
        String regime = "NEUTRAL";
        long regimeSince = Long.MIN_VALUE;
        final List<String> expectedChanges = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        int changes;
        int checkedZ;
        int thinSeen;

        Model(final String config)
        {
            window = number(config, "window_ns").longValue();
            bucket = number(config, "bucket_ns").longValue();
            period = number(config, "sample_period_ns").longValue();
            capacity = number(config, "history_capacity").intValue();
            minHistory = number(config, "min_history_samples").intValue();
            minTrades = number(config, "min_window_trades").intValue();
            minVolume = number(config, "min_window_volume");
            halfLife = number(config, "premium_half_life_ns");
            stale = number(config, "premium_stale_ns").longValue();
            gapHold = number(config, "gap_hold_ns").longValue();
            dwell = number(config, "min_regime_dwell_ns").longValue();
            maxAge = number(config, "recovery_max_age_ns").longValue();
            failZ = number(config, "recovery_fail_z");
            sellersEnter = number(config, "sellers_enter_z");
            sellersExit = number(config, "sellers_exit_z");
            buyersEnter = number(config, "buyers_enter_z");
            buyersExit = number(config, "buyers_exit_z");
            absentEnter = number(config, "absent_enter_pct");
            absentExit = number(config, "absent_exit_pct");
            presentEnter = number(config, "present_enter_pct");
            presentExit = number(config, "present_exit_pct");
            premiumLeg = number(config, "premium").intValue();
            referenceLeg = number(config, "reference").intValue();
            final Matcher instrument = Pattern.compile(
                "\\{\"id\":(\\d+),\"venue\":\"([^\"]+)\",\"symbol\":\"[^\"]+\",\"multiplier\":([^,}]+)," +
                "\"size\":\"([a-z]+)\"}").matcher(config);
            while (instrument.find())
            {
                multiplier.put(Integer.parseInt(instrument.group(1)), Double.parseDouble(instrument.group(3)));
                inverse.put(Integer.parseInt(instrument.group(1)), instrument.group(4).equals("inverse"));
                venue.put(Integer.parseInt(instrument.group(1)), instrument.group(2));
            }
            final Matcher flowIds = Pattern.compile("\"flow\":\\[([0-9,]+)]").matcher(config);
            assertThat(flowIds.find()).isTrue();
            for (final String id : flowIds.group(1).split(","))
            {
                flow.add(Integer.parseInt(id));
            }
        }

        private static Double number(final String config, final String key)
        {
            final Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)").matcher(config);
            assertThat(m.find()).as(key).isTrue();
            return Double.parseDouble(m.group(1));
        }

        private boolean flowHealthy()
        {
            for (final int id : flow)
            {
                if (unhealthy.getOrDefault(id, false))
                {
                    return false;
                }
            }
            return true;
        }

        void apply(final Map<String, String> row)
        {
            now = Math.max(now, Long.parseLong(row.get("time_ns")));
            if (firstEvent == Long.MIN_VALUE)
            {
                firstEvent = now;
            }
            final long nowPeriod = Math.floorDiv(now, period);
            if (nowPeriod > currentPeriod)
            {
                if (currentPeriod != Long.MIN_VALUE && periodComplete && periodTrades >= minTrades &&
                    periodBuy + periodSell >= minVolume && periodBuy + periodSell > 0)
                {
                    addSample((periodBuy - periodSell) / (periodBuy + periodSell));
                }
                currentPeriod = nowPeriod;
                periodBuy = 0;
                periodSell = 0;
                periodTrades = 0;
                periodComplete = flowHealthy() && firstEvent <= nowPeriod * period;
            }
            if (!Double.isNaN(smoothed) && now > smoothedTime)
            {
                smoothed = raw + (smoothed - raw) * Math.pow(2, -(now - smoothedTime) / halfLife);
                smoothedTime = now;
            }
            switch (row.get("kind"))
            {
                case "trade":
                    final int id = Integer.parseInt(row.get("instrument"));
                    if (flow.contains(id))
                    {
                        if (firstFlow == Long.MIN_VALUE)
                        {
                            firstFlow = now;
                        }
                        // an inverse instrument's size is quote currency: base = size x contract value / price
                        final double base = Double.parseDouble(row.get("quantity")) * multiplier.get(id) /
                            (inverse.get(id) ? Double.parseDouble(row.get("price")) : 1.0);
                        final boolean buy = row.get("taker_side").equals("BUY");
                        trades.add(new double[] {Math.floorDiv(now, bucket), buy ? 1 : 0, base, 1});
                        if (buy)
                        {
                            periodBuy += base;
                        }
                        else
                        {
                            periodSell += base;
                        }
                        periodTrades++;
                    }
                    else
                    {
                        final double price = Double.parseDouble(row.get("price"));
                        if (id == premiumLeg)
                        {
                            premiumPrice = price;
                            premiumTime = now;
                        }
                        else
                        {
                            referencePrice = price;
                            referenceTime = now;
                        }
                        if (!Double.isNaN(premiumPrice) && !Double.isNaN(referencePrice))
                        {
                            raw = (premiumPrice - referencePrice) / referencePrice * 100;
                            if (Double.isNaN(smoothed))
                            {
                                smoothed = raw;
                                smoothedTime = Math.max(premiumTime, referenceTime);
                            }
                        }
                    }
                    break;
                case "status":
                    final int target = Integer.parseInt(row.get("instrument"));
                    final String state = row.get("state");
                    for (final Map.Entry<Integer, String> instrument : venue.entrySet())
                    {
                        if (!instrument.getValue().equals(row.get("venue")) ||
                            (target >= 0 && target != instrument.getKey()))
                        {
                            continue;
                        }
                        if (state.equals("CONNECTED"))
                        {
                            unhealthy.put(instrument.getKey(), false);
                        }
                        else if (state.equals("DISCONNECTED") || state.equals("STALE"))
                        {
                            unhealthy.put(instrument.getKey(), true);
                        }
                        else if (state.equals("GAP"))
                        {
                            lastGap.put(instrument.getKey(), now);
                        }
                        if (flow.contains(instrument.getKey()) && !state.equals("CONNECTED"))
                        {
                            periodComplete = false;
                        }
                    }
                    break;
                case "history_sample":
                    // samples of one period from several legs, one after the other, are one sample of their sums
                    final int leg = Integer.parseInt(row.get("instrument"));
                    final long periodStart = Long.parseLong(row.get("exchange_time_ns"));
                    if (periodStart != historyPeriod || historyLegs.contains(leg))
                    {
                        historyPeriod = periodStart;
                        historyLegs.clear();
                        historyBuy = 0;
                        historySell = 0;
                        historyAdded = false;
                    }
                    historyLegs.add(leg);
                    final double mult = multiplier.get(leg);
                    historyBuy += Double.parseDouble(row.get("buy_volume")) * mult;
                    historySell += Double.parseDouble(row.get("sell_volume")) * mult;
                    if (historyBuy + historySell > 0 && historyBuy + historySell >= minVolume)
                    {
                        if (historyAdded)
                        {
                            history.removeLast();
                        }
                        addSample((historyBuy - historySell) / (historyBuy + historySell));
                        historyAdded = true;
                    }
                    break;
                case "window_sample":
                    // a history bar fills its bucket while the window holds it, unless live flow began in or
                    // before that bucket
                    final int barLeg = Integer.parseInt(row.get("instrument"));
                    final long open = Long.parseLong(row.get("exchange_time_ns"));
                    final long barBucket = Math.min(Math.floorDiv(open, bucket), Math.floorDiv(now, bucket));
                    if ((firstFlow == Long.MIN_VALUE ||
                        Math.floorDiv(open, bucket) < Math.floorDiv(firstFlow, bucket)) &&
                        open <= now && Math.floorDiv(now, bucket) - barBucket < window / bucket)
                    {
                        final double barMult = multiplier.get(barLeg);
                        trades.add(new double[] {barBucket, 1, Double.parseDouble(row.get("buy_volume")) * barMult,
                            Long.parseLong(row.get("window_trades"))});
                        trades.add(new double[] {barBucket, 0,
                            Double.parseDouble(row.get("sell_volume")) * barMult, 0});
                        warmFrom.merge(barLeg, open, Math::min);
                        warmLastBucket.merge(barLeg, Math.floorDiv(open, bucket), Math::max);
                    }
                    break;
                default:
                    break;
            }
            evaluate();
        }

        private void addSample(final double imbalance)
        {
            history.addLast(imbalance);
            if (history.size() > capacity)
            {
                history.removeFirst();
            }
        }

        double buyVolume;
        double sellVolume;
        long windowTrades;
        double imbalance;
        double z;
        int flags;

        private void evaluate()
        {
            final long head = Math.floorDiv(now, bucket);
            while (!trades.isEmpty() && trades.peekFirst()[0] <= head - window / bucket)
            {
                trades.removeFirst();
            }
            buyVolume = 0;
            sellVolume = 0;
            windowTrades = 0;
            for (final double[] trade : trades)
            {
                windowTrades += (long)trade[3];
                if (trade[1] == 1)
                {
                    buyVolume += trade[2];
                }
                else
                {
                    sellVolume += trade[2];
                }
            }
            imbalance = buyVolume + sellVolume > 0 ? (buyVolume - sellVolume) / (buyVolume + sellVolume) : 0;
            final boolean thin = windowTrades < minTrades || buyVolume + sellVolume < minVolume;
            z = Double.NaN;
            if (!thin && history.size() >= minHistory)
            {
                double mean = 0;
                double squares = 0;
                for (final double x : history)
                {
                    mean += x;
                    squares += x * x;
                }
                mean /= history.size();
                double deviations = 0;
                for (final double x : history)
                {
                    deviations += (x - mean) * (x - mean);
                }
                final double stdev = Math.sqrt(deviations / (history.size() - 1));
                if (stdev > 1e-9 * Math.sqrt(squares / history.size()))
                {
                    z = (imbalance - mean) / stdev;
                }
            }
            // every flow leg covers the window: legs whose bars reach live flow from their first bar, the others from
            // the first live flow trade
            boolean filled = firstFlow != Long.MIN_VALUE;
            for (final int leg : flow)
            {
                final boolean warmed = firstFlow != Long.MIN_VALUE && warmLastBucket.containsKey(leg) &&
                    warmLastBucket.get(leg) + 1 >= Math.floorDiv(firstFlow, bucket);
                filled &= firstFlow != Long.MIN_VALUE && (warmed ?
                    Math.floorDiv(warmFrom.get(leg), bucket) <= head - window / bucket + 1 : now - firstFlow >= window);
            }
            final boolean premiumStale = premiumTime == Long.MIN_VALUE || referenceTime == Long.MIN_VALUE ||
                now - premiumTime > stale || now - referenceTime > stale;
            boolean degraded = premiumStale;
            for (final int id : List.of(flow.get(0), flow.get(1), premiumLeg, referenceLeg))
            {
                degraded |= unhealthy.getOrDefault(id, false);
            }
            for (final int id : flow)
            {
                degraded |= lastGap.containsKey(id) && now - lastGap.get(id) < gapHold;
            }
            flags = (history.size() < minHistory || !filled ? 1 : 0) | (premiumStale ? 2 : 0) | (degraded ? 4 : 0) |
                (thin ? 8 : 0);
            thinSeen += thin ? 1 : 0;
            if (!degraded && !thin)
            {
                classify(filled ? z : Double.NaN);
            }
        }

        /**
         * The README's regime rules.
         */
        private void classify(final double zNow)
        {
            if (!Double.isNaN(zNow))
            {
                if (flowState.equals("SELLERS") && zNow > sellersExit || flowState.equals("BUYERS") &&
                    zNow < buyersExit)
                {
                    flowState = "BALANCED";
                }
                if (flowState.equals("BALANCED"))
                {
                    flowState = zNow <= sellersEnter ? "SELLERS" : zNow >= buyersEnter ? "BUYERS" : "BALANCED";
                }
            }
            if (!Double.isNaN(smoothed))
            {
                if (spotState.equals("ABSENT") && smoothed >= absentExit ||
                    spotState.equals("PRESENT") && smoothed <= presentExit)
                {
                    spotState = "FLAT";
                }
                if (spotState.equals("FLAT"))
                {
                    spotState = smoothed <= absentEnter ? "ABSENT" : smoothed >= presentEnter ? "PRESENT" : "FLAT";
                }
            }
            final boolean sellers = flowState.equals("SELLERS");
            final boolean buyers = flowState.equals("BUYERS");
            final boolean absent = spotState.equals("ABSENT");
            final boolean present = spotState.equals("PRESENT");
            final String next;
            final String reason;
            if (regime.equals("RECOVERING"))
            {
                if (sellers)
                {
                    next = absent ? "RISK_OFF" : "NEUTRAL";
                    reason = "SELLING_RESUMED";
                }
                else if (present)
                {
                    next = buyers ? "RISK_ON" : "NEUTRAL";
                    reason = buyers ? "BUYERS_WITH_SPOT_PRESENT" : "SPOT_RETURNED";
                }
                else if (zNow < failZ)
                {
                    next = "NEUTRAL";
                    reason = "RECOVERY_FAILED";
                }
                else if (now - regimeSince >= maxAge)
                {
                    next = "NEUTRAL";
                    reason = "RECOVERY_EXPIRED";
                }
                else
                {
                    next = "RECOVERING";
                    reason = "";
                }
            }
            else if (sellers && absent)
            {
                next = "RISK_OFF";
                reason = "SELLERS_WITH_SPOT_ABSENT";
            }
            else if (buyers && present)
            {
                next = "RISK_ON";
                reason = "BUYERS_WITH_SPOT_PRESENT";
            }
            else if (regime.equals("RISK_OFF"))
            {
                next = !sellers && !present ? "RECOVERING" : "NEUTRAL";
                reason = !sellers && !present ? "SELLERS_EXHAUSTED" : sellers ? "SPOT_CHANGED" : "SPOT_RETURNED";
            }
            else
            {
                next = "NEUTRAL";
                reason = regime.equals("RISK_ON") && buyers ? "SPOT_CHANGED" : "FLOW_CHANGED";
            }
            if (!next.equals(regime) && (regimeSince == Long.MIN_VALUE || now - regimeSince >= dwell))
            {
                expectedChanges.add(regime + "," + next + "," + reason + "," + now);
                log.add(regime + "->" + next + " " + reason + " @" + (now - T0) / 100_000_000L);
                regime = next;
                regimeSince = now;
            }
        }

        void assertChange(final Map<String, String> row)
        {
            assertThat(expectedChanges).as("a change the recomputation also made, at %s", row.get("time_ns"))
                .isNotEmpty();
            assertThat(row.get("from") + "," + row.get("to") + "," + row.get("reason") + "," + row.get("time_ns"))
                .isEqualTo(expectedChanges.remove(0));
            changes++;
        }

        void assertSignal(final Map<String, String> row)
        {
            final String where = "signal seq " + row.get("seq");
            assertThat(expectedChanges).as(where + ": every change was dumped").isEmpty();
            assertThat(Long.parseLong(row.get("time_ns"))).as(where).isEqualTo(now);
            assertThat(Double.parseDouble(row.get("buy_volume"))).as(where)
                .isCloseTo(buyVolume, within(1e-9 * (1 + buyVolume)));
            assertThat(Double.parseDouble(row.get("sell_volume"))).as(where)
                .isCloseTo(sellVolume, within(1e-9 * (1 + sellVolume)));
            assertThat(Double.parseDouble(row.get("imbalance"))).as(where).isCloseTo(imbalance, within(1e-12));
            assertThat(Long.parseLong(row.get("window_trades"))).as(where).isEqualTo(windowTrades);
            assertThat(Integer.parseInt(row.get("history_samples"))).as(where).isEqualTo(history.size());
            if (Double.isNaN(z))
            {
                assertThat(row.get("zscore")).as(where).isEmpty();
            }
            else
            {
                assertThat(Double.parseDouble(row.get("zscore"))).as(where).isCloseTo(z, within(1e-9));
                checkedZ++;
            }
            if (Double.isNaN(raw))
            {
                assertThat(row.get("premium_pct")).as(where).isEmpty();
            }
            else
            {
                assertThat(Double.parseDouble(row.get("premium_pct"))).as(where).isCloseTo(raw, within(1e-12));
                assertThat(Double.parseDouble(row.get("premium_smoothed_pct"))).as(where)
                    .isCloseTo(smoothed, within(1e-12));
            }
            assertThat(flags(row.get("flags"))).as(where + " flags " + row.get("flags")).isEqualTo(flags);
            assertThat(row.get("flow_state")).as(where).isEqualTo(flowState);
            assertThat(row.get("spot_state")).as(where).isEqualTo(spotState);
            assertThat(row.get("regime")).as(where).isEqualTo(regime);
        }
    }
}
