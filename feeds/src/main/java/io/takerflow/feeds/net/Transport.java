package io.takerflow.feeds.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport: native epoll where the platform has it, NIO otherwise.
 */
public final class Transport
{
    private Transport()
    {
    }

    /**
     * @return true if the native epoll transport is in use.
     */
    public static boolean isNative()
    {
        return Epoll.isAvailable();
    }

    /**
     * @param threads event-loop threads.
     * @return a new event-loop group on the best transport.
     */
    public static EventLoopGroup newGroup(final int threads)
    {
        final IoHandlerFactory factory = isNative() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    /**
     * @return the client socket channel class matching {@link #newGroup(int)}.
     */
    public static Class<? extends SocketChannel> socketChannel()
    {
        return isNative() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * @return the server socket channel class matching {@link #newGroup(int)}.
     */
    public static Class<? extends ServerSocketChannel> serverSocketChannel()
    {
        return isNative() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
