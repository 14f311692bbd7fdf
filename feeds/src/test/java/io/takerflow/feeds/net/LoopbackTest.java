package io.takerflow.feeds.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.history.KlineHistory;

/**
 * Plain {@code ws://} and {@code http://} only to a literal loopback address or {@code localhost}: a DNS name that
 * merely starts with {@code 127.} is refused by the feeds and the klines client alike, naming the setting.
 */
final class LoopbackTest
{
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.10.3", "localhost", "LocalHost", "[::1]", "[0:0:0:0:0:0:0:1]", "::1"})
    void literalLoopbackAddressesAndLocalhostAreLoopback(final String host)
    {
        assertThat(Loopback.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.attacker.example", "127.0.0.1.attacker.example", "localhost.attacker.example",
        "127.example", "128.0.0.1", "10.0.0.1", "0.0.0.0", "[::2]", "[::]", "127.1", "999.0.0.1", "fapi.binance.com",
        ""})
    void anythingElseIsNot(final String host)
    {
        assertThat(Loopback.isLoopback(host)).isFalse();
    }

    @Test
    void aFeedRefusesPlainWebSocketToAHostThatOnlyLooksLikeLoopback()
    {
        assertThatThrownBy(() -> FeedSettings.builder(Venue.BINANCE_USDM, List.of("BTCUSDT"))
            .endpoint(URI.create("ws://127.attacker.example/market/stream")).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("venue.binance-usdm.url").hasMessageContaining("127.attacker.example");
        assertThatCode(() -> FeedSettings.builder(Venue.BINANCE_USDM, List.of("BTCUSDT"))
            .endpoint(URI.create("ws://127.0.0.1:9000/market/stream")).build()).doesNotThrowAnyException();
        assertThatCode(() -> FeedSettings.builder(Venue.BINANCE_USDM, List.of("BTCUSDT"))
            .endpoint(URI.create("wss://127.attacker.example/market/stream")).build()).doesNotThrowAnyException();
    }

    @Test
    void theKlinesClientRefusesPlainHttpToAHostThatOnlyLooksLikeLoopback()
    {
        assertThatThrownBy(() -> new KlineHistory(URI.create("http://127.attacker.example")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history.url");
        assertThatCode(() -> new KlineHistory(URI.create("http://[::1]:8080"))).doesNotThrowAnyException();
        assertThatCode(() -> new KlineHistory(URI.create("http://localhost:8080"))).doesNotThrowAnyException();
    }
}
