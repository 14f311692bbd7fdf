package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Live configuration of Hyperliquid, Bitfinex, Kraken and Bitstamp symbols, written as each venue writes them.
 */
final class MoreVenuesLiveConfigTest
{
    @Test
    void krakenPairsAreWrittenWithASlashAndOtherFormsAreRefusedNamingTheForm() throws IOException
    {
        final LiveConfig config = parse(
            "venue.kraken.symbols = xbt/usd",
            "venue.hyperliquid.symbols = BTC",
            "venue.bitfinex.symbols = BTCUSD",
            "market.BTC.flow = hyperliquid:BTC",
            "market.BTC.premium = kraken:XBT/USD",
            "market.BTC.reference = bitfinex:BTCUSD");
        assertThat(config.instruments.size()).isEqualTo(3);
        assertThatThrownBy(() -> parse("venue.kraken.symbols = XBTUSD", "market.BTC.flow = kraken:XBTUSD"))
            .hasMessageContaining("XBTUSD").hasMessageContaining("XBT/USD");
    }

    @Test
    void bitstampPairsAreLowerCaseAsInItsChannelNames() throws IOException
    {
        final LiveConfig config = parse(
            "venue.bitstamp.symbols = BTCUSD",
            "venue.hyperliquid.symbols = BTC",
            "market.BTC.flow = hyperliquid:BTC",
            "market.BTC.premium = bitstamp:btcusd",
            "market.BTC.reference = hyperliquid:BTC");
        assertThat(config.instruments.find(io.takerflow.engine.input.Venue.BITSTAMP, "btcusd")).isNotNegative();
        assertThatThrownBy(() -> parse("venue.bitstamp.symbols = BTC-USD", "market.BTC.flow = bitstamp:BTC-USD"))
            .hasMessageContaining("BTC-USD").hasMessageContaining("btcusd");
    }

    @Test
    void theReadmeExampleForTheNewVenuesIsAValidConfiguration() throws IOException
    {
        final LiveConfig config = parse(
            "venue.hyperliquid.symbols = BTC, ETH",
            "venue.bitfinex.symbols = BTCUSD",
            "venue.kraken.symbols = XBT/USD",
            "venue.bitstamp.symbols = btcusd",
            "venue.binance-usdm.symbols = BTCUSDT",
            "venue.binance-spot.symbols = BTCUSDT",
            "market.BTC.flow = binance-usdm:BTCUSDT, hyperliquid:BTC",
            "market.BTC.premium = kraken:XBT/USD",
            "market.BTC.reference = binance-spot:BTCUSDT");
        assertThat(config.instruments.size()).isEqualTo(7);
    }

    private static LiveConfig parse(final String... lines) throws IOException
    {
        final Properties properties = new Properties();
        properties.load(new StringReader(String.join("\n", lines)));
        return LiveConfig.parse(properties, "test.properties");
    }
}
