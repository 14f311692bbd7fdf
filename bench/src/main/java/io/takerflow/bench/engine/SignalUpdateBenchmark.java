package io.takerflow.bench.engine;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.latency.LatencyTelemetry;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalCounters;
import io.takerflow.engine.signal.SignalHandler;
import io.takerflow.engine.signal.SignalView;

/**
 * The signal handler's per-event work (flow window, period sample, Z-score, premium, classifier and one
 * listener call) on a realistic mix of trades from four instruments. Time advances ~1 ms per event so buckets
 * and sample periods roll over during the run, which is where the exact re-sums happen.
 * <p>
 * {@link #applyOneEventWithLatency()} is the same work as the engine's ring does it with latency telemetry on: the
 * publisher's clock read, the handler, a second clock read and three histogram records (its agent swaps intervals
 * every second meanwhile), so the difference to {@link #applyOneEvent()} is what always-on telemetry costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignalUpdateBenchmark
{
    private static final int EVENTS = 1 << 12;

    private final InputEvent[] events = new InputEvent[EVENTS];
    private SignalHandler handler;
    private Blackhole sink;
    private int next;
    private long timeOffset;
    private final InputEvent shifted = new InputEvent();
    private final org.agrona.concurrent.EpochNanoClock clock = new org.agrona.concurrent.OffsetEpochNanoClock();
    private LatencyTelemetry latency;

    /**
     * Builds the handler and a cycle of trades across four instruments.
     *
     * @param blackhole sinks the signals.
     */
    @Setup
    public void setUp(final Blackhole blackhole)
    {
        sink = blackhole;
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final int swap = catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
        final int coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final MarketConfig market = MarketConfig.builder("BTC")
            .flowInstruments(perp, swap)
            .premiumPair(coinbase, spot)
            .window(60, TimeUnit.SECONDS)
            .bucket(1, TimeUnit.SECONDS)
            .samplePeriod(60, TimeUnit.SECONDS)
            .historyCapacity(2160)
            .minHistorySamples(10)
            .build();
        handler = new SignalHandler(catalog, List.of(market), SignalCounters.inMemory());
        handler.addListener(this::onSignal);
        latency = new LatencyTelemetry(List.of(Venue.BINANCE_USDM, Venue.OKX, Venue.COINBASE, Venue.BINANCE_SPOT), null,
            null, LatencyTelemetry.DEFAULT_INTERVAL_NS);
        final SplittableRandom random = new SplittableRandom(1);
        final int[] instruments = {perp, perp, perp, swap, coinbase, spot};
        for (int i = 0; i < EVENTS; i++)
        {
            final int instrument = instruments[random.nextInt(instruments.length)];
            final long time = i * 1_000_000L;
            events[i] = new InputEvent().trade().venue(catalog.get(instrument).venue()).instrumentId(instrument)
                .exchangeTimeNs(time).receiveTimeNs(time).priceMantissa(100_000_00 + random.nextInt(-5000, 5000))
                .priceScale(2).quantityMantissa(random.nextLong(1, 100_000)).quantityScale(4)
                .takerSide(random.nextBoolean() ? TakerSide.BUY : TakerSide.SELL).tradeId(i);
        }
    }

    /** Closes the latency telemetry. */
    @TearDown
    public void tearDown()
    {
        latency.close();
    }

    private void onSignal(final SignalView view)
    {
        sink.consume(view.regime());
    }

    /** Applies one event to the signal handler. */
    @Benchmark
    public void applyOneEvent()
    {
        final InputEvent source = events[next];
        shifted.copyFrom(source);
        if (++next == EVENTS)
        {
            next = 0;
            timeOffset += EVENTS * 1_000_000L;
        }
        handler.apply(shifted.copyFrom(source).exchangeTimeNs(source.exchangeTimeNs() + timeOffset)
            .receiveTimeNs(source.receiveTimeNs() + timeOffset));
    }

    /** Applies one event and records its latency stages. */
    @Benchmark
    public void applyOneEventWithLatency()
    {
        final long publishedNs = clock.nanoTime();
        applyOneEvent();
        latency.recordTrade(shifted.venue(), publishedNs - 2_000_000, publishedNs - 20_000, publishedNs,
            clock.nanoTime());
    }

    /**
     * The telemetry's share alone: two clock reads and the three records, without the signal handler.
     */
    @Benchmark
    public void latencyRecordingOnly()
    {
        final long publishedNs = clock.nanoTime();
        latency.recordTrade(Venue.BINANCE_USDM, publishedNs - 2_000_000, publishedNs - 20_000, publishedNs,
            clock.nanoTime());
    }
}
