package io.takerflow.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.takerflow.engine.input.Venue;

/**
 * One client connection to the simulator. The handshake path picks the venue as the real endpoints do
 * ({@code /market/stream?streams=} Binance USD-M, {@code /stream?streams=} Binance spot, {@code /} Coinbase
 * Exchange or Advanced by their subscribe message, {@code /v5/public/linear|spot} Bybit, {@code /ws/v5/public}
 * OKX, {@code /ws} Hyperliquid, {@code /ws/2} Bitfinex, {@code /} Kraken and Bitstamp by
 * their subscribe messages, {@code /ws/api/v2} Deribit, {@code /realtime} BitMEX, {@code /ws/v1} Kraken
 * Futures, {@code /v4/ws/usdt|btc} Gate futures); subscribe messages and application pings get the venue's replies.
 */
final class SimSession extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern PRODUCT_IDS = Pattern.compile("\"product_ids\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern OKX_INST = Pattern.compile("\"instId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HYPERLIQUID_COIN = Pattern.compile("\"coin\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern BITFINEX_SYMBOL = Pattern.compile("\"symbol\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern KRAKEN_PAIRS = Pattern.compile("\"pair\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern BITSTAMP_CHANNEL = Pattern.compile("\"channel\"\\s*:\\s*\"live_trades_([^\"]+)\"");
    private static final Pattern BYBIT_ARGS = Pattern.compile("\"args\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern KRAKEN_FUTURES_PRODUCTS = Pattern.compile("\"product_ids\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern GATE_TIME = Pattern.compile("\"time\"\\s*:\\s*(\\d+)");
    private static final Pattern GATE_PAYLOAD = Pattern.compile("\"payload\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern JSONRPC_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern DERIBIT_CHANNELS = Pattern.compile("\"channels\"\\s*:\\s*\\[([^\\]]*)\\]");

    private final ExchangeSimulator simulator;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile long lastPingFrameNs;
    Channel channel;
    Venue venue;
    long malformedSent;
    volatile boolean muted;
    private boolean testRequestOutstanding;
    private String path;
    private final java.util.Map<String, Long> bitfinexChannels = new java.util.LinkedHashMap<>();
    private ScheduledFuture<?> bitfinexHeartbeats;
    private boolean bitfinexSequenced;
    private long bitfinexSequence;

    SimSession(final ExchangeSimulator simulator)
    {
        this.simulator = simulator;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
        {
            channel = ctx.channel();
            onHandshake(((WebSocketServerProtocolHandler.HandshakeComplete)event).requestUri());
        }
        super.userEventTriggered(ctx, event);
    }

    private void onHandshake(final String requestUri)
    {
        simulator.connections.incrementAndGet();
        final QueryStringDecoder query = new QueryStringDecoder(requestUri);
        path = query.path();
        switch (path)
        {
            case "/market/stream":
            case "/stream":
                venue = path.equals("/stream") ? Venue.BINANCE_SPOT : Venue.BINANCE_USDM;
                final List<String> streams = query.parameters().get("streams");
                if (streams == null || streams.isEmpty())
                {
                    reject("missing ?streams=");
                    return;
                }
                for (final String stream : simulator.ignoreSubscriptions ? new String[0] : streams.get(0).split("/"))
                {
                    final int at = stream.indexOf('@');
                    if (at <= 0)
                    {
                        reject("bad stream " + stream);
                        return;
                    }
                    simulator.subscribe(this, stream.substring(0, at).toUpperCase(Locale.ROOT));
                }
                if (simulator.settings().pingIntervalNs() > 0)
                {
                    final long interval = simulator.settings().pingIntervalNs();
                    tasks.add(channel.eventLoop().scheduleAtFixedRate(this::ping, interval, interval,
                        TimeUnit.NANOSECONDS));
                }
                break;
            case "/":
                tasks.add(channel.eventLoop().schedule(() ->
                {
                    if (venue == null)
                    {
                        reject("no subscribe message within 5 s");
                    }
                }, 5, TimeUnit.SECONDS));
                break;
            case "/v5/public/linear":
                venue = Venue.BYBIT_LINEAR;
                break;
            case "/v5/public/spot":
                venue = Venue.BYBIT_SPOT;
                break;
            case "/ws/v5/public":
                venue = Venue.OKX;
                break;
            case "/ws":
                venue = Venue.HYPERLIQUID;
                break;
            case "/ws/2":
                venue = Venue.BITFINEX;
                send("{\"event\":\"info\",\"version\":2,\"serverId\":\"sim\",\"platform\":{\"status\":1}}");
                break;
            case "/ws/api/v2":
                venue = Venue.DERIBIT;
                break;
            case "/ws/v1":
                venue = Venue.KRAKEN_FUTURES;
                send("{\"event\":\"info\",\"version\":1}");
                watchPings(simulator.krakenFuturesPingTimeoutNs);
                break;
            case "/v4/ws/usdt":
            case "/v4/ws/btc":
                venue = Venue.GATE_FUTURES;
                break;
            case "/realtime":
                venue = Venue.BITMEX;
                send(WireFormat.bitmexWelcome());
                break;
            default:
                reject("unknown path " + path);
                return;
        }
        final long lifetime = simulator.settings().connectionLifetimeNs();
        if (lifetime > 0)
        {
            tasks.add(channel.eventLoop().schedule(this::endOfLife, lifetime, TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Kraken Futures: "In order to keep the websocket connection alive, you will need to make a ping request at least
     * every 60 seconds": a connection without a ping frame for that long is closed.
     */
    private void watchPings(final long timeoutNs)
    {
        lastPingFrameNs = System.nanoTime();
        final long checkNs = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNs / 4);
        tasks.add(channel.eventLoop().scheduleAtFixedRate(() ->
        {
            if (System.nanoTime() - lastPingFrameNs > timeoutNs)
            {
                channel.close();
            }
        }, checkNs, checkNs, TimeUnit.NANOSECONDS));
    }

    /**
     * The client sent a WebSocket ping frame (seen by {@link PingFrames} before Netty answers it).
     */
    void onPingFrame()
    {
        lastPingFrameNs = System.nanoTime();
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof PongWebSocketFrame)
        {
            simulator.pongs.incrementAndGet();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame))
        {
            return;
        }
        final String text = ((TextWebSocketFrame)frame).text();
        if (venue == Venue.DERIBIT)
        {
            onDeribitRequest(text);
        }
        else if (text.contains("\"futures.ping\""))
        {
            simulator.clientPings.incrementAndGet();
            final long now = System.currentTimeMillis();
            send("{\"time\":" + now / 1000 + ",\"time_ms\":" + now + ",\"channel\":\"futures.pong\",\"event\":\"\"," +
                "\"result\":null}");
        }
        else if (text.equals("ping"))
        {
            simulator.clientPings.incrementAndGet();
            send("pong");
        }
        else if (text.contains("\"op\":\"ping\""))
        {
            simulator.clientPings.incrementAndGet();
            send("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"sim-" + channel.id().asShortText() +
                "\",\"op\":\"ping\"}");
        }
        else if (venue == Venue.HYPERLIQUID && text.contains("\"method\":\"ping\""))
        {
            simulator.clientPings.incrementAndGet();
            send("{\"channel\":\"pong\"}");
        }
        else if (venue == Venue.BITFINEX && text.contains("\"event\":\"conf\""))
        {
            bitfinexSequenced = text.contains("65536");
            send("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":" + (bitfinexSequenced ? 65536 : 0) + "}");
        }
        else if (text.contains("\"subscribe\"") || text.contains("\"bts:subscribe\""))
        {
            onSubscribe(text);
        }
    }

    private void onSubscribe(final String text)
    {
        if (simulator.ignoreSubscriptions)
        {
            return;
        }
        final boolean refuse = simulator.refuseSubscriptions;
        if (path.equals("/") && text.contains("\"bts:subscribe\""))
        {
            onBitstampSubscribe(text, refuse);
        }
        else if (path.equals("/") && text.contains("\"event\":\"subscribe\"") && text.contains("\"pair\""))
        {
            onKrakenSubscribe(text, refuse);
        }
        else if (path.equals("/"))
        {
            final boolean advanced = text.contains("\"channel\"");
            final List<String> products = quoted(PRODUCT_IDS, text);
            if (venue == null)
            {
                venue = advanced ? Venue.COINBASE_ADVANCED : Venue.COINBASE;
            }
            if (refuse)
            {
                send(advanced ? WireFormat.coinbaseAdvancedSubscribeError() :
                    WireFormat.coinbaseSubscribeError(products.isEmpty() ? "" : products.get(0)));
                return;
            }
            final long nowMs = System.currentTimeMillis();
            if (!advanced)
            {
                send("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"matches\",\"product_ids\":" +
                    json(products) + "},{\"name\":\"heartbeat\",\"product_ids\":" + json(products) + "}]}");
                for (final String product : products)
                {
                    send(WireFormat.coinbaseLastMatch(product, simulator.tape(venue, product), nowMs));
                    simulator.subscribe(this, product);
                }
                startHeartbeats(products);
            }
            else if (text.contains("\"market_trades\""))
            {
                send("{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":\"" + java.time.Instant.now() +
                    "\",\"sequence_num\":0,\"events\":[{\"subscriptions\":{\"market_trades\":" + json(products) +
                    "}}]}");
                for (final String product : products)
                {
                    send(WireFormat.coinbaseAdvancedSnapshot(product, simulator.tape(venue, product), 3, nowMs));
                    simulator.subscribe(this, product);
                }
            }
            else if (text.contains("\"heartbeats\""))
            {
                startHeartbeats(products);
            }
        }
        else if (venue == Venue.GATE_FUTURES)
        {
            final long now = System.currentTimeMillis();
            final List<String> contracts = quoted(GATE_PAYLOAD, text);
            final Matcher time = GATE_TIME.matcher(text);
            if (!time.find() || Math.abs(Long.parseLong(time.group(1)) * 1000 - now) >
                simulator.gateRequestTimeToleranceMs + 999)
            {
                send("{\"time\":" + now / 1000 + ",\"time_ms\":" + now + ",\"channel\":\"futures.trades\"," +
                    "\"event\":\"subscribe\",\"error\":{\"code\":2,\"message\":\"request time out of range\"}," +
                    "\"result\":{\"status\":\"fail\"}}");
                return;
            }
            if (refuse)
            {
                send("{\"time\":" + now / 1000 + ",\"time_ms\":" + now + ",\"channel\":\"futures.trades\"," +
                    "\"event\":\"subscribe\",\"error\":{\"code\":2,\"message\":\"unknown contract " +
                    String.join(",", contracts) + "\"},\"result\":{\"status\":\"fail\"}}");
                return;
            }
            send("{\"time\":" + now / 1000 + ",\"time_ms\":" + now + ",\"channel\":\"futures.trades\"," +
                "\"event\":\"subscribe\",\"error\":null,\"result\":{\"status\":\"success\"}}");
            for (final String contract : contracts)
            {
                simulator.subscribe(this, contract);
            }
        }
        else if (venue == Venue.KRAKEN_FUTURES)
        {
            if (text.contains("\"heartbeat\""))
            {
                send("{\"event\":\"subscribed\",\"feed\":\"heartbeat\"}");
                final long interval = simulator.settings().heartbeatIntervalNs();
                tasks.add(channel.eventLoop().scheduleAtFixedRate(() ->
                {
                    if (!simulator.stalled() && !muted)
                    {
                        send("{\"feed\":\"heartbeat\",\"time\":" + System.currentTimeMillis() + "}");
                    }
                }, interval, interval, TimeUnit.NANOSECONDS));
                return;
            }
            final long nowMs = System.currentTimeMillis();
            for (final String product : quoted(KRAKEN_FUTURES_PRODUCTS, text))
            {
                if (refuse)
                {
                    send("{\"event\":\"error\",\"message\":\"Invalid product id\"}");
                    continue;
                }
                send("{\"event\":\"subscribed\",\"feed\":\"trade\",\"product_ids\":[\"" + product + "\"]}");
                send(WireFormat.krakenFuturesSnapshot(product, simulator.tape(venue, product), 100, nowMs));
                simulator.subscribe(this, product);
            }
        }
        else if (venue == Venue.BITMEX)
        {
            final long nowMs = System.currentTimeMillis();
            for (final String topic : quoted(BYBIT_ARGS, text))
            {
                if (refuse)
                {
                    send(WireFormat.bitmexError(topic, text));
                    continue;
                }
                send(WireFormat.bitmexSubscribed(topic, text));
                final String symbol = topic.substring(topic.indexOf(':') + 1);
                send(WireFormat.bitmexPartial(symbol, simulator.tape(venue, symbol), nowMs));
                simulator.subscribe(this, symbol);
            }
        }
        else if ((venue == Venue.BYBIT_LINEAR || venue == Venue.BYBIT_SPOT) && refuse)
        {
            send(WireFormat.bybitSubscribeError("sim-" + channel.id().asShortText(),
                String.join(",", quoted(BYBIT_ARGS, text))));
        }
        else if (venue == Venue.OKX && refuse)
        {
            final Matcher matcher = OKX_INST.matcher(text);
            send(WireFormat.okxSubscribeError(matcher.find() ? matcher.group(1) : ""));
        }
        else if (venue == Venue.BYBIT_LINEAR || venue == Venue.BYBIT_SPOT)
        {
            send("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"sim-" + channel.id().asShortText() +
                "\",\"req_id\":\"\",\"op\":\"subscribe\"}");
            for (final String topic : quoted(BYBIT_ARGS, text))
            {
                simulator.subscribe(this, topic.substring(topic.indexOf('.') + 1));
            }
        }
        else if (venue == Venue.BITFINEX)
        {
            final Matcher matcher = BITFINEX_SYMBOL.matcher(text);
            while (matcher.find())
            {
                final String symbol = matcher.group(1);
                if (refuse)
                {
                    send(WireFormat.bitfinexSubscribeError(symbol));
                    continue;
                }
                final String pair = symbol.substring(1);
                final long channelId = 200_000 + bitfinexChannels.size() * 17 + 3;
                bitfinexChannels.put(pair, channelId);
                send("{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":" + channelId + ",\"symbol\":\"" +
                    symbol + "\",\"pair\":\"" + pair + "\"}");
                send(WireFormat.bitfinexSnapshot(channelId, simulator.tape(venue, pair), 30, System.currentTimeMillis(),
                    bitfinexSequenced ? nextBitfinexSequence() : 0));
                simulator.subscribe(this, pair);
            }
            if (bitfinexHeartbeats == null && !bitfinexChannels.isEmpty())
            {
                final long interval = simulator.settings().heartbeatIntervalNs();
                bitfinexHeartbeats = channel.eventLoop().scheduleAtFixedRate(() ->
                {
                    if (!simulator.stalled() && !muted)
                    {
                        for (final long channelId : bitfinexChannels.values())
                        {
                            send("[" + channelId + ",\"hb\"" + sequenceSuffix() + "]");
                        }
                    }
                }, interval, interval, TimeUnit.NANOSECONDS);
                tasks.add(bitfinexHeartbeats);
            }
        }
        else if (venue == Venue.HYPERLIQUID)
        {
            final Matcher matcher = HYPERLIQUID_COIN.matcher(text);
            while (matcher.find())
            {
                final String coin = matcher.group(1);
                if (refuse)
                {
                    send(WireFormat.hyperliquidSubscribeError(coin));
                    continue;
                }
                send("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\",\"subscription\":" +
                    "{\"type\":\"trades\",\"coin\":\"" + coin + "\"}}}");
                send(WireFormat.hyperliquidSnapshot(coin, simulator.tape(venue, coin), 30, System.currentTimeMillis()));
                simulator.subscribe(this, coin);
            }
        }
        else if (venue == Venue.OKX)
        {
            final Matcher matcher = OKX_INST.matcher(text);
            while (matcher.find())
            {
                send("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"trades\",\"instId\":\"" + matcher.group(1) +
                    "\"},\"connId\":\"sim\"}");
                simulator.subscribe(this, matcher.group(1));
            }
        }
    }

    private void onBitstampSubscribe(final String text, final boolean refuse)
    {
        venue = Venue.BITSTAMP;
        final Matcher matcher = BITSTAMP_CHANNEL.matcher(text);
        while (matcher.find())
        {
            if (refuse)
            {
                send("{\"event\":\"bts:error\",\"channel\":\"\",\"data\":{\"code\":null,\"message\":" +
                    "\"Bad subscription string.\"}}");
                continue;
            }
            send("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"live_trades_" + matcher.group(1) +
                "\",\"data\":{}}");
            simulator.subscribe(this, matcher.group(1));
        }
    }

    private void onKrakenSubscribe(final String text, final boolean refuse)
    {
        venue = Venue.KRAKEN;
        for (final String pair : quoted(KRAKEN_PAIRS, text))
        {
            if (refuse)
            {
                send(WireFormat.krakenSubscribeError(pair));
                continue;
            }
            send(WireFormat.krakenSubscribed(pair));
            simulator.subscribe(this, pair);
        }
        if (!refuse)
        {
            final long interval = simulator.settings().heartbeatIntervalNs();
            tasks.add(channel.eventLoop().scheduleAtFixedRate(() ->
            {
                if (!simulator.stalled() && !muted)
                {
                    send("{\"event\":\"heartbeat\"}");
                }
            }, interval, interval, TimeUnit.NANOSECONDS));
        }
    }

    private long nextBitfinexSequence()
    {
        return ++bitfinexSequence;
    }

    void loseMessages(final int messages)
    {
        bitfinexSequence += venue == Venue.BITFINEX && bitfinexSequenced ? messages : 0;
    }

    private String sequenceSuffix()
    {
        return bitfinexSequenced ? "," + nextBitfinexSequence() : "";
    }

    /**
     * Writes one trade in a wire format whose frames differ per connection (Bitfinex: the channel id and the
     * connection's sequence), unflushed.
     *
     * @return false if this session's venue shares one frame between connections.
     */
    boolean writeOwnTrade(final String symbol, final SimTrade trade, final StringBuilder scratch)
    {
        if (venue != Venue.BITFINEX)
        {
            return false;
        }
        final Long channelId = bitfinexChannels.get(symbol);
        for (final String type : new String[] {"te", "tu"})
        {
            scratch.setLength(0);
            WireFormat.bitfinexTrade(scratch, channelId, type, trade.tradeId, trade.timeMs, trade.takerSide,
                trade.quantityMantissa, trade.quantityScale, trade.priceMantissa, trade.priceScale,
                bitfinexSequenced ? nextBitfinexSequence() : 0);
            channel.write(new TextWebSocketFrame(scratch.toString()), channel.voidPromise());
        }
        return true;
    }

    /**
     * Deribit JSON-RPC: {@code public/subscribe} answered with the channels subscribed (or an error when refusing),
     * {@code public/set_heartbeat} with {@code "ok"} and then a {@code test_request} every heartbeat interval; a
     * test request still unanswered when the next is due closes the connection, as Deribit does.
     */
    private void onDeribitRequest(final String text)
    {
        final Matcher id = JSONRPC_ID.matcher(text);
        final long requestId = id.find() ? Long.parseLong(id.group(1)) : 0;
        if (text.contains("\"public/subscribe\""))
        {
            if (simulator.ignoreSubscriptions)
            {
                return;
            }
            if (simulator.refuseSubscriptions)
            {
                send(WireFormat.deribitError(requestId));
                return;
            }
            final List<String> channels = quoted(DERIBIT_CHANNELS, text);
            send(WireFormat.deribitSubscribed(requestId, channels));
            for (final String channel : channels)
            {
                final String[] parts = channel.split("\\.");
                if (parts.length == 3 && parts[0].equals("trades"))
                {
                    simulator.subscribe(this, parts[1]);
                }
            }
        }
        else if (text.contains("\"public/set_heartbeat\""))
        {
            send(WireFormat.deribitResult(requestId, "\"ok\""));
            final long interval = simulator.settings().heartbeatIntervalNs();
            tasks.add(channel.eventLoop().scheduleAtFixedRate(() ->
            {
                if (simulator.stalled() || muted)
                {
                    return;
                }
                if (testRequestOutstanding)
                {
                    closeNow();
                    return;
                }
                testRequestOutstanding = true;
                send(WireFormat.deribitHeartbeat(true));
            }, interval, interval, TimeUnit.NANOSECONDS));
        }
        else if (text.contains("\"public/test\""))
        {
            simulator.clientPings.incrementAndGet();
            testRequestOutstanding = false;
            send(WireFormat.deribitResult(requestId, "{\"version\":\"1.2.26\"}"));
        }
    }

    private void startHeartbeats(final List<String> products)
    {
        final long interval = simulator.settings().heartbeatIntervalNs();
        final long[] counter = {0};
        tasks.add(channel.eventLoop().scheduleAtFixedRate(() ->
        {
            if (simulator.stalled() || muted)
            {
                return;
            }
            final long nowMs = System.currentTimeMillis();
            if (venue == Venue.COINBASE)
            {
                for (final String product : products)
                {
                    final Tape tape = simulator.tape(venue, product);
                    send(WireFormat.coinbaseHeartbeat(product, tape.lastTradeId, tape.lastTradeId * 7, nowMs));
                }
            }
            else
            {
                send(WireFormat.coinbaseAdvancedHeartbeat(++counter[0], nowMs));
            }
        }, interval, interval, TimeUnit.NANOSECONDS));
    }

    private void ping()
    {
        if (!simulator.stalled())
        {
            simulator.pings.incrementAndGet();
            channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(
                Long.toString(System.currentTimeMillis()), StandardCharsets.US_ASCII)));
        }
    }

    private void endOfLife()
    {
        if (venue == Venue.BINANCE_USDM || venue == Venue.BINANCE_SPOT)
        {
            send(WireFormat.binanceServerShutdown(System.currentTimeMillis()));
            if (simulator.settings().muteAfterShutdownNotice())
            {
                muted = true;
            }
            tasks.add(channel.eventLoop().schedule(this::closeNow, simulator.settings().shutdownGraceNs(),
                TimeUnit.NANOSECONDS));
        }
        else
        {
            closeNow();
        }
    }

    void closeNow()
    {
        channel.writeAndFlush(new CloseWebSocketFrame(1001, "going away")).addListener(ChannelFutureListener.CLOSE);
    }

    private void reject(final String reason)
    {
        channel.writeAndFlush(new CloseWebSocketFrame(1008, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private void send(final String text)
    {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        tasks.forEach(task -> task.cancel(false));
        simulator.unsubscribe(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }

    private static List<String> quoted(final Pattern list, final String text)
    {
        final List<String> values = new ArrayList<>();
        final Matcher outer = list.matcher(text);
        while (outer.find())
        {
            final Matcher inner = QUOTED.matcher(outer.group(1));
            while (inner.find())
            {
                values.add(inner.group(1));
            }
        }
        return values;
    }

    private static String json(final List<String> values)
    {
        final StringBuilder out = new StringBuilder("[");
        for (final String value : values)
        {
            out.append(out.length() == 1 ? "" : ",").append('"').append(value).append('"');
        }
        return out.append(']').toString();
    }
}
