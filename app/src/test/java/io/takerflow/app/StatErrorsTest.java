package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import io.takerflow.engine.input.InputEvent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;

/**
 * {@code takerflow stat} shows the engine's distinct errors with how often each happened, from the files a running
 * engine maps into its journal directory.
 */
final class StatErrorsTest
{
    private static final int TRADES = 25;

    @TempDir
    Path journal;

    @Test
    void statListsAListenerThatThrewOnceWithHowOftenAndWhere() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(perp).build())
            .tickInterval(0, TimeUnit.MILLISECONDS)
            .countersFile(RunFiles.countersFile(journal))
            .errorLogFile(RunFiles.errorLogFile(journal))
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
            final InputPublisher publisher = engine.newPublisher();
            for (int i = 1; i <= TRADES; i++)
            {
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(perp)
                    .exchangeTimeNs(i).receiveTimeNs(i).priceMantissa(100).priceScale(0).quantityMantissa(1)
                    .quantityScale(0).takerSide(TakerSide.BUY).tradeId(i));
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (engine.counters().handlerErrors.get() < TRADES && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }

            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final int code = TakerflowCommand.execute(new String[] {"stat", "--journal", journal.toString(), "--count",
                "1"}, new PrintWriter(out), new PrintWriter(err));

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).containsPattern("handler\\.errors +" + TRADES)
                .contains("errors (distinct):")
                .containsPattern(" +" + TRADES + " x  last \\S+  strategy bug")
                .containsPattern("IllegalStateException at .*StatErrorsTest.*onSignal");
        }
    }
}
