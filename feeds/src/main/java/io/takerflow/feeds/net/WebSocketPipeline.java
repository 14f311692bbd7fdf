package io.takerflow.feeds.net;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLParameters;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * Builds one feed connection's Netty pipeline: TLS (hostname verified) when the URL is {@code wss}, HTTP, the
 * WebSocket client handshake and frame aggregation up to the frame limit, then the connection's frame handler.
 * Once the handshake completes the connection puts a {@link TextPayloadDecoder} in front of Netty's frame decoder, so
 * data frames reach the venue decoder as payload bytes with no frame object. Knows nothing of venues or frames.
 */
final class WebSocketPipeline extends ChannelInitializer<SocketChannel>
{
    /** How long the TCP connect and the WebSocket handshake may each take. */
    static final int CONNECT_TIMEOUT_MS = 10_000;

    private final URI uri;
    private final int port;
    private final SslContext sslContext;
    private final int maxFrameBytes;
    private final ChannelHandler frames;
    private final Consumer<String> refusalBody;

    /**
     * @param uri           the WebSocket URL.
     * @param port          its port.
     * @param sslContext    TLS, or null for plain {@code ws}.
     * @param maxFrameBytes largest aggregated frame.
     * @param frames        the connection's frame handler.
     * @param refusalBody   given the body of a response that refused the upgrade (the exchange's words).
     */
    WebSocketPipeline(final URI uri, final int port, final SslContext sslContext, final int maxFrameBytes,
        final ChannelHandler frames, final Consumer<String> refusalBody)
    {
        this.refusalBody = refusalBody;
        this.uri = uri;
        this.port = port;
        this.sslContext = sslContext;
        this.maxFrameBytes = maxFrameBytes;
        this.frames = frames;
    }

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
            ssl.setHandshakeTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            pipeline.addLast(ssl);
        }
        pipeline.addLast(new HttpClientCodec());
        pipeline.addLast(new HttpObjectAggregator(1 << 16));
        pipeline.addLast(new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object message)
            {
                if (message instanceof FullHttpResponse &&
                    ((FullHttpResponse)message).status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code())
                {
                    final ByteBuf content = ((FullHttpResponse)message).content();
                    refusalBody.accept(content.toString(content.readerIndex(), Math.min(300, content.readableBytes()),
                        StandardCharsets.UTF_8).trim());
                }
                ctx.fireChannelRead(message);
            }
        });
        pipeline.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(maxFrameBytes)
            .handshakeTimeoutMillis(CONNECT_TIMEOUT_MS)
            .dropPongFrames(true)
            .build()));
        pipeline.addLast(new WebSocketFrameAggregator(maxFrameBytes));
        pipeline.addLast(frames);
    }
}
