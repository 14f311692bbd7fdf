package io.takerflow.sim;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;

/**
 * Sees the WebSocket ping frames a client sends, before Netty's protocol handler answers them with a pong (and
 * passes them no further): counted, and told to the connection's session, which may require them (Kraken Futures).
 */
final class PingFrames extends ChannelInboundHandlerAdapter
{
    private final ExchangeSimulator simulator;

    PingFrames(final ExchangeSimulator simulator)
    {
        this.simulator = simulator;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) throws Exception
    {
        if (msg instanceof PingWebSocketFrame)
        {
            simulator.pingFramesReceived.incrementAndGet();
            final SimSession session = ctx.pipeline().get(SimSession.class);
            if (session != null)
            {
                session.onPingFrame();
            }
        }
        super.channelRead(ctx, msg);
    }
}
