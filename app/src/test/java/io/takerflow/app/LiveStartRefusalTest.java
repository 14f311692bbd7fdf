package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code takerflow live} refuses at start, with exit code 2 and one line naming the setting, what it must never
 * connect to or subscribe: plain text to a host that only looks like loopback, and symbols the venue cannot have.
 * Each config would otherwise start (no warm-up, one second), so an accepting build fails these with exit code 0.
 */
final class LiveStartRefusalTest
{
    @TempDir
    Path dir;

    @Test
    void plainWebSocketToAHostThatOnlyLooksLikeLoopbackIsRefusedAtStart() throws Exception
    {
        assertRefused("venue.binance-usdm.url",
            "venue.binance-usdm.url = ws://127.attacker.example/market/stream");
    }

    @Test
    void plainHttpForTheKlinesToAHostThatOnlyLooksLikeLoopbackIsRefusedAtStart() throws Exception
    {
        assertRefused("history.url", "history.url = http://127.0.0.1.attacker.example");
    }

    @Test
    void aSymbolTheVenueCannotHaveIsRefusedAtStart() throws Exception
    {
        assertRefused("venue.coinbase.symbols", "venue.coinbase.symbols = BTCUSD",
            "market.BTC.premium = coinbase:BTCUSD", "market.BTC.reference = binance-usdm:BTCUSDT");
    }

    private void assertRefused(final String setting, final String... lines) throws Exception
    {
        final Path config = Files.writeString(dir.resolve("live.properties"), String.join("\n",
            "venue.binance-usdm.symbols = BTCUSDT",
            "venue.binance-usdm.url = ws://127.0.0.1:9/market/stream",
            "market.BTC.flow = binance-usdm:BTCUSDT",
            "history.warmup = false",
            String.join("\n", lines)) + "\n");
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = TakerflowCommand.execute(new String[] {"live", "--config", config.toString(), "--journal",
            dir.resolve("journal").toString(), "--seconds", "1"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(TakerflowCommand.USAGE);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains(setting);
        assertThat(Files.exists(dir.resolve("journal"))).as("nothing started").isFalse();
    }
}
