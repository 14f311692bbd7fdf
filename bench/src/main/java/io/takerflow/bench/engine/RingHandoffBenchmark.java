package io.takerflow.bench.engine;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.lmax.disruptor.EventTranslatorOneArg;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalCounters;
import io.takerflow.engine.signal.SignalHandler;

/**
 * One producer hands trades to the signal handler on another thread: through the engine's Disruptor ring, and,
 * as the baseline, through a {@link ArrayBlockingQueue} of pooled events feeding the same handler. Throughput is
 * the producer's rate with back-pressure, so it is bounded by the consumer's full signal-state update.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingHandoffBenchmark
{
    private static final int QUEUE_CAPACITY = 1 << 14;

    /** How an event is handed to the signal thread: the Disruptor ring or a queue. */
    @Param({"disruptor", "array-blocking-queue"})
    public String handoff;

    private TakerflowEngine engine;
    private InputPublisher publisher;
    private ArrayBlockingQueue<InputEvent> queue;
    private InputEvent[] pool;
    private Thread consumer;
    private final AtomicLong consumed = new AtomicLong();
    private volatile boolean running;
    private long published;
    private int perp;
    private int coinbase;
    private int spot;

    /** Starts the engine (or the queue and its consumer). */
    @Setup(Level.Trial)
    public void setUp()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final MarketConfig market = MarketConfig.builder("BTC").flowInstruments(perp).premiumPair(coinbase, spot)
            .window(60, TimeUnit.SECONDS).bucket(1, TimeUnit.SECONDS).samplePeriod(60, TimeUnit.SECONDS)
            .minHistorySamples(10).build();
        if (handoff.equals("disruptor"))
        {
            engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(market).ringSize(QUEUE_CAPACITY)
                .waitStrategy(WaitStrategyKind.YIELDING).tickInterval(0, TimeUnit.SECONDS).build());
            publisher = engine.newPublisher();
        }
        else
        {
            final SignalHandler handler = new SignalHandler(catalog, List.of(market), SignalCounters.inMemory());
            queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
            pool = new InputEvent[QUEUE_CAPACITY * 2];
            for (int i = 0; i < pool.length; i++)
            {
                pool[i] = new InputEvent();
            }
            running = true;
            consumer = new Thread(() ->
            {
                try
                {
                    while (running || !queue.isEmpty())
                    {
                        final InputEvent event = queue.poll(10, TimeUnit.MILLISECONDS);
                        if (event != null)
                        {
                            handler.apply(event);
                            consumed.lazySet(consumed.get() + 1);
                        }
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "abq-consumer");
            consumer.start();
        }
    }

    private static final EventTranslatorOneArg<InputEvent, RingHandoffBenchmark> TRADE =
        (slot, sequence, bench) -> bench.fillTrade(slot);

    private long current;

    /**
     * One trade through the hand-off: filled by a translator on this thread, consumed on the other.
     *
     * @throws InterruptedException if interrupted while waiting for the consumer.
     */
    @Benchmark
    public void publishTrade() throws InterruptedException
    {
        current = published++;
        if (publisher != null)
        {
            publisher.publishEvent(TRADE, this);
        }
        else
        {
            final InputEvent event = pool[(int)(current & (pool.length - 1))];
            fillTrade(event);
            queue.put(event);
        }
    }

    /**
     * Writes trade number {@link #current} into a slot: the ring's translator and the queue's producer write the same.
     */
    private void fillTrade(final InputEvent slot)
    {
        final long n = current;
        final int instrument = (n & 7) == 0 ? coinbase : (n & 7) == 4 ? spot : perp;
        final long time = n * 1_000_000L;
        slot.trade().venue(Venue.BINANCE_USDM).instrumentId(instrument).exchangeTimeNs(time).receiveTimeNs(time)
            .priceMantissa(100_000_00 + (n & 15)).priceScale(2).quantityMantissa(12_345).quantityScale(4)
            .takerSide((n & 3) == 1 ? TakerSide.SELL : TakerSide.BUY).tradeId(n);
    }

    /**
     * Waits for the consumer to take every trade published in the iteration.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException
    {
        if (engine != null)
        {
            while (engine.counters().events.get() < published)
            {
                Thread.onSpinWait();
            }
        }
        else
        {
            while (consumed.get() < published)
            {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Stops the engine or the consumer.
     *
     * @throws InterruptedException if interrupted.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        if (engine != null)
        {
            engine.close();
        }
        else
        {
            running = false;
            consumer.join();
        }
    }
}
