package io.takerflow.sim;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Faults at the WebSocket upgrade, as venues produce them: the next N upgrade requests refused with an HTTP status
 * (Binance answers 429 with {@code Retry-After} when connections come too fast and 418 for a ban) and a JSON body,
 * or answered only after a delay (a slow venue while the old connection dies). Shared by every connection.
 */
final class HandshakeFaults
{
    final AtomicInteger refuseNext = new AtomicInteger();
    volatile int refuseStatus = 429;
    volatile String retryAfter;
    final AtomicInteger delayNext = new AtomicInteger();
    volatile long delayMs;

    /**
     * @return a handler for one connection, placed before the WebSocket server handshake.
     */
    SimpleChannelInboundHandler<FullHttpRequest> handler()
    {
        return new SimpleChannelInboundHandler<FullHttpRequest>()
        {
            @Override
            protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
            {
                if (!request.headers().contains(HttpHeaderNames.UPGRADE))
                {
                    ctx.fireChannelRead(request.retain());
                    return;
                }
                if (takeOne(refuseNext))
                {
                    final String body = "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 300 requests " +
                        "per 5 minutes.\"}";
                    final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(refuseStatus),
                        Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII));
                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                    if (retryAfter != null)
                    {
                        response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
                    }
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                if (takeOne(delayNext))
                {
                    request.retain();
                    ctx.channel().eventLoop().schedule(() -> ctx.fireChannelRead(request), delayMs,
                        TimeUnit.MILLISECONDS);
                    return;
                }
                ctx.fireChannelRead(request.retain());
            }
        };
    }

    private static boolean takeOne(final AtomicInteger remaining)
    {
        while (true)
        {
            final int left = remaining.get();
            if (left <= 0)
            {
                return false;
            }
            if (remaining.compareAndSet(left, left - 1))
            {
                return true;
            }
        }
    }
}
