package io.takerflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import io.takerflow.engine.input.InputEvent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.OverflowPolicy;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;

/**
 * Every error of a run goes to the engine's one error handler: counted, kept once per distinct error with how often
 * it happened, in the file {@code takerflow stat} reads, and never printed by the engine.
 */
final class EngineErrorsTest
{
    private static final int TRADES = 100;

    @TempDir
    Path dir;

    @Test
    void throwingListenersAndHandlersAreCountedAndLoggedDistinctlyInTheFileAndNothingIsPrinted() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final Path errorLog = dir.resolve("errors.dat");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream stderr = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(perp).build())
            .tickInterval(0, TimeUnit.MILLISECONDS)
            .errorLogFile(errorLog)
            .parallelHandler((event, sequence, endOfBatch) ->
            {
                if (event.type() == EventType.TRADE)
                {
                    throw new IllegalArgumentException("handler bug");
                }
            })
            .listener(new SignalListener()
            {
                @Override
                public void onSignal(final SignalView signal)
                {
                    throw new IllegalStateException("strategy bug");
                }
            })
            .build()))
        {
            engine.subscribeAsync(signal ->
            {
                throw new UnsupportedOperationException("slow strategy bug");
            }, OverflowPolicy.DROP_OLDEST, 4 * TRADES);
            final InputPublisher publisher = engine.newPublisher();
            for (int i = 1; i <= TRADES; i++)
            {
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(perp)
                    .exchangeTimeNs(i).receiveTimeNs(i).priceMantissa(100).priceScale(0).quantityMantissa(1)
                    .quantityScale(0).takerSide(TakerSide.BUY).tradeId(i));
            }
            // each trade: one signal to the listener, one to the subscription, one event to the handler
            awaitAtLeast(engine.counters().handlerErrors::get, 3 * TRADES);
            assertThat(engine.counters().handlerErrors.get()).isEqualTo(3 * TRADES);
            assertThat(engine.counters().errors.get()).isEqualTo(3 * TRADES);
            assertThat(engine.counters().errorsUnlogged.get()).isZero();

            final List<String> distinct = new ArrayList<>();
            final int read = EngineErrors.readFile(errorLog, (count, first, last, text) ->
                distinct.add(count + " x " + text.lines().findFirst().orElse("")));
            assertThat(read).isEqualTo(3);
            assertThat(distinct).containsExactlyInAnyOrder(
                TRADES + " x java.lang.IllegalArgumentException: handler bug",
                TRADES + " x java.lang.IllegalStateException: strategy bug",
                TRADES + " x java.lang.UnsupportedOperationException: slow strategy bug");
        }
        finally
        {
            System.setErr(stderr);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("the engine prints nothing").isEmpty();
    }

    @Test
    void theEnginesOwnThreadsRunAsAgentsUnderAnAgentRunnerAndStopWithTheEngine() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final List<String> names = List.of("takerflow-ticker", "takerflow-latency", "takerflow-subscriber-0");
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(perp).build())
            .tickInterval(10, TimeUnit.MILLISECONDS)
            .build()))
        {
            engine.subscribeAsync(signal -> {}, OverflowPolicy.CONFLATE, 16);
            awaitAtLeast(engine.counters().clockTicks::get, 3);
            for (final String name : names)
            {
                final Thread thread = thread(name);
                assertThat(thread).as(name).isNotNull();
                assertThat(thread.getStackTrace()).as(name + " runs an AgentRunner")
                    .anyMatch(frame -> frame.getClassName().equals("org.agrona.concurrent.AgentRunner"));
            }
        }
        for (final String name : names)
        {
            final Thread thread = thread(name);
            assertThat(thread == null || !thread.isAlive()).as(name + " stopped with the engine").isTrue();
        }
    }

    private static Thread thread(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
            .orElse(null);
    }

    @Test
    void aSummaryIsTheMessageOfAnErrorWithoutItsClass()
    {
        assertThat(EngineErrors.summary("java.lang.IllegalStateException: strategy bug\n\tat X.y(X.java:1)\n"))
            .isEqualTo("strategy bug");
        assertThat(EngineErrors.summary("java.lang.NullPointerException\n\tat X.y(X.java:1)\n"))
            .isEqualTo("java.lang.NullPointerException");
    }

    private static void awaitAtLeast(final LongSupplier value, final long wanted) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (value.getAsLong() < wanted && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
    }
}
