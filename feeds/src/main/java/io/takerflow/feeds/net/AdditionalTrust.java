package io.takerflow.feeds.net;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Extra certificate authorities (a private CA, a TLS-inspecting proxy) trusted <em>in addition to</em> the JDK's
 * default trust anchors, never instead of them: {@code feeds.trustStore} adds trust, so a venue with a public
 * certificate still connects when a store is configured. One combined trust is used by the WebSocket feeds and by
 * the REST clients (klines); hostnames are verified by each client either way.
 */
public final class AdditionalTrust
{
    private AdditionalTrust()
    {
    }

    /**
     * @param extra trust to add, e.g. a factory initialised from a private CA's store; null for none.
     * @return a factory trusting the JDK's default anchors and every anchor of {@code extra}, or null if
     * {@code extra} is null (the JDK default is then used as is).
     * @throws IllegalStateException if the JDK's default trust cannot be read.
     */
    public static TrustManagerFactory withJdkDefaults(final TrustManagerFactory extra)
    {
        if (extra == null)
        {
            return null;
        }
        try
        {
            final TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore)null);
            final Set<X509Certificate> anchors = new LinkedHashSet<>();
            addAnchors(jdk, anchors);
            addAnchors(extra, anchors);
            final KeyStore combined = KeyStore.getInstance("PKCS12");
            combined.load(null, null);
            int alias = 0;
            for (final X509Certificate anchor : anchors)
            {
                combined.setCertificateEntry("anchor-" + alias++, anchor);
            }
            final TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(combined);
            return factory;
        }
        catch (final GeneralSecurityException | java.io.IOException ex)
        {
            throw new IllegalStateException("feeds.trustStore: cannot combine with the JDK's default trust: " + ex, ex);
        }
    }

    /**
     * @param trust trust for an HTTPS client, null for the JDK default.
     * @return a TLS context using it, for {@code java.net.http.HttpClient.Builder.sslContext}.
     * @throws IllegalStateException if TLS cannot be set up.
     */
    public static SSLContext sslContext(final TrustManagerFactory trust)
    {
        try
        {
            if (trust == null)
            {
                return SSLContext.getDefault();
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("TLS cannot be set up: " + ex, ex);
        }
    }

    private static void addAnchors(final TrustManagerFactory factory, final Set<X509Certificate> anchors)
    {
        for (final TrustManager manager : factory.getTrustManagers())
        {
            if (manager instanceof X509TrustManager)
            {
                for (final X509Certificate anchor : ((X509TrustManager)manager).getAcceptedIssuers())
                {
                    anchors.add(anchor);
                }
            }
        }
    }
}
