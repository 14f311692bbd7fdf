package io.takerflow.feeds.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * Klines warm-up against the simulator's {@code /fapi/v1/klines}, paging over more than one 1,500-bar page, with
 * the bars read independently by Jackson as the oracle.
 */
final class KlineHistoryTest
{
    @Test
    void everyClosedBarBecomesOneHistorySampleWithExactTakerBuyAndSellVolume() throws Exception
    {
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().build()))
        {
            final long hour = 3_600_000L;
            final long endMs = System.currentTimeMillis() / hour * hour;
            final long startMs = endMs - 2_000 * hour;
            final List<InputEvent> samples = new ArrayList<>();
            final InstrumentCatalog catalog = new InstrumentCatalog();
            final int id = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
            final int published;
            try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
                .market(MarketConfig.builder("BTC").flowInstruments(id).build())
                .parallelHandler((event, sequence, end) ->
                {
                    if (event.type() == EventType.HISTORY_SAMPLE)
                    {
                        samples.add(new InputEvent().copyFrom(event));
                    }
                })
                .build()))
            {
                published = new KlineHistory(simulator.restBase()).publish("BTCUSDT", "1h", startMs, endMs, id,
                    engine.newPublisher(), engine.config().clock());
            }
            assertThat(published).isEqualTo(2_000);
            assertThat(samples).hasSize(2_000);

            final List<JsonNode> oracle = new ArrayList<>();
            final ObjectMapper json = new ObjectMapper();
            for (long from = startMs; from < endMs; from += 1_000 * hour)
            {
                final String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    simulator.restBase() + "/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=1000&startTime=" + from))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
                json.readTree(body).forEach(oracle::add);
            }
            for (int i = 0; i < samples.size(); i++)
            {
                final InputEvent sample = samples.get(i);
                final JsonNode bar = oracle.get(i);
                final BigDecimal volume = new BigDecimal(bar.get(5).asText());
                final BigDecimal takerBuy = new BigDecimal(bar.get(9).asText());
                assertThat(sample.exchangeTimeNs()).isEqualTo(bar.get(0).asLong() * 1_000_000L);
                assertThat(BigDecimal.valueOf(sample.buyVolumeMantissa(), sample.buyVolumeScale()))
                    .isEqualByComparingTo(takerBuy);
                assertThat(BigDecimal.valueOf(sample.sellVolumeMantissa(), sample.sellVolumeScale()))
                    .isEqualByComparingTo(volume.subtract(takerBuy));
            }
        }
    }

    @Test
    void aRestBaseThatIsNotHttpsOrLoopbackIsRefusedNamingTheSetting()
    {
        assertThatThrownBy(() -> new KlineHistory(URI.create("http://fapi.binance.com")))
            .hasMessageContaining("history.url");
    }

    @Test
    void anErrorAnswerIsAClearIOException()
    {
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().build()))
        {
            assertThatThrownBy(() -> new KlineHistory(simulator.restBase()).publish("BTCUSDT", "7x", 0, 3_600_000L, 0,
                null, null)).isInstanceOf(IOException.class).hasMessageContaining("400");
        }
    }
}
