package io.takerflow.feeds.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into an address. Called on a resolver thread, never on the event loop, so a slow DNS answer
 * for one venue cannot stall another venue's reads, pongs and stale timers.
 */
@FunctionalInterface
public interface HostResolver
{
    /** The JDK's resolver (honours {@code /etc/hosts} and the JVM's DNS cache). */
    HostResolver SYSTEM = InetAddress::getByName;

    /**
     * @param host a host name or literal address.
     * @return its address.
     * @throws UnknownHostException if it cannot be resolved.
     */
    InetAddress resolve(String host) throws UnknownHostException;
}
