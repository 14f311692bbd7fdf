package io.takerflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.Venue;

/**
 * {@code wss} against the simulator serving TLS on loopback with certificates from a test CA: a certificate for
 * the host connects; a certificate for another host, or one the client does not trust, never delivers a trade.
 */
final class TlsFeedTest
{
    private static final X509Bundle CA = authority();

    @Test
    void aTrustedCertificateForTheHostConnects() throws Exception
    {
        try (LoopbackRig rig = rig(serverFor("localhost"), true))
        {
            LoopbackRig.await(Duration.ofSeconds(20), "trades over TLS", () -> rig.trades(Venue.BINANCE_USDM).size() >=
                20);
            rig.feeds.close();
            assertThat(rig.statuses(Venue.BINANCE_USDM)).extracting(LoopbackRig.Seen::state)
                .containsExactly(FeedState.CONNECTED);
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception
    {
        assertRefused(rig(serverFor("exchange.example"), true));
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception
    {
        assertRefused(rig(serverFor("localhost"), false));
    }

    private static void assertRefused(final LoopbackRig connecting) throws InterruptedException
    {
        try (LoopbackRig rig = connecting)
        {
            LoopbackRig.await(Duration.ofSeconds(20), "several refused attempts",
                () -> rig.feeds.counters(Venue.BINANCE_USDM).reconnects.get() >= 3);
            rig.feeds.close();
            assertThat(rig.trades(Venue.BINANCE_USDM)).isEmpty();
            assertThat(rig.statuses(Venue.BINANCE_USDM)).extracting(LoopbackRig.Seen::state)
                .doesNotContain(FeedState.CONNECTED);
            assertThat(rig.simulator.tradesSent()).isZero();
        }
    }

    private static LoopbackRig rig(final SslContext server, final boolean trustTestAuthority) throws Exception
    {
        return new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(200).tls(server).build(),
            List.of(Venue.BINANCE_USDM), b -> (trustTestAuthority ? b.trust(CA.toTrustManagerFactory()) : b)
                .reconnectBackoff(50, 100, TimeUnit.MILLISECONDS));
    }

    private static SslContext serverFor(final String host) throws Exception
    {
        final X509Bundle certificate = new CertificateBuilder().subject("CN=" + host).addSanDnsName(host).ecp256()
            .buildIssuedBy(CA);
        return SslContextBuilder.forServer(certificate.getKeyPair().getPrivate(), certificate.getCertificatePath())
            .build();
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
