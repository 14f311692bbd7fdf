package io.takerflow.engine;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.lmax.disruptor.EventHandler;

import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.OverflowPolicy;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;

class TakerflowEngineTest
{
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 200_000;

    private final InstrumentCatalog catalog = new InstrumentCatalog();

    private EngineConfig.Builder config()
    {
        final int[] flow = new int[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++)
        {
            flow[p] = catalog.add(Venue.BINANCE_USDM, "SYM" + p, 1.0);
        }
        return EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(flow).build())
            .ringSize(1024)
            .tickInterval(0, TimeUnit.MILLISECONDS);
    }

    /**
     * Records (instrument, trade id) of every trade in ring order, on a consumer parallel to the signal handler.
     */
    private static final class OrderRecorder implements EventHandler<InputEvent>
    {
        final long[] lastId = new long[PRODUCERS];
        final AtomicLong trades = new AtomicLong();
        volatile int violations;

        OrderRecorder()
        {
            java.util.Arrays.fill(lastId, -1);
        }

        @Override
        public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.type() == EventType.TRADE)
            {
                final int producer = event.instrumentId();
                if (event.tradeId() != lastId[producer] + 1)
                {
                    violations++;
                }
                lastId[producer] = event.tradeId();
                trades.lazySet(trades.get() + 1);
            }
        }
    }

    @Test
    void manyProducersLoseAndReorderNothingThroughASmallRing() throws Exception
    {
        final OrderRecorder recorder = new OrderRecorder();
        final AtomicLong signals = new AtomicLong();
        try (TakerflowEngine engine = TakerflowEngine.start(config()
            .parallelHandler(recorder)
            .listener(view -> signals.lazySet(signals.get() + 1))
            .build()))
        {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++)
            {
                final int producer = p;
                final InputPublisher publisher = engine.newPublisher();
                final Thread thread = new Thread(() ->
                {
                    try
                    {
                        start.await();
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                    for (long id = 0; id < PER_PRODUCER; id++)
                    {
                        publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(producer)
                            .exchangeTimeNs(id).receiveTimeNs(1_000_000L + id).priceMantissa(100).priceScale(0)
                            .quantityMantissa(1).quantityScale(0)
                            .takerSide((id & 1) == 0 ? TakerSide.BUY : TakerSide.SELL).tradeId(id));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (final Thread thread : threads)
            {
                thread.join();
            }
            engine.close();

            assertThat(recorder.trades.get()).isEqualTo((long)PRODUCERS * PER_PRODUCER);
            assertThat(recorder.violations).isZero();
            for (int p = 0; p < PRODUCERS; p++)
            {
                assertThat(recorder.lastId[p]).isEqualTo(PER_PRODUCER - 1);
            }
            assertThat(engine.counters().trades.get()).isEqualTo((long)PRODUCERS * PER_PRODUCER);
            assertThat(signals.get()).isEqualTo((long)PRODUCERS * PER_PRODUCER);
        }
    }

    @Test
    void aSlowAsyncSubscriberDropsOldestAndNeverStallsTheRing() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong lastTime = new AtomicLong();
        final long events = 50_000;
        try (TakerflowEngine engine = TakerflowEngine.start(config().build()))
        {
            engine.subscribeAsync(view ->
            {
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                delivered.incrementAndGet();
                lastTime.set(view.timeNs());
            }, OverflowPolicy.DROP_OLDEST, 64);

            final InputPublisher publisher = engine.newPublisher();
            for (long t = 1; t <= events; t++)
            {
                publisher.publishClockTick(t);
            }
            awaitValue(engine.counters().clockTicks::get, events);
            release.countDown();
            awaitValue(lastTime::get, events);
            final long drops = engine.counters().subscriberDrops.get();
            assertThat(drops).isGreaterThan(events - 200);
            assertThat(delivered.get() + drops).isEqualTo(events);
        }
    }

    @Test
    void conflatingSubscriberSeesTheLatestValue() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong lastTime = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        try (TakerflowEngine engine = TakerflowEngine.start(config().build()))
        {
            engine.subscribeAsync(new SignalListener()
            {
                @Override
                public void onSignal(final SignalView view)
                {
                    try
                    {
                        release.await();
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                    delivered.incrementAndGet();
                    lastTime.set(view.timeNs());
                }
            }, OverflowPolicy.CONFLATE, 16);
            final InputPublisher publisher = engine.newPublisher();
            for (long t = 1; t <= 10_000; t++)
            {
                publisher.publishClockTick(t);
            }
            awaitValue(engine.counters().clockTicks::get, 10_000);
            release.countDown();
            awaitValue(lastTime::get, 10_000);
            assertThat(delivered.get()).isLessThan(100);
            assertThat(engine.counters().subscriberDrops.get() + delivered.get()).isEqualTo(10_000);
        }
    }

    @Test
    void countersAreReadableFromAMappedFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("counters.dat");
        try (TakerflowEngine engine = TakerflowEngine.start(config().countersFile(file).build()))
        {
            final InputPublisher publisher = engine.newPublisher();
            publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.BINANCE_USDM)
                .instrumentId(InputEvent.ALL_INSTRUMENTS).feedState(FeedState.CONNECTED).missingCount(0)
                .receiveTimeNs(1));
            publisher.publishClockTick(2);
            awaitValue(engine.counters().events::get, 2);

            final CountersReader reader = EngineCounters.readFile(file);
            final List<String> seen = new ArrayList<>();
            reader.forEach((value, id, label) -> seen.add(label + "=" + value));
            assertThat(seen).contains("events=2", "events.feed_status=1", "events.clock_tick=1", "events.trade=0");
        }
        assertThatThrownBy(() -> EngineCounters.readFile(dir.resolve("missing.dat")))
            .hasMessageContaining("missing.dat");
    }

    @Test
    void badEngineConfigurationNamesTheSetting()
    {
        assertThatThrownBy(() -> config().ringSize(1000).build()).hasMessageContaining("ringSize");
        assertThatThrownBy(() -> EngineConfig.builder(new InstrumentCatalog()).build())
            .hasMessageContaining("instruments");
        assertThatThrownBy(() -> WaitStrategyKind.parse("spinny")).hasMessageContaining("waitStrategy");
        assertThat(WaitStrategyKind.parse("busy-spin")).isEqualTo(WaitStrategyKind.BUSY_SPIN);
        assertThatThrownBy(() -> catalog.add(Venue.OKX, "X", 0)).hasMessageContaining("contractMultiplier");
    }

    private static void awaitValue(final java.util.function.LongSupplier value, final long expected)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (value.getAsLong() < expected && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertThat(value.getAsLong()).isEqualTo(expected);
    }

    @Test
    void startReturnsOnlyOnceEveryConsumerRunsSoAnImmediateCloseStillHandsEveryEventToEveryHandler()
    {
        final java.util.concurrent.atomic.AtomicBoolean slowHandlerRunning =
            new java.util.concurrent.atomic.AtomicBoolean();
        final AtomicLong journaled = new AtomicLong();
        final AtomicLong signalled = new AtomicLong();
        final EventHandler<InputEvent> slowToStart = new EventHandler<>()
        {
            @Override
            public void onStart()
            {
                try
                {
                    Thread.sleep(300);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                slowHandlerRunning.set(true);
            }

            @Override
            public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
            {
                journaled.incrementAndGet();
            }
        };
        final InstrumentCatalog instruments = new InstrumentCatalog();
        final int perp = instruments.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(instruments)
            .market(MarketConfig.builder("BTC").flowInstruments(perp).build())
            .tickInterval(0, TimeUnit.SECONDS)
            .parallelHandler(slowToStart)
            .listener(signal -> signalled.incrementAndGet())
            .build()))
        {
            assertThat(slowHandlerRunning.get()).as("start() waited for the consumer").isTrue();
            final InputPublisher publisher = engine.newPublisher();
            for (int i = 1; i <= 3; i++)
            {
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(perp)
                    .exchangeTimeNs(i).receiveTimeNs(i).priceMantissa(100).priceScale(0).quantityMantissa(1)
                    .quantityScale(0).takerSide(TakerSide.BUY).tradeId(i));
            }
        }
        assertThat(journaled.get()).isEqualTo(3);
        assertThat(signalled.get()).isEqualTo(3);
    }
}
