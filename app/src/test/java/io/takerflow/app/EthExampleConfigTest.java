package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.Instrument;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.signal.MarketConfig;

/**
 * The README's second example market (ETH next to BTC, and ETH against a Kraken premium) is read from the README
 * itself and must be a valid live configuration that means what the README says.
 */
final class EthExampleConfigTest
{
    @Test
    void theReadmesEthExampleIsAValidConfigurationWithTheLegsItNames() throws IOException
    {
        final Properties properties = new Properties();
        properties.load(new StringReader(readmeBlockAfter("**A second market, ETH.**")));
        final LiveConfig config = LiveConfig.parse(properties, "README.md");

        assertThat(config.markets).extracting(MarketConfig::name)
            .containsExactlyInAnyOrder("BTC", "ETH", "ETH_KRAKEN");
        final MarketConfig eth = market(config, "ETH");
        assertThat(legs(config, eth.flowInstruments())).containsExactlyInAnyOrder(
            "binance-usdm:ETHUSDT LINEAR 1.0",
            "bybit-linear:ETHUSDT LINEAR 1.0",
            "okx:ETH-USDT-SWAP LINEAR 0.1",
            "deribit:ETH-PERPETUAL INVERSE 1.0",
            "hyperliquid:ETH LINEAR 1.0");
        assertThat(legs(config, eth.premiumInstrument(), eth.referenceInstrument()))
            .containsExactly("coinbase:ETH-USD LINEAR 1.0", "binance-spot:ETHUSDT LINEAR 1.0");
        final MarketConfig kraken = market(config, "ETH_KRAKEN");
        assertThat(kraken.flowInstruments()).containsExactlyInAnyOrder(eth.flowInstruments());
        assertThat(legs(config, kraken.premiumInstrument(), kraken.referenceInstrument()))
            .containsExactly("kraken:ETH/USD LINEAR 1.0", "binance-spot:ETHUSDT LINEAR 1.0");
        final MarketConfig btc = market(config, "BTC");
        assertThat(legs(config, btc.flowInstruments()))
            .containsExactlyInAnyOrder("binance-usdm:BTCUSDT LINEAR 1.0", "okx:BTC-USDT-SWAP LINEAR 0.01");
    }

    private static MarketConfig market(final LiveConfig config, final String name)
    {
        return config.markets.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> legs(final LiveConfig config, final int... ids)
    {
        final List<String> legs = new ArrayList<>();
        for (final int id : ids)
        {
            final Instrument instrument = config.instruments.get(id);
            final SizeConvention convention = instrument.sizeConvention();
            legs.add(instrument.venue().id() + ":" + instrument.symbol() + " " + convention + " " +
                instrument.contractMultiplier());
        }
        return legs;
    }

    /**
     * @return the first {@code properties} block of the README after the line holding the marker.
     */
    private static String readmeBlockAfter(final String marker) throws IOException
    {
        Path readme = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && readme == null; d = d.getParent())
        {
            final Path candidate = d.resolve("README.md");
            readme = Files.isRegularFile(candidate) && Files.isDirectory(d.resolve("app")) ? candidate : null;
        }
        assertThat(readme).as("the project README").isNotNull();
        final String text = Files.readString(readme, StandardCharsets.UTF_8);
        final int at = text.indexOf(marker);
        assertThat(at).as("the README's marker " + marker).isNotNegative();
        final int start = text.indexOf("```properties\n", at) + "```properties\n".length();
        return text.substring(start, text.indexOf("```", start));
    }
}
