package io.takerflow.engine;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.ScaledDecimal;
import io.takerflow.engine.input.Venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class InstrumentCatalogTest
{
    @Test
    void looksUpSymbolBytesPerVenue()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1);
        final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1);
        for (int i = 0; i < 100; i++)
        {
            catalog.add(Venue.OKX, "COIN" + i + "-USDT-SWAP", 0.01);
        }
        final byte[] frame = "xx\"BTCUSDT\",\"COIN42-USDT-SWAP\"".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        assertThat(catalog.lookup(Venue.BINANCE_USDM, buffer, 3, 7)).isEqualTo(perp);
        assertThat(catalog.lookup(Venue.BINANCE_SPOT, buffer, 3, 7)).isEqualTo(spot);
        assertThat(catalog.lookup(Venue.COINBASE, buffer, 3, 7)).isEqualTo(-1);
        assertThat(catalog.lookup(Venue.BINANCE_USDM, buffer, 3, 6)).isEqualTo(-1);
        assertThat(catalog.get(catalog.lookup(Venue.OKX, buffer, 13, 16)).symbol()).isEqualTo("COIN42-USDT-SWAP");
        assertThat(catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1)).isEqualTo(perp);
    }

    @Test
    void scaledDecimalsPrintExactly()
    {
        assertThat(ScaledDecimal.toString(123, 5)).isEqualTo("0.00123");
        assertThat(ScaledDecimal.toString(-123, 5)).isEqualTo("-0.00123");
        assertThat(ScaledDecimal.toString(6500012, 2)).isEqualTo("65000.12");
        assertThat(ScaledDecimal.toString(100, 2)).isEqualTo("1.00");
        assertThat(ScaledDecimal.toString(42, 0)).isEqualTo("42");
        assertThat(ScaledDecimal.toDouble(6500012, 2)).isEqualTo(65000.12);
    }
}
