package io.takerflow.engine.latency;

import static org.assertj.core.api.Assertions.assertThat;
import io.takerflow.engine.input.InputEvent;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.OverflowPolicy;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;

/**
 * The engine's latency telemetry on a real ring with a stopped clock, so every stage's true latency is known from
 * the trades' own stamps: trade k (1 to 1,000) is received k ms after its exchange time and published k us after
 * it was received; with the clock standing still the ring hop and the subscriber hand-over take 0.
 */
class LatencyTelemetryTest
{
    private static final long NOW_NS = 1_800_000_000_000_000_000L;
    private static final int TRADES = 1000;

    @TempDir
    Path dir;

    @Test
    void everyStageOfEveryVenueIsInTheFileAndTheIntervalLog() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final Path file = dir.resolve("latency.dat");
        final Path log = dir.resolve("latency.hlog");
        final AtomicLong delivered = new AtomicLong();
        final TakerflowEngine started;
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(perp).build())
            .ringSize(1024)
            .tickInterval(0, TimeUnit.MILLISECONDS)
            .clock(() -> NOW_NS)
            .latencyFile(file)
            .latencyLog(log)
            .latencyInterval(20, TimeUnit.MILLISECONDS)
            .build()))
        {
            started = engine;
            engine.subscribeAsync(new SignalListener()
            {
                @Override
                public void onSignal(final SignalView signal)
                {
                    delivered.incrementAndGet();
                }

                @Override
                public void onRegimeChange(final RegimeChange change, final SignalView signal)
                {
                    delivered.incrementAndGet();
                }
            }, OverflowPolicy.DROP_OLDEST, 8192);
            final InputPublisher publisher = engine.newPublisher();
            for (int k = 1; k <= TRADES; k++)
            {
                final long receiveNs = NOW_NS - TimeUnit.MICROSECONDS.toNanos(k);
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(perp)
                    .exchangeTimeNs(receiveNs - TimeUnit.MILLISECONDS.toNanos(k)).receiveTimeNs(receiveNs)
                    .priceMantissa(100_00).priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY)
                    .tradeId(k));
            }
            awaitValue(engine.counters().trades::get, TRADES);
            awaitRows(file, TRADES);
        }
        final List<LatencyRow> rows = started.latency().snapshot();

        final LatencyRow feedLag = row(rows, "binance-usdm", LatencyStage.FEED_LAG);
        assertPercentilesOfOneToThousand(feedLag.total(), TimeUnit.MILLISECONDS.toNanos(1));
        assertPercentilesOfOneToThousand(row(rows, "binance-usdm", LatencyStage.DECODE).total(),
            TimeUnit.MICROSECONDS.toNanos(1));
        assertThat(row(rows, "binance-usdm", LatencyStage.SIGNAL).total())
            .isEqualTo(new LatencyRow.Percentiles(TRADES, 0, 0, 0, 0, 0));
        assertThat(delivered.get()).isGreaterThanOrEqualTo(TRADES);
        assertThat(row(rows, "subscriber-0", LatencyStage.SUBSCRIBER).total())
            .isEqualTo(new LatencyRow.Percentiles(delivered.get(), 0, 0, 0, 0, 0));
        assertThat(row(rows, "coinbase", LatencyStage.FEED_LAG).total().count()).isZero();
        assertThat(rows).noneMatch(r -> r.source().equals("binance-spot"));

        final List<LatencyRow> inFile = LatencyFile.read(file);
        assertThat(row(inFile, "binance-usdm", LatencyStage.FEED_LAG).total()).isEqualTo(feedLag.total());
        assertThat(inFile).hasSameSizeAs(rows);

        final Histogram fromLog = new Histogram(3);
        long intervals = 0;
        final HistogramLogReader reader = new HistogramLogReader(log.toFile());
        while (reader.hasNext())
        {
            final Histogram interval = (Histogram)reader.nextIntervalHistogram();
            if ("binance-usdm.feed_lag".equals(interval.getTag()))
            {
                fromLog.add(interval);
                intervals++;
            }
        }
        assertThat(intervals).isPositive();
        assertPercentilesOfOneToThousand(new LatencyRow.Percentiles(fromLog.getTotalCount(),
            fromLog.getValueAtPercentile(50), fromLog.getValueAtPercentile(90), fromLog.getValueAtPercentile(99),
            fromLog.getValueAtPercentile(99.9), fromLog.getMaxValue()), TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void eachSubscriberHasItsHandOverInAllAndPerVenueOfTheTradeThatMadeTheSignal() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final int coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final Path file = dir.resolve("latency.dat");
        final AtomicLong handed = new AtomicLong();
        final AtomicLong[] delivered = {new AtomicLong(), new AtomicLong()};
        final long[] signalsAfter = new long[3];
        final TakerflowEngine started;
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(perp).premiumPair(coinbase, perp).build())
            .ringSize(1024)
            .tickInterval(0, TimeUnit.MILLISECONDS)
            .clock(() -> NOW_NS)
            .latencyFile(file)
            .latencyInterval(20, TimeUnit.MILLISECONDS)
            .build()))
        {
            started = engine;
            // what the subscriptions are handed, counted on the signal thread by the handler's own listener calls
            engine.signals().addListener(new SignalListener()
            {
                @Override
                public void onSignal(final SignalView signal)
                {
                    handed.incrementAndGet();
                }

                @Override
                public void onRegimeChange(final RegimeChange change, final SignalView signal)
                {
                    handed.incrementAndGet();
                }
            });
            for (final AtomicLong count : delivered)
            {
                engine.subscribeAsync(new SignalListener()
                {
                    @Override
                    public void onSignal(final SignalView signal)
                    {
                        count.incrementAndGet();
                    }

                    @Override
                    public void onRegimeChange(final RegimeChange change, final SignalView signal)
                    {
                        count.incrementAndGet();
                    }
                }, OverflowPolicy.DROP_OLDEST, 8192);
            }
            final InputPublisher publisher = engine.newPublisher();
            for (int k = 1; k <= 300; k++)
            {
                publisher.publish(new io.takerflow.engine.input.InputEvent().trade().venue(Venue.BINANCE_USDM)
                    .instrumentId(perp).exchangeTimeNs(NOW_NS).receiveTimeNs(NOW_NS).priceMantissa(100_00).priceScale(2)
                    .quantityMantissa(1).quantityScale(0).takerSide(TakerSide.BUY).tradeId(k));
            }
            signalsAfter[0] = awaitDelivered(engine, Venue.BINANCE_USDM, 300, handed, delivered);
            for (int k = 1; k <= 200; k++)
            {
                publisher.publish(new io.takerflow.engine.input.InputEvent().trade().venue(Venue.COINBASE)
                    .instrumentId(coinbase).exchangeTimeNs(NOW_NS).receiveTimeNs(NOW_NS).priceMantissa(100_10)
                    .priceScale(2).quantityMantissa(1).quantityScale(0).takerSide(TakerSide.SELL).tradeId(k));
            }
            signalsAfter[1] = awaitDelivered(engine, Venue.COINBASE, 200, handed, delivered);
            publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.COINBASE)
                .instrumentId(coinbase).feedState(FeedState.STALE).missingCount(0).receiveTimeNs(NOW_NS));
            publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.COINBASE)
                .instrumentId(coinbase).feedState(FeedState.CONNECTED).missingCount(0).receiveTimeNs(NOW_NS));
            awaitValue(engine.counters().feedStatusEvents::get, 2);
        }
        // closing drained the subscriptions before the telemetry's last interval: everything handed is recorded
        signalsAfter[2] = handed.get();
        final long binance = signalsAfter[0];
        final long fromCoinbase = signalsAfter[1] - signalsAfter[0];
        assertThat(binance).as("signals of binance trades").isGreaterThanOrEqualTo(300);
        assertThat(fromCoinbase).as("signals of coinbase trades").isGreaterThanOrEqualTo(200);
        assertThat(signalsAfter[2] - signalsAfter[1]).as("signals of feed statuses").isPositive();
        assertThat(delivered[0].get()).isEqualTo(signalsAfter[2]);
        assertThat(delivered[1].get()).isEqualTo(signalsAfter[2]);
        final List<LatencyRow> rows = started.latency().snapshot();
        final List<LatencyRow> inFile = LatencyFile.read(file);
        for (final List<LatencyRow> shown : List.of(rows, inFile))
        {
            for (final String subscriber : List.of("subscriber-0", "subscriber-1"))
            {
                assertThat(row(shown, subscriber, LatencyStage.SUBSCRIBER).total())
                    .isEqualTo(new LatencyRow.Percentiles(signalsAfter[2], 0, 0, 0, 0, 0));
                assertThat(row(shown, subscriber + "/binance-usdm", LatencyStage.SUBSCRIBER).total())
                    .isEqualTo(new LatencyRow.Percentiles(binance, 0, 0, 0, 0, 0));
                assertThat(row(shown, subscriber + "/coinbase", LatencyStage.SUBSCRIBER).total())
                    .isEqualTo(new LatencyRow.Percentiles(fromCoinbase, 0, 0, 0, 0, 0));
            }
            assertThat(shown).noneMatch(r -> r.source().contains("binance-spot"));
        }
    }

    @Test
    void aVenueClockAheadOfOursIsClampedToZeroAndCounted()
    {
        final StageRecorder recorder = new StageRecorder("okx", LatencyStage.FEED_LAG);
        recorder.record(-5);
        recorder.record(StageRecorder.HIGHEST_TRACKABLE_NS * 2);
        recorder.record(7);
        final Histogram interval = recorder.closeInterval();
        assertThat(recorder.clamped()).isEqualTo(2);
        assertThat(interval.getTotalCount()).isEqualTo(3);
        assertThat(interval.getMinValue()).isZero();
        assertThat(interval.getTag()).isEqualTo("okx.feed_lag");
    }

    /**
     * Values unit x 1..1000, each once: the p-th percentile is the ceil(p x 10)-th value, within HdrHistogram's 0.1 %.
     */
    private static void assertPercentilesOfOneToThousand(final LatencyRow.Percentiles p, final long unit)
    {
        assertThat(p.count()).isEqualTo(TRADES);
        assertThat((double)p.p50()).isCloseTo(500.0 * unit, within(0.001 * 500 * unit));
        assertThat((double)p.p90()).isCloseTo(900.0 * unit, within(0.001 * 900 * unit));
        assertThat((double)p.p99()).isCloseTo(990.0 * unit, within(0.001 * 990 * unit));
        assertThat((double)p.p999()).isCloseTo(999.0 * unit, within(0.001 * 999 * unit));
        assertThat((double)p.max()).isCloseTo(1000.0 * unit, within(0.001 * 1000 * unit));
    }

    private static LatencyRow row(final List<LatencyRow> rows, final String source, final LatencyStage stage)
    {
        return rows.stream().filter(r -> r.source().equals(source) && r.stage() == stage).findFirst()
            .orElseThrow(() -> new AssertionError("no row " + source + " " + stage + " in " + rows));
    }

    /**
     * Waits until the signal thread is done with a venue's trades (its ring-to-signal-done stage, recorded after the
     * handler and its listeners returned, counts them all) and both subscriptions delivered all they were handed.
     *
     * @return signals and regime changes handed to each subscription so far.
     */
    private static long awaitDelivered(final TakerflowEngine engine, final Venue venue, final long trades,
        final AtomicLong handed, final AtomicLong[] delivered) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline)
        {
            final long done = row(engine.latency().snapshot(), venue.id(), LatencyStage.SIGNAL).total().count();
            final long expected = handed.get();
            if (done == trades && delivered[0].get() == expected && delivered[1].get() == expected)
            {
                return expected;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("subscribers delivered " + delivered[0] + " and " + delivered[1] + " of " + handed);
    }

    private static void awaitRows(final Path file, final long count) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline)
        {
            final List<LatencyRow> rows = LatencyFile.read(file);
            if (rows.stream().anyMatch(r -> r.stage() == LatencyStage.FEED_LAG && r.total().count() == count))
            {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the latency file never showed " + count + " trades while the engine ran");
    }

    private static void awaitValue(final LongSupplier value, final long expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (value.getAsLong() < expected && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertThat(value.getAsLong()).isEqualTo(expected);
    }
}
