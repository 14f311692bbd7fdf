package io.takerflow.engine.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.EngineConfig;
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
 * The library example from the README, kept compiling and running here.
 */
class ReadmeExampleTest
{
    @Test
    void readmeExampleRuns() throws Exception
    {
        final List<String> seen = new ArrayList<>();
        final TakerflowEngine[] started = new TakerflowEngine[1];
        // README example begins
        InstrumentCatalog instruments = new InstrumentCatalog();
        int perp = instruments.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        int coinbase = instruments.add(Venue.COINBASE, "BTC-USD", 1.0);
        int spot = instruments.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);

        EngineConfig config = EngineConfig.builder(instruments)
            .market(MarketConfig.builder("BTC")
                .flowInstruments(perp)
                .premiumPair(coinbase, spot)
                .window(1, TimeUnit.HOURS)
                .build())
            .build();

        try (TakerflowEngine engine = TakerflowEngine.start(config))
        {
            started[0] = engine;
            engine.signals().addListener(new SignalListener()
            {
                @Override
                public void onSignal(SignalView s)    // signal thread: must not block
                {
                    if (s.zScore() < -1.5) { /* lean against rebounds */ }
                }

                @Override
                public void onRegimeChange(RegimeChange change, SignalView s)
                {
                    seen.add(s.market() + " " + change);   // e.g. "BTC NEUTRAL -> RISK_OFF (...)"
                }
            });
            engine.subscribeAsync(s -> { /* slow strategy, own thread */ }, OverflowPolicy.CONFLATE, 1024);

            InputPublisher feed = engine.newPublisher();   // one per producer thread
            long now = System.currentTimeMillis() * 1_000_000L;
            feed.publishEvent((slot, sequence) -> slot.trade()
                .venue(Venue.BINANCE_USDM).instrumentId(perp)
                .exchangeTimeNs(now).receiveTimeNs(now)
                .priceMantissa(9_512_340).priceScale(2)         // 95,123.40
                .quantityMantissa(15).quantityScale(3)          // 0.015
                .takerSide(TakerSide.SELL).tradeId(1L));
        }
        // README example ends
        assertThat(seen).as("one trade cannot change the regime").isEmpty();
        assertThat(started[0].counters().trades.get()).as("close() drains the ring").isEqualTo(1);
    }
}
