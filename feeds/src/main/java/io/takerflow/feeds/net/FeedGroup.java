package io.takerflow.feeds.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import io.netty.channel.EventLoopGroup;
import io.takerflow.engine.EngineCounters;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;

/**
 * The live feeds of one engine: one {@link FeedConnection} per venue on a shared Netty event-loop group, each
 * with its own ring publisher and counters.
 */
public final class FeedGroup implements AutoCloseable
{
    private final EventLoopGroup group;
    private final List<FeedConnection> connections = new ArrayList<>();
    private final Map<Venue, FeedCounters> counters = new EnumMap<>(Venue.class);
    private final List<InputPublisher> publishers = new ArrayList<>();
    private final ExecutorService resolvers;
    private final FeedErrors errors;
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
        this(engine, feeds, threads, clock, HostResolver.SYSTEM);
    }

    /**
     * Every feed error is counted in {@code feed.errors} and goes to the engine's error handler
     * ({@link TakerflowEngine#errors()}), which {@code takerflow stat} reads.
     *
     * @param engine   the engine the feeds publish to.
     * @param feeds    one settings per venue.
     * @param threads  event-loop threads (feeds are spread over them).
     * @param clock    receive-time clock, normally the engine's.
     * @param resolver host name resolution, run on resolver threads, never on an event loop.
     */
    public FeedGroup(final TakerflowEngine engine, final List<FeedSettings> feeds, final int threads,
        final EpochNanoClock clock, final HostResolver resolver)
    {
        this.group = Transport.newGroup(threads);
        this.resolvers = Executors.newCachedThreadPool(runnable ->
        {
            final Thread thread = new Thread(runnable, "takerflow-resolver");
            thread.setDaemon(true);
            return thread;
        });
        final EngineCounters engineCounters = engine.counters();
        final AtomicCounter errorCount = engineCounters.allocate("feed.errors");
        this.errors = new FeedErrors(errorCount, engine.errors());
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
                final InputPublisher publisher = engine.newPublisher();
                publishers.add(publisher);
                connections.add(new FeedConnection(settings, engine.config().instruments(), group.next(),
                    publisher, feedCounters, clock, errors, resolver, resolvers));
            }
        }
        catch (final RuntimeException ex)
        {
            group.shutdownGracefully();
            resolvers.shutdownNow();
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

    /**
     * @return the feeds' error handler: counted, and kept in the engine's distinct error log.
     */
    public FeedErrors errors()
    {
        return errors;
    }

    /**
     * Closes every feed. A feed thread waiting for a full ring (a stopped or stuck consumer) is released first, so
     * this always returns.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        publishers.forEach(InputPublisher::stop);
        connections.forEach(FeedConnection::close);
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        resolvers.shutdownNow();
    }
}
