package io.takerflow.feeds.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for plain-text connections: {@code ws://} and {@code http://} are allowed only to a literal loopback
 * address ({@code 127.0.0.0/8}, {@code ::1}) or {@code localhost}, so market data and REST answers can never be read
 * or altered on a network. Every feed, the klines client and every REST client check their URLs here.
 * <p>
 * The host is judged by its text, never resolved: {@code 127.attacker.example} is a DNS name, not a loopback
 * address, and is refused without a DNS query.
 */
public final class Loopback
{
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private Loopback()
    {
    }

    /**
     * @param host a URL's host as {@link URI#getHost()} gives it (IPv6 literals in brackets).
     * @return true only for {@code localhost}, a dotted-quad IPv4 literal in {@code 127.0.0.0/8} or an IPv6 literal
     * equal to {@code ::1}.
     */
    public static boolean isLoopback(final String host)
    {
        if (host == null || host.isEmpty())
        {
            return false;
        }
        if (host.toLowerCase(Locale.ROOT).equals("localhost"))
        {
            return true;
        }
        final String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        final boolean ipv4 = IPV4_LITERAL.matcher(literal).matches();
        final boolean ipv6 = literal.indexOf(':') >= 0 && literal.chars().allMatch(c -> c == ':' || c == '.' ||
            Character.digit(c, 16) >= 0);
        if (!ipv4 && !ipv6)
        {
            return false;
        }
        try
        {
            // a literal: InetAddress parses it without any lookup
            return InetAddress.getByName(literal).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    /**
     * Refuses a plain-text URL to anything but loopback.
     *
     * @param setting the configuration key the URL came from, named in the message.
     * @param url     the URL; {@code wss}, {@code https} and any other scheme pass unchecked here.
     * @throws IllegalArgumentException naming the setting if {@code url} is {@code ws://} or {@code http://} to a
     *                                  host that is not a literal loopback address.
     */
    public static void checkPlaintext(final String setting, final URI url)
    {
        final String refusal = plaintextRefusal(url);
        if (refusal != null)
        {
            throw new IllegalArgumentException(setting + ": " + refusal);
        }
    }

    /**
     * @param url a URL.
     * @return why it is refused ({@code ws://} or {@code http://} to a host that is not a literal loopback address),
     * or null if it is allowed.
     */
    public static String plaintextRefusal(final URI url)
    {
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("ws") || scheme.equals("http")) && !isLoopback(url.getHost()))
        {
            return "plain " + scheme + ":// is allowed only to a loopback address (127.0.0.0/8, ::1, localhost), not " +
                url.getHost() + "; use " + scheme + "s://";
        }
        return null;
    }
}
