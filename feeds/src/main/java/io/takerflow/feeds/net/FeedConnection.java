package io.takerflow.feeds.net;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.takerflow.engine.EngineErrors;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.VenueProtocol;
import io.takerflow.feeds.venues.VenueProtocols;

/**
 * One venue's live feed as an explicit state machine ({@link State}, changed only by {@link #transition}): a
 * Netty WebSocket client that decodes trade frames onto the engine's ring and keeps itself connected.
 * <ul>
 *     <li>CONNECTED is published when the venue acknowledges the subscription or the first market data arrives,
 *     never at the WebSocket handshake;</li>
 *     <li>STALE when market data stops for the stale limit: trades, or a venue heartbeat that proves the
 *     subscription alive (Coinbase {@code last_trade_id}); pongs and other keep-alives do not count;</li>
 *     <li>REJECTED when the venue refuses the subscription (its message is logged once), DISCONNECTED while
 *     reconnecting, GAP (from the {@link TradeGate}) when trades are known or suspected missing;</li>
 *     <li>make-before-break switches (the venue's lifetime, {@code serverShutdown}, OKX notice 64008) hand over to
 *     the new connection only once it has data, never lose or double a trade where ids make it knowable, publish
 *     CONNECTED again when the new connection takes over a feed that was unhealthy, and are retried with backoff
 *     when the new connection fails;</li>
 *     <li>a failed connect says why (DNS, refused, TLS, HTTP status with the exchange's body, timeout), once per
 *     change, with the host and the next retry time, through the {@link FeedErrors} handler; HTTP 429/418 waits
 *     for the venue's {@code Retry-After}.</li>
 * </ul>
 * Host names are resolved on a resolver thread, never on the event loop. Everything else runs on one event-loop
 * thread, which is also this feed's ring producer. The venue's facts come from its {@link VenueProtocol}.
 */
public final class FeedConnection implements AutoCloseable
{
    /**
     * The connection's lifecycle. Allowed transitions are listed by {@link #allowed(State, State)}.
     */
    public enum State
    {
        /** Built, not started. */
        IDLE,
        /** Resolving, connecting, TLS and WebSocket handshakes. */
        CONNECTING,
        /** WebSocket open and subscription sent; waiting for the acknowledgement or the first data. */
        SUBSCRIBING,
        /** Subscribed and receiving: the feed is CONNECTED. */
        LIVE,
        /** LIVE, with a new connection being brought up to replace the current one (make-before-break). */
        ROTATING,
        /** Waiting to reconnect after a failure, a refusal or a stale connection. */
        BACKING_OFF,
        /** Closed for good. */
        CLOSED
    }

    private static final long STABLE_AFTER_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long OVERLAP_CHECK_MS = 10;

    private final FeedSettings settings;
    private final VenueProtocol protocol;
    private final EventLoop loop;
    private final InputPublisher publisher;
    /** Filled and copied onto the ring, under its own lock, for each feed status this publishes (rare). */
    private final InputEvent status = new InputEvent();
    private final EpochNanoClock clock;
    private final FeedCounters counters;
    private final FeedErrors errors;
    private final HostResolver resolver;
    private final Executor resolverExecutor;
    private final InstrumentCatalog instruments;
    private final TradeGate gate;
    private final Backfill backfill;
    private final int[] instrumentIds;
    private final URI uri;
    private final int port;
    private final SslContext sslContext;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(1 << 16);
    private final List<State> history = Collections.synchronizedList(new ArrayList<>());

    private volatile State state = State.IDLE;
    private FeedState published;
    private long nextGeneration = 1;
    private Link primary;
    private Link successor;
    private long backoffNs;
    private long rotationBackoffNs;
    private ScheduledFuture<?> reconnectTask;
    private ScheduledFuture<?> rotationTask;
    private ScheduledFuture<?> overlapTask;
    private volatile String lastFailure;
    private long lastMalformedLogNs = Long.MIN_VALUE;
    private long malformedSinceLog;

    /**
     * A feed that keeps its errors in a distinct error log of its own, in memory, and resolves hosts on a thread of
     * its own (tests; an engine's feeds run in a {@link FeedGroup}, which reports to the engine's error handler).
     *
     * @param settings    the connection's settings.
     * @param instruments the catalog; every subscribed symbol must be in it.
     * @param loop        the event loop this feed runs on.
     * @param publisher   this feed's ring publisher (used on {@code loop} only).
     * @param counters    the feed's counters.
     * @param clock       receive-time clock.
     */
    public FeedConnection(
        final FeedSettings settings,
        final InstrumentCatalog instruments,
        final EventLoop loop,
        final InputPublisher publisher,
        final FeedCounters counters,
        final EpochNanoClock clock)
    {
        this(settings, instruments, loop, publisher, counters, clock,
            new FeedErrors(null, EngineErrors.inMemory(null, null)), HostResolver.SYSTEM,
            command -> new Thread(command, "takerflow-resolver").start());
    }

    /**
     * @param settings         the connection's settings.
     * @param instruments      the catalog; every subscribed symbol must be in it.
     * @param loop             the event loop this feed runs on.
     * @param publisher        this feed's ring publisher (used on {@code loop} only).
     * @param counters         the feed's counters.
     * @param clock            receive-time clock.
     * @param errors           where errors go.
     * @param resolver         host name resolution.
     * @param resolverExecutor runs {@code resolver} off the event loop.
     */
    public FeedConnection(
        final FeedSettings settings,
        final InstrumentCatalog instruments,
        final EventLoop loop,
        final InputPublisher publisher,
        final FeedCounters counters,
        final EpochNanoClock clock,
        final FeedErrors errors,
        final HostResolver resolver,
        final Executor resolverExecutor)
    {
        this.settings = settings;
        this.protocol = VenueProtocols.of(settings.venue());
        this.loop = loop;
        this.publisher = publisher;
        this.counters = counters;
        this.clock = clock;
        this.errors = errors;
        this.resolver = resolver;
        this.resolverExecutor = resolverExecutor;
        this.instruments = instruments;
        this.gate = new TradeGate(settings.venue(), protocol.tradeIds(), instruments.size(), publisher, counters);
        this.instrumentIds = new int[settings.symbols().size()];
        for (int i = 0; i < instrumentIds.length; i++)
        {
            final int id = instruments.find(settings.venue(), settings.symbols().get(i));
            if (id < 0)
            {
                throw new IllegalArgumentException("venue." + settings.venue().id() + ".symbols: " +
                    settings.symbols().get(i) + " is not in the instrument catalog");
            }
            instrumentIds[i] = id;
        }
        this.backfill = newBackfill(settings, protocol, instruments.size(), instrumentIds, loop, publisher, counters,
            errors, clock);
        gate.backfill(backfill);
        if (backfill != null)
        {
            backfill.gate(gate);
        }
        this.uri = protocol.connectUri(settings.endpoint(), settings.symbols());
        this.port = uri.getPort() > 0 ? uri.getPort() : settings.tls() ? 443 : 80;
        this.backoffNs = settings.reconnectMinNs();
        this.rotationBackoffNs = settings.reconnectMinNs();
        try
        {
            this.sslContext = settings.tls() ? SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS")
                .trustManager(settings.trust()).build() : null;
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("TLS for " + settings.venue().id() + " cannot be set up: " +
                ex.getMessage(), ex);
        }
    }

    /**
     * @param from a state.
     * @param to   another.
     * @return true if the connection may go from one to the other.
     */
    public static boolean allowed(final State from, final State to)
    {
        if (to == State.CLOSED)
        {
            return from != State.CLOSED;
        }
        switch (from)
        {
            case IDLE:
                return to == State.CONNECTING;
            case CONNECTING:
                return to == State.SUBSCRIBING || to == State.BACKING_OFF;
            case SUBSCRIBING:
                return to == State.LIVE || to == State.BACKING_OFF;
            case LIVE:
                return to == State.ROTATING || to == State.BACKING_OFF;
            case ROTATING:
                return to == State.LIVE || to == State.CONNECTING || to == State.SUBSCRIBING;
            case BACKING_OFF:
                return to == State.CONNECTING;
            default:
                return false;
        }
    }

    /**
     * Connects; from here on the feed keeps itself connected until {@link #close()}.
     */
    public void start()
    {
        loop.execute(() ->
        {
            if (state == State.IDLE)
            {
                transition(State.CONNECTING);
                primary = connect();
            }
        });
    }

    /**
     * Starts a make-before-break switch now, as the lifetime timer or a venue notice would.
     */
    public void rotate()
    {
        loop.execute(this::startRotation);
    }

    @Override
    public void close()
    {
        if (loop.inEventLoop())
        {
            closeNow();
            return;
        }
        loop.submit(this::closeNow).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * @return the settings.
     */
    public FeedSettings settings()
    {
        return settings;
    }

    /**
     * @return the current state (read from any thread).
     */
    public State state()
    {
        return state;
    }

    /**
     * @return why the feed is not receiving, in words (the last connect failure, refusal or silence), or null while
     * it is LIVE (read from any thread).
     */
    public String lastFailure()
    {
        return state == State.LIVE || state == State.ROTATING ? null : lastFailure;
    }

    /**
     * @return every state entered so far, in order, starting with IDLE (for tests and diagnostics).
     */
    public List<State> stateHistory()
    {
        synchronized (history)
        {
            final List<State> copy = new ArrayList<>(history.size() + 1);
            copy.add(State.IDLE);
            copy.addAll(history);
            return copy;
        }
    }

    /**
     * The one place the state changes.
     *
     * @param next the state to enter.
     * @return false if the transition is not allowed (a bug: reported to the error handler, and the feed stays put).
     */
    boolean transition(final State next)
    {
        final State from = state;
        if (!allowed(from, next))
        {
            errors.report(settings.venue().id() + ": bug: no transition from " + from + " to " + next);
            return false;
        }
        state = next;
        history.add(next);
        switch (next)
        {
            case LIVE:
                publish(FeedState.CONNECTED);
                lastFailure = null;
                scheduleRotation(settings.rotateAfterNs());
                break;
            case CONNECTING:
            case SUBSCRIBING:
                if (from == State.ROTATING)
                {
                    publish(FeedState.DISCONNECTED);
                }
                break;
            case BACKING_OFF:
                if (published != FeedState.STALE && published != FeedState.REJECTED)
                {
                    publish(FeedState.DISCONNECTED);
                }
                break;
            default:
                break;
        }
        return true;
    }

    private static Backfill newBackfill(
        final FeedSettings settings,
        final VenueProtocol protocol,
        final int instrumentCount,
        final int[] instrumentIds,
        final EventLoop loop,
        final InputPublisher publisher,
        final FeedCounters counters,
        final FeedErrors errors,
        final EpochNanoClock clock)
    {
        final TradeHistory history = protocol.tradeHistory();
        if (history == null || settings.rest() == null || settings.backfillCapNs() <= 0)
        {
            return null;
        }
        final String[] symbols = new String[instrumentCount];
        for (int i = 0; i < instrumentIds.length; i++)
        {
            symbols[instrumentIds[i]] = settings.symbols().get(i);
        }
        return new Backfill(settings.venue(), history, settings.rest(), settings.backfillCapNs(), symbols, loop,
            publisher, counters, errors, clock, settings.trust());
    }

    private void closeNow()
    {
        if (state == State.CLOSED)
        {
            return;
        }
        transition(State.CLOSED);
        if (backfill != null)
        {
            backfill.close();
        }
        cancel(reconnectTask);
        cancel(rotationTask);
        cancel(overlapTask);
        closeLink(successor);
        closeLink(primary);
        successor = null;
        primary = null;
    }

    private Link connect()
    {
        final Link link = new Link(nextGeneration++);
        gate.open(link.generation);
        final String host = uri.getHost();
        resolverExecutor.execute(() ->
        {
            InetAddress address = null;
            Throwable failure = null;
            try
            {
                address = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
            final InetAddress resolved = address;
            final Throwable error = failure;
            loop.execute(() ->
            {
                if (error != null)
                {
                    onLinkFailed(link, error);
                }
                else
                {
                    connectTo(link, resolved);
                }
            });
        });
        return link;
    }

    private void connectTo(final Link link, final InetAddress address)
    {
        if (link.closed)
        {
            return;
        }
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channel(Transport.socketChannel())
            .resolver(NoopAddressResolverGroup.INSTANCE)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, WebSocketPipeline.CONNECT_TIMEOUT_MS)
            .handler(new WebSocketPipeline(uri, port, sslContext, settings.maxFrameBytes(), link,
                body -> link.refusalBody = body));
        final ChannelFuture future = bootstrap.connect(new InetSocketAddress(address, port));
        link.channel = future.channel();
        future.addListener(done ->
        {
            if (!done.isSuccess())
            {
                onLinkFailed(link, done.cause());
            }
        });
    }

    private void onHandshake(final Link link)
    {
        link.openedAtNs = System.nanoTime();
        // built for every connection: some venues stamp their requests (Gate's "time" must be within 60 s of theirs)
        for (final String message : protocol.subscribeMessages(settings.symbols()))
        {
            link.channel.writeAndFlush(new TextWebSocketFrame(message));
        }
        final String ping = protocol.clientPing();
        if (settings.pingIntervalNs() > 0 && (ping != null || protocol.pingsWithFrames()))
        {
            link.pingTask = loop.scheduleAtFixedRate(() ->
            {
                if (link.channel.isActive())
                {
                    counters.pingsSent.incrementRelease();
                    link.channel.writeAndFlush(ping != null ? new TextWebSocketFrame(ping) : new PingWebSocketFrame());
                }
            }, settings.pingIntervalNs(), settings.pingIntervalNs(), TimeUnit.NANOSECONDS);
        }
        final long checkNs = Math.max(TimeUnit.MILLISECONDS.toNanos(10), settings.staleAfterNs() / 4);
        link.staleTask = loop.scheduleAtFixedRate(() -> checkStale(link), checkNs, checkNs, TimeUnit.NANOSECONDS);
        if (link == primary && state == State.CONNECTING)
        {
            transition(State.SUBSCRIBING);
        }
    }

    private void onSubscribed(final Link link)
    {
        if (link.subscribed || link.closed)
        {
            return;
        }
        link.subscribed = true;
        link.subscribedAtNs = System.nanoTime();
        if (link.lastDataNs == 0)
        {
            link.lastDataNs = link.subscribedAtNs;
        }
        if (link == primary && state == State.SUBSCRIBING)
        {
            transition(State.LIVE);
            if (link.shutdownNoticed)
            {
                startRotation();
            }
        }
    }

    private void onData(final Link link)
    {
        link.lastDataNs = System.nanoTime();
        if (!link.subscribed)
        {
            onSubscribed(link);
        }
    }

    private void checkStale(final Link link)
    {
        if (link.closed)
        {
            return;
        }
        final long now = System.nanoTime();
        if (link == primary && (state == State.SUBSCRIBING || state == State.LIVE || state == State.ROTATING))
        {
            final long since = Math.max(link.lastDataNs, link.openedAtNs);
            if (now - since > settings.staleAfterNs())
            {
                counters.stale.incrementRelease();
                errors.report(settings.venue().id() + ": no market data from " + uri.getHost() + " for " +
                    TimeUnit.NANOSECONDS.toMillis(settings.staleAfterNs()) + " ms" +
                    (link.subscribed ? "" : " after subscribing") + ", reconnecting");
                publish(FeedState.STALE);
                link.reason = "no market data for " + TimeUnit.NANOSECONDS.toMillis(settings.staleAfterNs()) + " ms";
                lastFailure = link.reason;
                link.channel.close();
            }
        }
        else if (link == successor && !link.subscribed && now - link.openedAtNs >
            Math.min(settings.staleAfterNs(), settings.rotationOverlapNs()))
        {
            link.reason = "new connection delivered no data";
            link.channel.close();
        }
    }

    private void onRejected(final Link link, final DirectBuffer buffer, final int offset, final int length)
    {
        counters.rejections.incrementRelease();
        final String message = buffer.getStringWithoutLengthAscii(offset, Math.min(length, 300));
        errors.report(settings.venue().id() + ": " + uri.getHost() + " refused the subscription: " + message);
        if (link == primary && state != State.ROTATING)
        {
            publish(FeedState.REJECTED);
        }
        link.reason = "subscription refused: " + message;
        lastFailure = link.reason;
        link.channel.close();
    }

    private void scheduleRotation(final long afterNs)
    {
        cancel(rotationTask);
        rotationTask = afterNs > 0 ? loop.schedule(this::startRotation, afterNs, TimeUnit.NANOSECONDS) : null;
    }

    private void startRotation()
    {
        if (state != State.LIVE || successor != null)
        {
            return;
        }
        counters.rotations.incrementRelease();
        transition(State.ROTATING);
        successor = connect();
        cancel(overlapTask);
        overlapTask = loop.scheduleAtFixedRate(this::checkRotation, OVERLAP_CHECK_MS, OVERLAP_CHECK_MS,
            TimeUnit.MILLISECONDS);
    }

    private void checkRotation()
    {
        final Link next = successor;
        if (state != State.ROTATING || next == null)
        {
            cancel(overlapTask);
            return;
        }
        gate.checkLag(clock.nanoTime());
        if (!next.subscribed)
        {
            return;
        }
        final boolean takenOver = gate.ownsAll(next.generation, instrumentIds);
        final boolean overlapOver = System.nanoTime() - next.subscribedAtNs > settings.rotationOverlapNs();
        if (takenOver || overlapOver)
        {
            promote();
        }
    }

    /**
     * The new connection replaces the old one, which is retired (its instruments released to the new one) and
     * closed.
     */
    private void promote()
    {
        final Link old = primary;
        primary = successor;
        successor = null;
        cancel(overlapTask);
        rotationBackoffNs = settings.reconnectMinNs();
        if (old != null)
        {
            old.reason = "replaced";
            gate.retire(old.generation, clock.nanoTime());
            closeLink(old);
        }
        transition(State.LIVE);
        if (primary.shutdownNoticed)
        {
            startRotation();
        }
    }

    private void onLinkFailed(final Link link, final Throwable cause)
    {
        if (link.reason == null && cause != null)
        {
            link.reason = describe(cause);
            link.retryAfterNs = retryAfterNs(cause);
        }
        if (link.channel != null && link.channel.isOpen())
        {
            link.channel.close();
        }
        onLinkClosed(link);
    }

    private void onLinkClosed(final Link link)
    {
        if (link.closed)
        {
            return;
        }
        link.closed = true;
        link.cancelTasks();
        gate.retire(link.generation, clock.nanoTime());
        if (state == State.CLOSED)
        {
            return;
        }
        if (link == successor)
        {
            successor = null;
            cancel(overlapTask);
            counters.rotationFailures.incrementRelease();
            if (!link.opened)
            {
                counters.connectFailures.incrementRelease();
            }
            final long delay = Math.max(link.retryAfterNs, nextDelay(true));
            errors.report(settings.venue().id() + ": the new connection to " + uri.getHost() + ":" + port +
                " failed (" + link.reason() + "); the current one carries on, next switch attempt in " +
                TimeUnit.NANOSECONDS.toMillis(delay) + " ms");
            transition(State.LIVE);
            scheduleRotation(delay);
            return;
        }
        if (link != primary)
        {
            return;
        }
        if (state == State.ROTATING && successor != null)
        {
            final Link next = successor;
            if (next.subscribed)
            {
                promote();
            }
            else
            {
                primary = next;
                successor = null;
                cancel(overlapTask);
                transition(next.opened ? State.SUBSCRIBING : State.CONNECTING);
            }
            return;
        }
        primary = null;
        cancel(rotationTask);
        if (!link.opened)
        {
            counters.connectFailures.incrementRelease();
        }
        final long stableFor = link.subscribedAtNs == 0 ? 0 : System.nanoTime() - link.subscribedAtNs;
        if (stableFor > STABLE_AFTER_NS)
        {
            backoffNs = settings.reconnectMinNs();
        }
        long delay = nextDelay(false);
        if (link.retryAfterNs > 0)
        {
            counters.rateLimited.incrementRelease();
            delay = Math.max(delay, link.retryAfterNs);
        }
        if (!link.subscribed)
        {
            final String failure = link.reason();
            if (!failure.equals(lastFailure))
            {
                lastFailure = failure;
                errors.report(settings.venue().id() + ": cannot connect to " + uri.getHost() + ":" + port + ": " +
                    failure + "; next try in " + TimeUnit.NANOSECONDS.toMillis(delay) + " ms (reported again only " +
                    "if the reason changes; see feed." + settings.venue().id() + ".connect_failures)");
            }
        }
        transition(State.BACKING_OFF);
        counters.reconnects.incrementRelease();
        reconnectTask = loop.schedule(() ->
        {
            if (state == State.BACKING_OFF)
            {
                transition(State.CONNECTING);
                primary = connect();
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    private long nextDelay(final boolean rotation)
    {
        final long base = rotation ? rotationBackoffNs : backoffNs;
        final long jitter = (long)(base * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        final long delay = Math.max(1, base + jitter);
        if (rotation)
        {
            rotationBackoffNs = Math.min(settings.reconnectMaxNs(), rotationBackoffNs * 2);
        }
        else
        {
            backoffNs = Math.min(settings.reconnectMaxNs(), backoffNs * 2);
        }
        return delay;
    }

    private void publish(final FeedState next)
    {
        if (published != next)
        {
            published = next;
            synchronized (status)
            {
                publisher.publish(status.feedStatus().venue(settings.venue()).instrumentId(InputEvent.ALL_INSTRUMENTS)
                    .feedState(next).receiveTimeNs(clock.nanoTime()));
            }
        }
    }

    private void closeLink(final Link link)
    {
        if (link != null)
        {
            link.closed = true;
            link.cancelTasks();
            gate.retire(link.generation, clock.nanoTime());
            if (link.channel != null)
            {
                link.channel.close();
            }
        }
    }

    private static void cancel(final ScheduledFuture<?> task)
    {
        if (task != null)
        {
            task.cancel(false);
        }
    }

    private void onText(final Link link, final ByteBuf content, final int index, final int length)
    {
        final long receiveTimeNs = clock.nanoTime();
        counters.messages.incrementRelease();
        if (content.hasMemoryAddress())
        {
            view.wrap(content.memoryAddress() + index, length);
        }
        else if (content.hasArray())
        {
            view.wrap(content.array(), content.arrayOffset() + index, length);
        }
        else
        {
            copy.checkLimit(length);
            content.getBytes(index, copy.byteArray(), 0, length);
            view.wrap(copy.byteArray(), 0, length);
        }
        final int trades = link.decoder.decode(view, 0, length, receiveTimeNs, link);
        if (trades == FrameDecoder.MALFORMED)
        {
            onMalformed(content, index, length, receiveTimeNs);
        }
        else if (trades > 0)
        {
            onData(link);
        }
    }

    private void onMalformed(final ByteBuf content, final int index, final int length, final long receiveTimeNs)
    {
        counters.malformed.incrementRelease();
        malformedSinceLog++;
        if (receiveTimeNs - lastMalformedLogNs >= LOG_INTERVAL_NS)
        {
            final int sampleLength = Math.min(160, length);
            errors.report(settings.venue().id() + ": skipped " + malformedSinceLog +
                " malformed frame(s), e.g. '" + content.toString(index, sampleLength, StandardCharsets.UTF_8) +
                (sampleLength < length ? "...'" : "'"));
            lastMalformedLogNs = receiveTimeNs;
            malformedSinceLog = 0;
        }
    }

    /**
     * @param cause why a connection failed.
     * @return the reason in words: DNS, refused, TLS, HTTP status and body, timeout, or the exception's type.
     */
    static String describe(final Throwable cause)
    {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root &&
            !(root instanceof WebSocketClientHandshakeException))
        {
            root = root.getCause();
        }
        final String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof UnknownHostException)
        {
            return "DNS cannot resolve " + message;
        }
        if (root instanceof ConnectTimeoutException)
        {
            return "timed out (" + message + ")";
        }
        if (root instanceof ConnectException)
        {
            return "refused or unreachable (" + message + ")";
        }
        if (root instanceof SSLException)
        {
            return "TLS failed (" + message + ")";
        }
        if (root instanceof WebSocketClientHandshakeException)
        {
            final HttpResponse response = ((WebSocketClientHandshakeException)root).response();
            if (response != null)
            {
                String body = "";
                if (response instanceof FullHttpResponse)
                {
                    final ByteBuf content = ((FullHttpResponse)response).content();
                    body = content.toString(content.readerIndex(), Math.min(200, content.readableBytes()),
                        StandardCharsets.UTF_8).trim();
                }
                return "HTTP " + response.status() + (body.isEmpty() ? "" : ": " + body);
            }
            return "WebSocket handshake failed (" + message + ")";
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getClass().getSimpleName() + ": " + message;
    }

    /**
     * @param cause why a connection failed.
     * @return how long the venue asked us to wait (HTTP 429 or 418 with {@code Retry-After} in seconds; 418 without
     * it means an IP ban: at least 2 minutes), 0 if it did not.
     */
    static long retryAfterNs(final Throwable cause)
    {
        Throwable root = cause;
        while (root != null && !(root instanceof WebSocketClientHandshakeException))
        {
            root = root.getCause() == root ? null : root.getCause();
        }
        if (root == null || ((WebSocketClientHandshakeException)root).response() == null)
        {
            return 0;
        }
        final HttpResponse response = ((WebSocketClientHandshakeException)root).response();
        final int status = response.status().code();
        if (status != 429 && status != 418)
        {
            return 0;
        }
        final String retryAfter = response.headers().get(HttpHeaderNames.RETRY_AFTER);
        if (retryAfter != null)
        {
            try
            {
                return TimeUnit.SECONDS.toNanos(Long.parseLong(retryAfter.trim()));
            }
            catch (final NumberFormatException ex)
            {
                // an HTTP date: fall through to the venue's documented minimum
            }
        }
        return status == 418 ? TimeUnit.MINUTES.toNanos(2) : TimeUnit.SECONDS.toNanos(60);
    }

    /**
     * One WebSocket connection of this feed, with its generation for the {@link TradeGate}: frame handling only.
     */
    /**
     * The name Netty gives its WebSocket frame decoder after the handshake; the payload decoder goes in front of it.
     */
    private static final String NETTY_FRAME_DECODER = "ws-decoder";

    private final class Link extends SimpleChannelInboundHandler<WebSocketFrame>
        implements FrameSink, TextPayloadDecoder.PayloadSink
    {
        private final long generation;
        /**
         * One decoder per connection: what it learns from a connection (Bitfinex channel ids and sequence,
         * Hyperliquid's subscribe snapshot) ends with that connection.
         */
        private final FrameDecoder decoder = protocol.newDecoder(instruments);
        private Channel channel;
        private boolean opened;
        private boolean subscribed;
        private boolean closed;
        private long openedAtNs;
        private long subscribedAtNs;
        private long lastDataNs;
        private long retryAfterNs;
        private String reason;
        private String refusalBody;
        private boolean shutdownNoticed;
        private ScheduledFuture<?> pingTask;
        private ScheduledFuture<?> staleTask;

        Link(final long generation)
        {
            this.generation = generation;
        }

        String reason()
        {
            return reason == null ? "connection closed by the server" : reason;
        }

        @Override
        public void onTrade(final InputEvent trade)
        {
            gate.onTrade(generation, trade);
        }

        @Override
        public void onLastTradeId(final int instrumentId, final long lastTradeId)
        {
            if (gate.onLastTradeId(generation, instrumentId, lastTradeId, clock.nanoTime()))
            {
                onData(this);
            }
            else if (!subscribed)
            {
                FeedConnection.this.onSubscribed(this);
            }
        }

        @Override
        public void onMessagesLost(final long messages)
        {
            gate.onMessagesLost(generation, clock.nanoTime());
        }

        @Override
        public void onKeepAliveRequest()
        {
            final String reply = protocol.keepAliveReply();
            if (reply != null && channel != null && channel.isActive())
            {
                counters.pingsSent.incrementRelease();
                channel.writeAndFlush(new TextWebSocketFrame(reply));
            }
        }

        @Override
        public void onServerShutdown()
        {
            shutdownNoticed = true;
            if (this == primary)
            {
                startRotation();
            }
        }

        @Override
        public void onSubscribed()
        {
            FeedConnection.this.onSubscribed(this);
        }

        @Override
        public void onRejected(final DirectBuffer buffer, final int offset, final int length)
        {
            FeedConnection.this.onRejected(this, buffer, offset, length);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (closed)
            {
                return;
            }
            final ByteBuf content = frame.content();
            if (frame instanceof TextWebSocketFrame)
            {
                onText(this, content, content.readerIndex(), content.readableBytes());
            }
            else if (frame instanceof BinaryWebSocketFrame)
            {
                onMalformed(content, content.readerIndex(), content.readableBytes(), clock.nanoTime());
            }
        }

        @Override
        public void onTextPayload(final ByteBuf buffer, final int index, final int length)
        {
            if (!closed)
            {
                onText(this, buffer, index, length);
            }
        }

        @Override
        public void onBinaryPayload(final ByteBuf buffer, final int index, final int length)
        {
            if (!closed)
            {
                onMalformed(buffer, index, length, clock.nanoTime());
            }
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                if (ctx.pipeline().get(NETTY_FRAME_DECODER) != null)
                {
                    ctx.pipeline().addBefore(NETTY_FRAME_DECODER, "takerflow-payload",
                        new TextPayloadDecoder(settings.maxFrameBytes(), this));
                }
                opened = true;
                if (!closed)
                {
                    onHandshake(this);
                }
            }
            else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                reason = "WebSocket handshake timed out";
                ctx.close();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            onLinkClosed(this);
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            if (cause instanceof TooLongFrameException ||
                cause instanceof CorruptedWebSocketFrameException &&
                ((CorruptedWebSocketFrameException)cause).closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG)
            {
                counters.oversized.incrementRelease();
                reason = "a frame exceeded feeds.maxFrameBytes (" + settings.maxFrameBytes() + ")";
                errors.report(settings.venue().id() + ": " + reason + ", reconnecting");
                ctx.close();
                return;
            }
            if (reason == null)
            {
                reason = describe(cause) + (refusalBody == null || refusalBody.isEmpty() ? "" : ": " + refusalBody);
                retryAfterNs = retryAfterNs(cause);
            }
            if (opened)
            {
                errors.report(settings.venue().id() + ": connection error, reconnecting: " + reason);
            }
            ctx.close();
        }

        void cancelTasks()
        {
            cancel(pingTask);
            cancel(staleTask);
        }
    }
}
