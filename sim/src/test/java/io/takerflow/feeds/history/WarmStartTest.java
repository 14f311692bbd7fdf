package io.takerflow.feeds.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalFlags;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * Warm start against the simulator's REST klines (Binance USD-M {@code /fapi/v1/klines} and spot
 * {@code /api/v3/klines}): the flow window holds exactly the bars a brute force over the same klines read by Jackson
 * puts there, a market whose legs all have klines is not WARMING_UP after its first live trade, one with an OKX leg is
 * and names it, and the Z-score history holds one sample per period with both legs summed.
 */
final class WarmStartTest
{
    private static final long MINUTE_MS = 60_000L;

    @Test
    void theWindowAndTheHistoryAreFilledFromEveryLegWithKlines() throws Exception
    {
        final long intoMinute = System.currentTimeMillis() % MINUTE_MS;
        if (intoMinute > 50_000)
        {
            Thread.sleep(MINUTE_MS - intoMinute + 200); // not a timing assertion: keeps the run inside one minute
        }
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().seed(11).build()))
        {
            final InstrumentCatalog catalog = new InstrumentCatalog();
            final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
            final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
            final int swap = catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
            final MarketConfig binance = MarketConfig.builder("BINANCE").flowInstruments(perp, spot)
                .window(5, TimeUnit.MINUTES).bucket(1, TimeUnit.MINUTES).samplePeriod(1, TimeUnit.MINUTES)
                .historyCapacity(100).minHistorySamples(10).minWindowTrades(1).build();
            final MarketConfig withOkx = MarketConfig.builder("ALL").flowInstruments(perp, spot, swap)
                .window(5, TimeUnit.MINUTES).bucket(1, TimeUnit.MINUTES).samplePeriod(1, TimeUnit.MINUTES)
                .historyCapacity(100).minHistorySamples(10).minWindowTrades(1).build();
            final List<InputEvent> windowSamples = new CopyOnWriteArrayList<>();
            final List<InputEvent> historySamples = new CopyOnWriteArrayList<>();
            final SignalSnapshot[] latest = {new SignalSnapshot(), new SignalSnapshot()};
            final int[] warmingLeg = new int[2];
            final WarmStart warmStart = new WarmStart(catalog, List.of(binance, withOkx), venue -> simulator.restBase(),
                null, false);
            try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(binance)
                .market(withOkx).tickInterval(0, TimeUnit.MILLISECONDS).waitStrategy(WaitStrategyKind.BLOCKING)
                .parallelHandler((event, sequence, end) ->
                {
                    if (event.type() == EventType.WINDOW_SAMPLE)
                    {
                        windowSamples.add(new InputEvent().copyFrom(event));
                    }
                    else if (event.type() == EventType.HISTORY_SAMPLE)
                    {
                        historySamples.add(new InputEvent().copyFrom(event));
                    }
                })
                .listener(view ->
                {
                    synchronized (latest)
                    {
                        latest[view.marketIndex()].copyFrom(view);
                        warmingLeg[view.marketIndex()] = view.warmingUpInstrument();
                    }
                })
                .build()))
            {
                final InputPublisher publisher = engine.newPublisher();
                final int history = warmStart.seedHistory("1m", MINUTE_MS, 30, publisher, engine.config().clock());
                final int bars = warmStart.fillWindows(publisher, engine.config().clock());
                assertThat(warmStart.fillWindows(publisher, engine.config().clock()))
                    .as("a top-up in the same minute has no new bar, and sends none twice").isZero();
                final long now = engine.config().clock().nanoTime();
                publisher.publish(new io.takerflow.engine.input.InputEvent().trade().venue(Venue.BINANCE_USDM)
                    .instrumentId(perp).exchangeTimeNs(now).receiveTimeNs(now).priceMantissa(6_500_000).priceScale(2)
                    .quantityMantissa(1).quantityScale(3).takerSide(TakerSide.BUY).tradeId(1));
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (engine.counters().events.get() < history + bars + 1 && System.nanoTime() < deadline)
                {
                    Thread.sleep(10);
                }
                assertThat(engine.counters().events.get()).isEqualTo(history + bars + 1);
                assertThat(warmStart.report()).anySatisfy(line -> assertThat(line).contains("okx:BTC-USDT-SWAP"));

                // the oracle: the same klines read by Jackson, summed by hand over the window's buckets
                final long firstOpen = windowSamples.get(0).exchangeTimeNs() / 1_000_000L;
                final Map<Long, JsonNode> usdm = bars(simulator.restBase() + "/fapi/v1/klines", firstOpen);
                final Map<Long, JsonNode> spotBars = bars(simulator.restBase() + "/api/v3/klines", firstOpen);
                assertThat(windowSamples).hasSize(10);
                final long nowBucket = Math.floorDiv(now, MINUTE_MS * 1_000_000L);
                BigDecimal buy = new BigDecimal("0.001");   // the live buy of 1 x 10^-3
                BigDecimal sell = BigDecimal.ZERO;
                long trades = 1;
                int inWindow = 0;
                for (final InputEvent sample : windowSamples)
                {
                    final long openMs = sample.exchangeTimeNs() / 1_000_000L;
                    final JsonNode bar = (sample.venue() == Venue.BINANCE_USDM ? usdm : spotBars).get(openMs);
                    assertThat(bar).as("bar %d of %s", openMs, sample.venue()).isNotNull();
                    final BigDecimal takerBuy = new BigDecimal(bar.get(9).asText());
                    final BigDecimal takerSell = new BigDecimal(bar.get(5).asText()).subtract(takerBuy);
                    assertThat(BigDecimal.valueOf(sample.buyVolumeMantissa(), sample.buyVolumeScale()))
                        .isEqualByComparingTo(takerBuy);
                    assertThat(BigDecimal.valueOf(sample.sellVolumeMantissa(), sample.sellVolumeScale()))
                        .isEqualByComparingTo(takerSell);
                    assertThat(sample.sampleTrades()).isEqualTo(bar.get(8).asLong());
                    if (nowBucket - openMs / MINUTE_MS < 5)
                    {
                        buy = buy.add(takerBuy);
                        sell = sell.add(takerSell);
                        trades += bar.get(8).asLong();
                        inWindow++;
                    }
                }
                assertThat(inWindow).as("4 closed minutes of each leg are in a 5-minute window").isEqualTo(8);
                synchronized (latest)
                {
                    for (final SignalSnapshot market : latest)
                    {
                        assertThat(market.buyVolume()).isCloseTo(buy.doubleValue(), org.assertj.core.data.Offset
                            .offset(1e-9));
                        assertThat(market.sellVolume()).isCloseTo(sell.doubleValue(), org.assertj.core.data.Offset
                            .offset(1e-9));
                        assertThat(market.windowTrades()).isEqualTo(trades);
                    }
                    assertThat(latest[0].flags() & SignalFlags.WARMING_UP).as("both legs warmed").isZero();
                    assertThat(warmingLeg[0]).isEqualTo(-1);
                    assertThat(latest[1].flags() & SignalFlags.WARMING_UP).as("OKX has no klines").isNotZero();
                    assertThat(warmingLeg[1]).isEqualTo(swap);

                    // history: 30 periods from each leg, every period's two legs next to each other, summed into one
                    assertThat(historySamples).hasSize(60);
                    for (int i = 0; i < 60; i += 2)
                    {
                        assertThat(historySamples.get(i).exchangeTimeNs())
                            .isEqualTo(historySamples.get(i + 1).exchangeTimeNs());
                        assertThat(historySamples.get(i).instrumentId()).isEqualTo(perp);
                        assertThat(historySamples.get(i + 1).instrumentId()).isEqualTo(spot);
                    }
                    assertThat(latest[0].historySamples()).isEqualTo(30);
                    assertThat(latest[1].historySamples()).isEqualTo(30);
                }
            }
        }
    }

    private static Map<Long, JsonNode> bars(final String url, final long fromMs) throws Exception
    {
        final String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            url + "?symbol=BTCUSDT&interval=1m&limit=100&startTime=" + fromMs)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        final Map<Long, JsonNode> byOpen = new HashMap<>();
        final List<JsonNode> all = new ArrayList<>();
        new ObjectMapper().readTree(body).forEach(all::add);
        for (final JsonNode bar : all)
        {
            byOpen.put(bar.get(0).asLong(), bar);
        }
        return byOpen;
    }
}
