package io.takerflow.feeds.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.history.KlineHistory;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * {@code feeds.trustStore} adds trust: the combined trust accepts a certificate from a private test CA and still
 * holds every one of the JDK's default trust anchors; the klines REST client uses it for https.
 */
final class AdditionalTrustTest
{
    private static final X509Bundle CA = authority();

    @Test
    void aPrivateAuthorityIsTrustedAndTheJdkDefaultAnchorsStayTrusted() throws Exception
    {
        final X509TrustManager combined = x509(AdditionalTrust.withJdkDefaults(CA.toTrustManagerFactory()));
        final X509Certificate[] leaf = leafFor("localhost").getCertificatePath();

        assertThatCode(() -> combined.checkServerTrusted(leaf, "ECDHE_ECDSA")).doesNotThrowAnyException();
        final TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore)null);
        final X509Certificate[] jdkAnchors = x509(jdk).getAcceptedIssuers();
        assertThat(jdkAnchors).as("the JDK ships default trust anchors").isNotEmpty();
        assertThat(Arrays.asList(combined.getAcceptedIssuers())).containsAll(Arrays.asList(jdkAnchors))
            .contains(CA.getCertificate());
        assertThatThrownBy(() -> x509(jdk).checkServerTrusted(leaf, "ECDHE_ECDSA"))
            .as("the JDK alone does not trust the private CA").isInstanceOf(CertificateException.class);
    }

    @Test
    void theKlinesClientUsesTheAddedTrustForHttps() throws Exception
    {
        final X509Bundle server = leafFor("localhost");
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().tls(SslContextBuilder
            .forServer(server.getKeyPair().getPrivate(), server.getCertificatePath()).build()).build()))
        {
            final URI https = URI.create("https://localhost:" + simulator.port());
            final InstrumentCatalog catalog = new InstrumentCatalog();
            final int id = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
            final long hour = 3_600_000L;
            final long endMs = System.currentTimeMillis() / hour * hour;
            try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
                .market(MarketConfig.builder("BTC").flowInstruments(id).build()).build()))
            {
                assertThat(new KlineHistory(https, CA.toTrustManagerFactory()).publish("BTCUSDT", "1h",
                    endMs - 24 * hour, endMs, id, engine.newPublisher(), engine.config().clock())).isEqualTo(24);
                assertThatThrownBy(() -> new KlineHistory(https).publish("BTCUSDT", "1h", endMs - 24 * hour, endMs, id,
                    engine.newPublisher(), engine.config().clock())).isInstanceOf(IOException.class);
            }
        }
    }

    private static X509TrustManager x509(final TrustManagerFactory factory)
    {
        return (X509TrustManager)List.of(factory.getTrustManagers()).stream()
            .filter(m -> m instanceof X509TrustManager).findFirst().orElseThrow();
    }

    private static X509Bundle leafFor(final String host) throws Exception
    {
        return new CertificateBuilder().subject("CN=" + host).addSanDnsName(host).ecp256().buildIssuedBy(CA);
    }

    private static X509Bundle authority()
    {
        try
        {
            return new CertificateBuilder().subject("CN=takerflow test CA").setIsCertificateAuthority(true).ecp256()
                .buildSelfSigned();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
