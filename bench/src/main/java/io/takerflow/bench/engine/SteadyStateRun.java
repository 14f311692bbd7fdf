package io.takerflow.bench.engine;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.EventTranslator;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.OverflowPolicy;

/**
 * Pushes tens of millions of trades through the ring and the signal handler, with a synchronous listener and a
 * conflating asynchronous subscriber attached, and reports how many garbage collections happened after warm-up.
 * Run with GC logging to see them: {@code java @jvm.flags -Xlog:gc -cp bench/target/benchmarks.jar
 * io.takerflow.bench.engine.SteadyStateRun 50000000}.
 */
public final class SteadyStateRun
{
    private SteadyStateRun()
    {
    }

    /**
     * Runs the steady-state harness.
     *
     * @param args see the class comment.
     * @throws Exception if the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final long events = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        final long warmup = Math.min(events / 10, 5_000_000L);
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final int coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final MarketConfig market = MarketConfig.builder("BTC").flowInstruments(perp).premiumPair(coinbase, spot)
            .window(60, TimeUnit.SECONDS).bucket(1, TimeUnit.SECONDS).samplePeriod(10, TimeUnit.SECONDS)
            .minHistorySamples(10).build();
        final AtomicLong regimeSeen = new AtomicLong();
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(market)
            .tickInterval(0, TimeUnit.SECONDS).build()))
        {
            engine.signals().addListener(view -> regimeSeen.lazySet(view.regime().ordinal()));
            engine.subscribeAsync(view -> regimeSeen.lazySet(view.timeNs()), OverflowPolicy.CONFLATE, 1024);
            final InputPublisher publisher = engine.newPublisher();
            final long[] next = new long[1];
            final EventTranslator<InputEvent> trade = (slot, sequence) ->
            {
                final long n = next[0];
                final int instrument = (n & 7) == 0 ? coinbase : (n & 7) == 4 ? spot : perp;
                final long time = n * 100_000L;
                final TakerSide side = ((n >> 12) & 1) == 0 ? ((n % 3) == 0 ? TakerSide.SELL : TakerSide.BUY) :
                    ((n % 3) == 0 ? TakerSide.BUY : TakerSide.SELL);
                slot.trade().venue(Venue.BINANCE_USDM).instrumentId(instrument).exchangeTimeNs(time).receiveTimeNs(time)
                    .priceMantissa(100_000_00 + (n & 1023)).priceScale(2).quantityMantissa(1 + (n & 255))
                    .quantityScale(3).takerSide(side).tradeId(n);
            };
            long gcCountAtWarmup = 0;
            long gcTimeAtWarmup = 0;
            final long start = System.nanoTime();
            long measuredStart = start;
            for (long n = 0; n < events; n++)
            {
                if (n == warmup)
                {
                    gcCountAtWarmup = gcCount();
                    gcTimeAtWarmup = gcTime();
                    measuredStart = System.nanoTime();
                }
                next[0] = n;
                publisher.publishEvent(trade);
            }
            while (engine.counters().events.get() < events)
            {
                Thread.onSpinWait();
            }
            final long elapsed = System.nanoTime() - measuredStart;
            final long measured = events - warmup;
            System.out.printf("events: %,d (warm-up %,d), measured %,d in %.2f s = %,.0f events/s%n",
                events, warmup, measured, elapsed / 1e9, measured / (elapsed / 1e9));
            System.out.printf("GCs after warm-up: %d (%d ms total); before: %d; ring waits: %,d; subscriber drops: " +
                "%,d%n", gcCount() - gcCountAtWarmup, gcTime() - gcTimeAtWarmup, gcCountAtWarmup,
                engine.counters().ringWaits.get(), engine.counters().subscriberDrops.get());
        }
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, bean.getCollectionCount());
        }
        return count;
    }

    private static long gcTime()
    {
        long time = 0;
        for (final GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans())
        {
            time += Math.max(0, bean.getCollectionTime());
        }
        return time;
    }
}
