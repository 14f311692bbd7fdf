package io.takerflow.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.net.Transport;

/**
 * A loopback exchange: a Netty WebSocket and HTTP server on 127.0.0.1 that speaks the venues' wire formats byte for
 * byte, driven by a regime-switching {@link OrderFlowModel}. The demo, the tests and the latency harness point
 * the real feed handlers at it through their endpoint settings; nothing in the feed code knows it is a simulator.
 * <p>
 * Fault knobs ({@link SimulatorSettings}): dropped trade ids, malformed frames, pings, connection lifetime with
 * Binance's {@code serverShutdown} notice, and at run time {@link #stall(long, TimeUnit)} and
 * {@link #closeConnections()}. One thread serves every connection and generates every tape.
 */
public final class ExchangeSimulator implements AutoCloseable
{
    private static final int MAX_TRADES_PER_TICK = 50_000;
    private static final ByteBuf OVERSIZED = io.netty.buffer.Unpooled.unreleasableBuffer(
        io.netty.buffer.Unpooled.copiedBuffer("{\"e\":\"padding\",\"p\":\"" + "x".repeat(64 * 1024) + "\"}",
            java.nio.charset.StandardCharsets.US_ASCII));

    final AtomicLong connections = new AtomicLong();
    final AtomicLong pings = new AtomicLong();
    final AtomicLong pongs = new AtomicLong();
    final AtomicLong clientPings = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong tradesSent = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();

    private final SimulatorSettings settings;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel server;
    private final OrderFlowModel model;
    private final long startNs = System.nanoTime();
    private final Map<String, Tape> tapes = new HashMap<>();
    private final List<Tape> tapeList = new ArrayList<>();
    private final SimTrade trade = new SimTrade();
    private final StringBuilder frame = new StringBuilder(512);
    private final StringBuilder ownFrame = new StringBuilder(512);
    private final ScheduledFuture<?> ticker;
    private volatile long stalledUntilNs = Long.MIN_VALUE;
    private volatile long tradesStalledUntilNs = Long.MIN_VALUE;
    volatile boolean refuseSubscriptions;
    /** Kraken Futures closes a connection that sent no ping for this long (60 s). */
    volatile long krakenFuturesPingTimeoutNs = TimeUnit.SECONDS.toNanos(60);
    final AtomicLong pingFramesReceived = new AtomicLong();
    /** Gate: "Gap between request time and server time must not exceed 60 seconds". */
    volatile long gateRequestTimeToleranceMs = 60_000;
    volatile boolean ignoreSubscriptions;
    final HandshakeFaults handshakeFaults = new HandshakeFaults();
    final java.util.concurrent.atomic.AtomicInteger restFailures = new java.util.concurrent.atomic.AtomicInteger();
    final AtomicLong restRequests = new AtomicLong();
    volatile int restFailureStatus;
    volatile String restRetryAfter;
    private volatile TradeObserver observer;

    /**
     * Something that sees every trade the simulator puts on the wire, on the simulator's thread (for the latency
     * harness and tests).
     */
    @FunctionalInterface
    public interface TradeObserver
    {
        /**
         * @param venue  the venue.
         * @param symbol the symbol.
         * @param trade  the trade, valid during the call only.
         */
        void onTradeSent(Venue venue, String symbol, SimTrade trade);
    }

    private ExchangeSimulator(final SimulatorSettings settings) throws InterruptedException
    {
        this.settings = settings;
        this.model = new OrderFlowModel(settings.seed(), settings.phaseNs());
        this.group = Transport.newGroup(1);
        this.loop = group.next();
        this.server = new ServerBootstrap()
            .group(group)
            .channel(Transport.serverSocketChannel())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    if (settings.tls() != null)
                    {
                        channel.pipeline().addLast(settings.tls().newHandler(channel.alloc()));
                    }
                    channel.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 16))
                        .addLast(new KlineEndpoint(settings.seed()))
                        .addLast(new TradeHistoryEndpoint(ExchangeSimulator.this))
                        .addLast(handshakeFaults.handler())
                        .addLast(new PingFrames(ExchangeSimulator.this))
                        .addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath("/")
                            .checkStartsWith(true)
                            .dropPongFrames(false)
                            .maxFramePayloadLength(1 << 20)
                            .build()))
                        .addLast(new SimSession(ExchangeSimulator.this));
                }
            })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()))
            .sync()
            .channel();
        this.ticker = loop.scheduleAtFixedRate(this::tick, settings.tickNs(), settings.tickNs(), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts a simulator.
     *
     * @param settings its knobs.
     * @return the running simulator, listening on 127.0.0.1.
     * @throws IllegalStateException if the port cannot be bound.
     */
    public static ExchangeSimulator start(final SimulatorSettings settings)
    {
        try
        {
            return new ExchangeSimulator(settings);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the simulator", ex);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("the simulator cannot listen on 127.0.0.1:" + settings.port() + ": " + ex,
                ex);
        }
    }

    /**
     * @return the port it listens on.
     */
    public int port()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    /**
     * @param venue a venue.
     * @return the {@code ws://} endpoint standing in for the venue's, with the venue's path.
     */
    public URI endpoint(final Venue venue)
    {
        final String base = settings.tls() == null ? "ws://127.0.0.1:" + port() : "wss://localhost:" + port();
        final String path = VenueProtocols.of(venue).defaultEndpoint().getPath();
        return URI.create(base + (path == null || path.isEmpty() ? "/" : path));
    }

    /**
     * Answers the next REST trade-history requests with an HTTP error (and the venue's error body), as a venue
     * under load or limiting requests does.
     *
     * @param count      how many.
     * @param status     e.g. 500, 429 or 418.
     * @param retryAfter the {@code Retry-After} header value (seconds), or null for none.
     */
    public void failNextRestRequests(final int count, final int status, final String retryAfter)
    {
        restFailureStatus = status;
        restRetryAfter = retryAfter;
        restFailures.set(count);
    }

    /**
     * @return REST trade-history requests received so far.
     */
    public long restRequests()
    {
        return restRequests.get();
    }

    /**
     * @return the {@code http://} base standing in for every venue's REST API (klines, trade history).
     */
    public URI restBase()
    {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * @return the settings.
     */
    public SimulatorSettings settings()
    {
        return settings;
    }

    /**
     * @return the market phase now.
     */
    public MarketPhase phase()
    {
        return model.phaseAt(System.nanoTime() - startNs);
    }

    /**
     * Sends nothing at all (no trades, heartbeats or pings) for a while; trading carries on unseen.
     *
     * @param duration how long.
     * @param unit     its unit.
     */
    public void stall(final long duration, final TimeUnit unit)
    {
        stalledUntilNs = System.nanoTime() + unit.toNanos(duration);
    }

    /**
     * Sends no trades for a while but keeps everything else going: heartbeats (Coinbase's still telling the last
     * trade id, which moves on), WebSocket pings, pong replies. A subscription that died while the socket lives.
     *
     * @param duration how long.
     * @param unit     its unit.
     */
    public void stallTrades(final long duration, final TimeUnit unit)
    {
        tradesStalledUntilNs = System.nanoTime() + unit.toNanos(duration);
    }

    /**
     * The connections open now stop receiving trades and heartbeats for good but keep their sockets and keep
     * answering pings, as a Binance server does between its {@code serverShutdown} notice and the close. New
     * connections are served normally.
     */
    public void muteConnections()
    {
        loop.submit(() -> tapes.values().forEach(tape -> tape.subscribers.forEach(session -> session.muted = true)))
            .syncUninterruptibly();
    }

    /**
     * Refuses the next WebSocket upgrade requests with an HTTP status and a JSON body, as a venue limiting
     * connection attempts does.
     *
     * @param count      how many.
     * @param status     e.g. 429 or 418.
     * @param retryAfter the {@code Retry-After} header value (seconds), or null for none.
     */
    public void refuseNextHandshakes(final int count, final int status, final String retryAfter)
    {
        handshakeFaults.refuseStatus = status;
        handshakeFaults.retryAfter = retryAfter;
        handshakeFaults.refuseNext.set(count);
    }

    /**
     * Answers the next WebSocket upgrade requests only after a delay.
     *
     * @param count how many.
     * @param delay the delay.
     * @param unit  its unit.
     */
    public void delayNextHandshakes(final int count, final long delay, final TimeUnit unit)
    {
        handshakeFaults.delayMs = unit.toMillis(delay);
        handshakeFaults.delayNext.set(count);
    }

    /**
     * Kraken Futures documents "In order to keep the websocket connection alive, you will need to make a ping request
     * at least every 60 seconds": the simulator closes a Kraken Futures connection that sent no WebSocket ping frame
     * for this long (60 s by default; a test shortens it).
     *
     * @param timeout the longest time without a ping.
     * @param unit    its unit.
     */
    public void krakenFuturesPingTimeout(final long timeout, final TimeUnit unit)
    {
        krakenFuturesPingTimeoutNs = unit.toNanos(timeout);
    }

    /**
     * @return WebSocket ping frames (control frames, not text pings) received from clients so far.
     */
    public long pingFramesReceived()
    {
        return pingFramesReceived.get();
    }

    /**
     * Gate futures documents the {@code time} of every request as "Request time in seconds. Gap between request time
     * and server time must not exceed 60 seconds": the simulator refuses a subscribe whose {@code time} is further
     * from its clock than this (60 s by default; a test shortens it so that a stale stamp shows within seconds).
     *
     * @param tolerance the largest gap accepted.
     * @param unit      its unit.
     */
    public void gateRequestTimeTolerance(final long tolerance, final TimeUnit unit)
    {
        gateRequestTimeToleranceMs = unit.toMillis(tolerance);
    }

    /**
     * @param refuse true to answer every subscribe message with the venue's error reply (and send nothing), as for
     *               an unknown symbol; false to serve them again.
     */
    public void refuseSubscriptions(final boolean refuse)
    {
        refuseSubscriptions = refuse;
    }

    /**
     * @param ignore true to accept WebSocket connections but never answer or serve their subscriptions (a venue
     *               that takes the socket and sends nothing); false to serve new subscriptions again.
     */
    public void ignoreSubscriptions(final boolean ignore)
    {
        ignoreSubscriptions = ignore;
    }

    /**
     * Sends OKX's service upgrade notice (code 64008) on every OKX connection.
     */
    public void sendOkxUpgradeNotice()
    {
        loop.submit(() -> tapes.values().forEach(tape -> tape.subscribers.forEach(session ->
        {
            if (session.venue == Venue.OKX)
            {
                session.channel.writeAndFlush(new TextWebSocketFrame(WireFormat.okxUpgradeNotice()));
            }
        }))).syncUninterruptibly();
    }

    /**
     * Bitfinex connections lose messages: on each the sequence number jumps by that many, as when the venue drops
     * messages for a slow reader (the trades in them are never sent).
     *
     * @param messages messages each sequenced connection loses before its next one.
     */
    public void loseSequencedMessages(final int messages)
    {
        loop.submit(() -> tapes.values().forEach(tape -> tape.subscribers.forEach(session ->
            session.loseMessages(messages)))).syncUninterruptibly();
    }

    /**
     * Closes every client connection now, as a venue restart would.
     */
    public void closeConnections()
    {
        loop.submit(() -> tapes.values().forEach(tape -> new java.util.ArrayList<>(tape.subscribers)
            .forEach(SimSession::closeNow))).syncUninterruptibly();
    }

    /**
     * @param observer sees every trade sent, or null.
     */
    public void observer(final TradeObserver observer)
    {
        this.observer = observer;
    }

    /**
     * @return WebSocket connections accepted so far.
     */
    public long connectionsAccepted()
    {
        return connections.get();
    }

    /**
     * @return WebSocket pings sent and pongs received.
     */
    public long[] pingsAndPongs()
    {
        return new long[] {pings.get(), pongs.get()};
    }

    /**
     * @return application pings (Bybit, OKX) received from clients.
     */
    public long clientPingsReceived()
    {
        return clientPings.get();
    }

    /**
     * @return malformed frames sent, over all connections.
     */
    public long malformedSent()
    {
        return malformed.get();
    }

    /**
     * @return oversized frames sent, over all connections.
     */
    public long oversizedSent()
    {
        return oversized.get();
    }

    /**
     * @return trade frames sent, over all connections.
     */
    public long tradesSent()
    {
        return tradesSent.get();
    }

    /**
     * @param venue  a venue.
     * @param symbol a symbol.
     * @return the last trade id on its tape (sent or not), -1 if the tape has not started.
     */
    public long lastTradeId(final Venue venue, final String symbol)
    {
        return loop.submit(() ->
        {
            final Tape tape = tapes.get(key(venue, symbol));
            return tape == null ? -1L : tape.lastTradeId;
        }).syncUninterruptibly().getNow();
    }

    /**
     * @param venue  a venue.
     * @param symbol a symbol.
     * @param id     a trade id its tape printed, still kept for the REST history.
     * @return that trade as the simulator printed it (sent on the wire or not), or null if not kept.
     */
    public SimTrade printed(final Venue venue, final String symbol, final long id)
    {
        return loop.submit(() ->
        {
            final Tape tape = tapes.get(key(venue, symbol));
            if (tape == null || id < tape.oldestKept() || id > tape.lastTradeId)
            {
                return null;
            }
            final SimTrade copy = new SimTrade();
            tape.kept(id, copy);
            return copy;
        }).syncUninterruptibly().getNow();
    }

    boolean stalled()
    {
        return System.nanoTime() < stalledUntilNs;
    }

    boolean tradesStalled()
    {
        return System.nanoTime() < tradesStalledUntilNs;
    }

    Tape tape(final Venue venue, final String symbol)
    {
        return tapes.computeIfAbsent(key(venue, symbol), ignored ->
        {
            final Tape tape = new Tape(venue, symbol, settings.rate(venue), System.nanoTime(), VenueProtocols.of(venue)
                .typicalTradeId());
            tapeList.add(tape);
            return tape;
        });
    }

    void subscribe(final SimSession session, final String symbol)
    {
        final Tape tape = tape(session.venue, symbol);
        if (!tape.subscribers.contains(session))
        {
            tape.subscribers.add(session);
        }
    }

    void unsubscribe(final SimSession session)
    {
        for (final Tape tape : tapes.values())
        {
            tape.subscribers.remove(session);
        }
    }

    private void tick()
    {
        final long nowNs = System.nanoTime();
        final boolean stalled = stalled() || tradesStalled();
        for (int t = 0; t < tapeList.size(); t++)
        {
            final Tape tape = tapeList.get(t);
            final long due = Math.min(tape.due(nowNs), tape.generated + MAX_TRADES_PER_TICK);
            boolean wrote = false;
            while (tape.generated < due)
            {
                wrote |= nextTrade(tape, stalled);
            }
            if (wrote)
            {
                for (int i = 0; i < tape.subscribers.size(); i++)
                {
                    tape.subscribers.get(i).channel.flush();
                }
            }
        }
    }

    private boolean nextTrade(final Tape tape, final boolean stalled)
    {
        final long index = tape.generated++;
        trade.tradeId = ++tape.lastTradeId;
        trade.scheduledNs = tape.scheduledNs(index);
        trade.timeMs = System.currentTimeMillis();
        model.next(trade.scheduledNs - startNs, tape.venue == Venue.COINBASE || tape.venue == Venue.COINBASE_ADVANCED,
            trade);
        if (tape.inverse)
        {
            // inverse contracts trade in USD: the model's base size at this price, in whole 10 USD contracts
            final double usd = trade.quantityMantissa / Math.pow(10, trade.quantityScale) *
                trade.priceMantissa / Math.pow(10, trade.priceScale);
            trade.quantityMantissa = Math.max(10, Math.round(usd / 10) * 10);
            trade.quantityScale = 0;
        }
        else if (tape.quanto)
        {
            // quanto contracts are whole: the model's size in thousandths becomes that many contracts
            trade.quantityScale = 0;
        }
        tape.lastPriceMantissa = trade.priceMantissa;
        tape.lastPriceScale = trade.priceScale;
        tape.keep(trade);
        final boolean dropped = settings.dropEvery() > 0 && trade.tradeId % settings.dropEvery() == 0;
        if (stalled || dropped || tape.subscribers.isEmpty())
        {
            return false;
        }
        frame.setLength(0);
        WireFormat.trade(tape.venue, tape.symbol, trade, frame);
        final ByteBuf bytes = ByteBufUtil.writeAscii(server.alloc(), frame);
        final boolean malformedToo = settings.malformedEvery() > 0 && (index + 1) % settings.malformedEvery() == 0;
        boolean anyone = false;
        for (int i = 0; i < tape.subscribers.size(); i++)
        {
            final SimSession session = tape.subscribers.get(i);
            if (session.muted)
            {
                continue;
            }
            anyone = true;
            tradesSent.incrementAndGet();
            if (session.writeOwnTrade(tape.symbol, trade, ownFrame))
            {
                continue;
            }
            session.channel.write(new TextWebSocketFrame(bytes.retainedDuplicate()), session.channel.voidPromise());
            if (malformedToo)
            {
                session.channel.write(new TextWebSocketFrame(bytes.retainedSlice(0, bytes.readableBytes() / 2)));
                session.malformedSent++;
                malformed.incrementAndGet();
            }
        }
        bytes.release();
        if (!anyone)
        {
            return false;
        }
        if (settings.oversizedEvery() > 0 && (index + 1) % settings.oversizedEvery() == 0)
        {
            for (final SimSession session : tape.subscribers)
            {
                session.channel.write(new TextWebSocketFrame(OVERSIZED.retainedDuplicate()));
                oversized.incrementAndGet();
            }
        }
        final TradeObserver current = observer;
        if (current != null)
        {
            current.onTradeSent(tape.venue, tape.symbol, trade);
        }
        return true;
    }

    private static String key(final Venue venue, final String symbol)
    {
        return venue.id() + '/' + symbol;
    }

    @Override
    public void close()
    {
        ticker.cancel(false);
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
