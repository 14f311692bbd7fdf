package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.input.Venue;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * {@code takerflow live} with a configuration naming every venue (fifteen feeds) against the loopback simulator:
 * they run together in one engine, one market takes flow from every derivatives and spot venue with the inverse and
 * quanto contracts configured as the README says, two markets read the premium against Binance spot (Coinbase and
 * Kraken), and {@code stat} on the run's journal shows each venue's counters with trades received.
 */
final class AllVenuesLiveTest
{
    private static final Map<Venue, String> SYMBOLS = new EnumMap<>(Venue.class);

    static
    {
        SYMBOLS.put(Venue.BINANCE_USDM, "BTCUSDT");
        SYMBOLS.put(Venue.BINANCE_SPOT, "BTCUSDT");
        SYMBOLS.put(Venue.COINBASE, "BTC-USD");
        SYMBOLS.put(Venue.COINBASE_ADVANCED, "BTC-USD");
        SYMBOLS.put(Venue.BYBIT_LINEAR, "BTCUSDT");
        SYMBOLS.put(Venue.BYBIT_SPOT, "BTCUSDT");
        SYMBOLS.put(Venue.OKX, "BTC-USDT-SWAP");
        SYMBOLS.put(Venue.DERIBIT, "BTC-PERPETUAL");
        SYMBOLS.put(Venue.BITMEX, "XBTUSD");
        SYMBOLS.put(Venue.KRAKEN_FUTURES, "PI_XBTUSD");
        SYMBOLS.put(Venue.GATE_FUTURES, "BTC_USDT");
        SYMBOLS.put(Venue.HYPERLIQUID, "BTC");
        SYMBOLS.put(Venue.BITFINEX, "BTCUSD");
        SYMBOLS.put(Venue.KRAKEN, "XBT/USD");
        SYMBOLS.put(Venue.BITSTAMP, "btcusd");
    }

    @TempDir
    Path dir;

    @Test
    void liveRunsEveryVenueTogetherAndStatShowsEachVenuesCounters() throws Exception
    {
        assertThat(SYMBOLS).as("every venue").hasSize(Venue.values().length);
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().tradesPerSecond(40)
            .build()))
        {
            final List<String> lines = new ArrayList<>();
            final List<String> flow = new ArrayList<>();
            for (final Map.Entry<Venue, String> entry : SYMBOLS.entrySet())
            {
                final String id = entry.getKey().id();
                lines.add("venue." + id + ".symbols = " + entry.getValue());
                lines.add("venue." + id + ".url = " + simulator.endpoint(entry.getKey()));
                lines.add("venue." + id + ".rest = " + simulator.restBase());
                flow.add(id + ":" + entry.getValue());
            }
            lines.add("instrument.okx.BTC-USDT-SWAP.multiplier = 0.01");
            lines.add("instrument.deribit.BTC-PERPETUAL.contractValue = 1");
            lines.add("instrument.bitmex.XBTUSD.contractValue = 1");
            lines.add("instrument.kraken-futures.PI_XBTUSD.contractValue = 1");
            lines.add("instrument.gate-futures.BTC_USDT.multiplier = 0.0001");
            lines.add("market.BTC.flow = " + String.join(", ", flow));
            lines.add("market.BTC.premium = coinbase:BTC-USD");
            lines.add("market.BTC.reference = binance-spot:BTCUSDT");
            lines.add("market.BTC_KRAKEN.flow = binance-usdm:BTCUSDT, deribit:BTC-PERPETUAL, hyperliquid:BTC");
            lines.add("market.BTC_KRAKEN.premium = kraken:XBT/USD");
            lines.add("market.BTC_KRAKEN.reference = binance-spot:BTCUSDT");
            lines.add("history.warmup = false");
            final Path config = Files.writeString(dir.resolve("all-venues.properties"), String.join("\n", lines));
            final Path journal = dir.resolve("journal");

            final TakerflowCommandTest.Result live = TakerflowCommandTest.run("live", "--config", config.toString(),
                "--journal", journal.toString(), "--seconds", "6");

            assertThat(live.code()).as(live.err()).isZero();
            assertThat(live.out()).contains("BTC  imb ").contains("BTC_KRAKEN imb ").contains("summary:")
                .doesNotContain("silent:");
            assertThat(simulator.connectionsAccepted()).as("one connection per venue").isEqualTo(SYMBOLS.size());
            final TakerflowCommandTest.Result stat = TakerflowCommandTest.run("stat", "--journal", journal.toString(),
                "--count", "1");
            assertThat(stat.code()).as(stat.err()).isZero();
            for (final Venue venue : SYMBOLS.keySet())
            {
                final Matcher trades = Pattern.compile("feed\\." + Pattern.quote(venue.id()) + "\\.trades +([\\d,]+)\n")
                    .matcher(stat.out());
                assertThat(trades.find()).as(venue.id() + " in stat:\n" + stat.out()).isTrue();
                assertThat(Long.parseLong(trades.group(1).replace(",", ""))).as(venue.id() + " trades").isPositive();
            }
        }
    }
}
