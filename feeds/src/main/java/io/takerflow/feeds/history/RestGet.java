package io.takerflow.feeds.history;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.TrustManagerFactory;

import io.takerflow.feeds.net.AdditionalTrust;

/**
 * One blocking HTTPS GET client for the history readers ({@link KlineHistory}, {@link AggTradeBars}), which run
 * before the feeds start, never on an event loop: a 10 s connect and 30 s answer timeout, the JDK's trust anchors
 * plus {@code feeds.trustStore}, and any answer but 200 an {@link IOException} carrying the start of the body.
 */
final class RestGet
{
    private final HttpClient client;

    RestGet(final TrustManagerFactory trust)
    {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .sslContext(AdditionalTrust.sslContext(AdditionalTrust.withJdkDefaults(trust))).build();
    }

    byte[] get(final URI uri) throws IOException
    {
        try
        {
            final HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200)
            {
                throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " +
                    sample(response.body()));
            }
            return response.body();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, ex);
        }
    }

    static String sample(final byte[] body)
    {
        return new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
    }
}
