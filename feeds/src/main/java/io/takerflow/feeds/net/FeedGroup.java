package io.takerflow.feeds.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.EpochNanoClock;

import io.netty.channel.EventLoopGroup;
import io.takerflow.engine.EngineCounters;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.Venue;

/**
 * The live feeds of one engine: one {@link FeedConnection} per venue on a shared Netty event-loop group, each
 * with its own ring publisher and counters.
 */
public final class FeedGroup implements AutoCloseable
{
    private final EventLoopGroup group;
    private final List<FeedConnection> connections = new ArrayList<>();
    private final Map<Venue, FeedCounters> counters = new EnumMap<>(Venue.class);
    private boolean closed;

    /**
     * @param engine  the engine the feeds publish to.
     * @param feeds   one settings per venue.
     * @param threads event-loop threads (feeds are spread over them).
     * @param clock   receive-time clock, normally the engine's.
     */
    public FeedGroup(final TakerflowEngine engine, final List<FeedSettings> feeds, final int threads,
        final EpochNanoClock clock)
    {
        this.group = Transport.newGroup(threads);
        final EngineCounters engineCounters = engine.counters();
        try
        {
            for (final FeedSettings settings : feeds)
            {
                if (counters.containsKey(settings.venue()))
                {
                    throw new IllegalArgumentException("venue." + settings.venue().id() + ": configured twice");
                }
                final FeedCounters feedCounters = new FeedCounters(engineCounters, settings.venue());
                counters.put(settings.venue(), feedCounters);
                connections.add(new FeedConnection(settings, engine.config().instruments(), group.next(),
                    engine.newPublisher(), feedCounters, clock));
            }
        }
        catch (final RuntimeException ex)
        {
            group.shutdownGracefully();
            throw ex;
        }
    }

    /**
     * Connects every feed.
     *
     * @return this.
     */
    public FeedGroup start()
    {
        connections.forEach(FeedConnection::start);
        return this;
    }

    /**
     * @return the connections, in configuration order.
     */
    public List<FeedConnection> connections()
    {
        return Collections.unmodifiableList(connections);
    }

    /**
     * @param venue a configured venue.
     * @return its counters.
     */
    public FeedCounters counters(final Venue venue)
    {
        return counters.get(venue);
    }

    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        connections.forEach(FeedConnection::close);
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
