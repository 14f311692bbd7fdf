package io.takerflow.feeds.net;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.ExpandableArrayBuffer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.takerflow.engine.FeedState;
import io.takerflow.engine.InputEvent;
import io.takerflow.engine.InputPublisher;
import io.takerflow.engine.InstrumentCatalog;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.VenueEndpoints;

/**
 * One venue's live feed: a Netty WebSocket client that decodes trade frames onto the engine's ring and keeps
 * itself connected. It reconnects with exponential backoff and jitter, resubscribes, reports every state change
 * as a FEED_STATUS event (CONNECTED, DISCONNECTED, STALE after a silence, GAP when trade ids jump), answers
 * pings, sends the venue's client pings, and rotates make-before-break before the venue's connection lifetime
 * (or on a {@code serverShutdown} notice) so that no trade is lost or doubled. Malformed frames are counted,
 * logged at most every 10 s with a sample, and skipped.
 * <p>
 * Everything runs on one event-loop thread, which is also this feed's ring producer.
 */
public final class FeedConnection implements AutoCloseable
{
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long STABLE_AFTER_NS = TimeUnit.SECONDS.toNanos(30);

    private final FeedSettings settings;
    private final EventLoop loop;
    private final InputPublisher publisher;
    private final EpochNanoClock clock;
    private final FeedCounters counters;
    private final FrameDecoder decoder;
    private final TradeGate gate;
    private final int[] instrumentIds;
    private final URI uri;
    private final List<String> subscribeMessages;
    private final SslContext sslContext;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(1 << 16);

    private long nextGeneration = 1;
    private Link primary;
    private Link successor;
    private FeedState state;
    private long backoffNs;
    private boolean closed;
    private ScheduledFuture<?> reconnectTask;
    private long lastMalformedLogNs = Long.MIN_VALUE;
    private long malformedSinceLog;

    /**
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
        this.settings = settings;
        this.loop = loop;
        this.publisher = publisher;
        this.counters = counters;
        this.clock = clock;
        this.decoder = FrameDecoder.forVenue(settings.venue(), instruments);
        this.gate = new TradeGate(settings.venue(), instruments.size(), publisher, counters);
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
        this.uri = VenueEndpoints.connectUri(settings.venue(), settings.endpoint(), settings.symbols());
        this.subscribeMessages = VenueEndpoints.subscribeMessages(settings.venue(), settings.symbols());
        this.backoffNs = settings.reconnectMinNs();
        try
        {
            this.sslContext = settings.tls() ? SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS")
                .trustManager(settings.trust()).build() : null;
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("TLS for " + settings.venue().id() + " cannot be set up: " + ex.getMessage(), ex);
        }
    }

    /**
     * Connects; from here on the feed keeps itself connected until {@link #close()}.
     */
    public void start()
    {
        loop.execute(() -> connect(false));
    }

    /**
     * Starts a make-before-break rotation now, as the lifetime timer or a {@code serverShutdown} notice would.
     */
    public void rotate()
    {
        loop.execute(this::startRotation);
    }

    @Override
    public void close()
    {
        loop.submit(() ->
        {
            closed = true;
            if (reconnectTask != null)
            {
                reconnectTask.cancel(false);
            }
            closeLink(successor);
            closeLink(primary);
        }).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * @return the venue.
     */
    public FeedSettings settings()
    {
        return settings;
    }

    private void connect(final boolean asSuccessor)
    {
        if (closed)
        {
            return;
        }
        final Link link = new Link(nextGeneration++, asSuccessor);
        if (asSuccessor)
        {
            successor = link;
        }
        else
        {
            primary = link;
        }
        final int port = uri.getPort() > 0 ? uri.getPort() : settings.tls() ? 443 : 80;
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channel(Transport.socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    final ChannelPipeline pipeline = channel.pipeline();
                    if (sslContext != null)
                    {
                        final SslHandler ssl = sslContext.newHandler(channel.alloc(), uri.getHost(), port);
                        final SSLParameters parameters = ssl.engine().getSSLParameters();
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                        ssl.engine().setSSLParameters(parameters);
                        pipeline.addLast(ssl);
                    }
                    pipeline.addLast(new HttpClientCodec());
                    pipeline.addLast(new HttpObjectAggregator(1 << 16));
                    pipeline.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(uri)
                        .maxFramePayloadLength(settings.maxFrameBytes())
                        .handshakeTimeoutMillis(10_000)
                        .dropPongFrames(true)
                        .build()));
                    pipeline.addLast(new WebSocketFrameAggregator(settings.maxFrameBytes()));
                    pipeline.addLast(new IdleStateHandler(settings.staleAfterNs(), 0, 0, TimeUnit.NANOSECONDS));
                    pipeline.addLast(link);
                }
            });
        final ChannelFuture future = bootstrap.connect(uri.getHost(), port);
        link.channel = future.channel();
        future.addListener(done ->
        {
            if (!done.isSuccess())
            {
                onLinkClosed(link);
            }
        });
    }

    private void onHandshake(final Link link)
    {
        for (final String message : subscribeMessages)
        {
            link.channel.writeAndFlush(new TextWebSocketFrame(message));
        }
        link.connectedAtNs = System.nanoTime();
        if (settings.pingIntervalNs() > 0)
        {
            final String ping = VenueEndpoints.clientPing(settings.venue());
            link.pingTask = loop.scheduleAtFixedRate(() ->
            {
                if (link.channel.isActive())
                {
                    counters.pingsSent.incrementRelease();
                    link.channel.writeAndFlush(new TextWebSocketFrame(ping));
                }
            }, settings.pingIntervalNs(), settings.pingIntervalNs(), TimeUnit.NANOSECONDS);
        }
        if (link == primary)
        {
            changeState(FeedState.CONNECTED);
            scheduleRotation(link);
        }
        else if (link == successor)
        {
            link.overlapTask = loop.scheduleAtFixedRate(() -> checkRotation(link), 10, 10, TimeUnit.MILLISECONDS);
        }
    }

    private void scheduleRotation(final Link link)
    {
        if (settings.rotateAfterNs() > 0)
        {
            link.rotationTask = loop.schedule(this::startRotation, settings.rotateAfterNs(), TimeUnit.NANOSECONDS);
        }
    }

    private void startRotation()
    {
        if (closed || successor != null || primary == null || !primary.channel.isActive())
        {
            return;
        }
        counters.rotations.incrementRelease();
        connect(true);
    }

    private void checkRotation(final Link next)
    {
        if (next != successor)
        {
            next.cancelOverlap();
            return;
        }
        final boolean takenOver = gate.ownsAll(next.generation, instrumentIds);
        final boolean overlapOver = System.nanoTime() - next.connectedAtNs > settings.rotationOverlapNs();
        if (takenOver || overlapOver)
        {
            final Link old = primary;
            primary = next;
            successor = null;
            next.cancelOverlap();
            gate.retire(old.generation);
            closeLink(old);
            scheduleRotation(next);
        }
    }

    private void onLinkClosed(final Link link)
    {
        link.cancelTasks();
        gate.retire(link.generation);
        if (link == successor)
        {
            successor = null;
            return;
        }
        if (link != primary || link.retiredOnPurpose)
        {
            return;
        }
        if (successor != null && successor.channel.isActive())
        {
            primary = successor;
            successor = null;
            primary.cancelOverlap();
            scheduleRotation(primary);
            return;
        }
        primary = null;
        if (closed)
        {
            return;
        }
        if (state != FeedState.STALE)
        {
            changeState(FeedState.DISCONNECTED);
        }
        final long stableFor = link.connectedAtNs == 0 ? 0 : System.nanoTime() - link.connectedAtNs;
        if (stableFor > STABLE_AFTER_NS)
        {
            backoffNs = settings.reconnectMinNs();
        }
        final long jitter = (long)(backoffNs * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        final long delay = Math.max(1, backoffNs + jitter);
        backoffNs = Math.min(settings.reconnectMaxNs(), backoffNs * 2);
        counters.reconnects.incrementRelease();
        reconnectTask = loop.schedule(() -> connect(false), delay, TimeUnit.NANOSECONDS);
    }

    private void onStale(final Link link)
    {
        if (link != primary)
        {
            return;
        }
        counters.stale.incrementRelease();
        changeState(FeedState.STALE);
        link.channel.close();
    }

    private void changeState(final FeedState next)
    {
        if (state != next)
        {
            state = next;
            publisher.publishFeedStatus(settings.venue(), InputEvent.ALL_INSTRUMENTS, next, 0, clock.nanoTime());
        }
    }

    private void closeLink(final Link link)
    {
        if (link != null)
        {
            link.retiredOnPurpose = true;
            link.cancelTasks();
            if (link.channel != null)
            {
                link.channel.close();
            }
        }
    }

    private void onText(final Link link, final ByteBuf content)
    {
        final long receiveTimeNs = clock.nanoTime();
        counters.messages.incrementRelease();
        final int length = content.readableBytes();
        if (content.hasMemoryAddress())
        {
            view.wrap(content.memoryAddress() + content.readerIndex(), length);
        }
        else if (content.hasArray())
        {
            view.wrap(content.array(), content.arrayOffset() + content.readerIndex(), length);
        }
        else
        {
            copy.checkLimit(length);
            content.getBytes(content.readerIndex(), copy.byteArray(), 0, length);
            view.wrap(copy.byteArray(), 0, length);
        }
        if (decoder.decode(view, 0, length, receiveTimeNs, link) == FrameDecoder.MALFORMED)
        {
            onMalformed(content, receiveTimeNs);
        }
    }

    private void onMalformed(final ByteBuf content, final long receiveTimeNs)
    {
        counters.malformed.incrementRelease();
        malformedSinceLog++;
        if (receiveTimeNs - lastMalformedLogNs >= LOG_INTERVAL_NS)
        {
            final int sampleLength = Math.min(160, content.readableBytes());
            System.err.println("takerflow: " + settings.venue().id() + ": skipped " + malformedSinceLog +
                " malformed frame(s), e.g. '" + content.toString(content.readerIndex(), sampleLength, StandardCharsets.UTF_8) +
                (sampleLength < content.readableBytes() ? "...'" : "'"));
            lastMalformedLogNs = receiveTimeNs;
            malformedSinceLog = 0;
        }
    }

    /**
     * One WebSocket connection of this feed, with its generation for the {@link TradeGate}.
     */
    private final class Link extends SimpleChannelInboundHandler<WebSocketFrame> implements FrameSink
    {
        private final long generation;
        private Channel channel;
        private long connectedAtNs;
        private boolean retiredOnPurpose;
        private ScheduledFuture<?> pingTask;
        private ScheduledFuture<?> rotationTask;
        private ScheduledFuture<?> overlapTask;

        Link(final long generation, final boolean successor)
        {
            this.generation = generation;
        }

        @Override
        public void onTrade(final InputEvent trade)
        {
            gate.onTrade(generation, trade);
        }

        @Override
        public void onLastTradeId(final int instrumentId, final long lastTradeId)
        {
            gate.onLastTradeId(generation, instrumentId, lastTradeId, clock.nanoTime());
        }

        @Override
        public void onServerShutdown()
        {
            if (this == primary)
            {
                startRotation();
            }
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (frame instanceof TextWebSocketFrame)
            {
                onText(this, frame.content());
            }
            else if (frame instanceof BinaryWebSocketFrame)
            {
                onMalformed(frame.content(), clock.nanoTime());
            }
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                onHandshake(this);
            }
            else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                ctx.close();
            }
            else if (event instanceof IdleStateEvent && ((IdleStateEvent)event).state() == IdleState.READER_IDLE)
            {
                onStale(this);
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
            if (cause instanceof TooLongFrameException)
            {
                counters.oversized.incrementRelease();
                return;
            }
            if (cause instanceof CorruptedWebSocketFrameException &&
                ((CorruptedWebSocketFrameException)cause).closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG)
            {
                counters.oversized.incrementRelease();
                System.err.println("takerflow: " + settings.venue().id() + ": a frame exceeded feeds.maxFrameBytes (" +
                    settings.maxFrameBytes() + "), reconnecting");
                ctx.close();
                return;
            }
            System.err.println("takerflow: " + settings.venue().id() + ": connection error, reconnecting: " + cause);
            ctx.close();
        }

        void cancelOverlap()
        {
            if (overlapTask != null)
            {
                overlapTask.cancel(false);
                overlapTask = null;
            }
        }

        void cancelTasks()
        {
            cancelOverlap();
            if (pingTask != null)
            {
                pingTask.cancel(false);
            }
            if (rotationTask != null)
            {
                rotationTask.cancel(false);
            }
        }
    }
}
