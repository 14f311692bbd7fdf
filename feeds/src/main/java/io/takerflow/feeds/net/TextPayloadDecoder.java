package io.takerflow.feeds.net;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Reads the server's WebSocket frames (RFC 6455, unmasked) straight from the socket's bytes and hands each text
 * message's payload to the feed as a range of the receive buffer, so a data frame costs no frame object: Netty's
 * decoder would allocate a {@code TextWebSocketFrame} per frame. A fragmented message is joined in one buffer kept
 * for the connection. Control frames (ping, pong, close) are rare and go on as Netty's frame objects, so Netty's
 * protocol handler answers pings and close handshakes exactly as before; binary messages go to the feed as such.
 * <p>
 * Added in front of Netty's {@code ws-decoder} once the handshake completes, and from then on the only reader of the
 * connection's bytes.
 */
final class TextPayloadDecoder extends ByteToMessageDecoder
{
    /**
     * Where payloads go; called on the connection's event loop.
     */
    interface PayloadSink
    {
        /**
         * @param buffer holds the payload, valid during the call only.
         * @param index  where it starts.
         * @param length its length in bytes.
         */
        void onTextPayload(ByteBuf buffer, int index, int length);

        /**
         * @param buffer holds the payload of a binary message (no venue sends one; counted as malformed).
         * @param index  where it starts.
         * @param length its length.
         */
        void onBinaryPayload(ByteBuf buffer, int index, int length);
    }

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;

    private final int maxFrameBytes;
    private final PayloadSink sink;
    private ByteBuf fragments;
    private int fragmentedOpcode = -1;
    private boolean corrupt;

    /**
     * @param maxFrameBytes largest message, fragments joined; a larger one fails the connection as too big.
     * @param sink          where payloads go.
     */
    TextPayloadDecoder(final int maxFrameBytes, final PayloadSink sink)
    {
        this.maxFrameBytes = maxFrameBytes;
        this.sink = sink;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        if (corrupt)
        {
            in.skipBytes(in.readableBytes());
            return;
        }
        try
        {
            decodeFrames(ctx, in);
        }
        catch (final CorruptedWebSocketFrameException ex)
        {
            corrupt = true;
            in.skipBytes(in.readableBytes());
            throw ex;
        }
    }

    /**
     * After a corrupt or oversized frame nothing more is read from the connection: it is being closed, as Netty's own
     * decoder does.
     */
    private void decodeFrames(final ChannelHandlerContext ctx, final ByteBuf in)
    {
        while (in.readableBytes() >= 2)
        {
            final int start = in.readerIndex();
            final int first = in.getUnsignedByte(start);
            final int second = in.getUnsignedByte(start + 1);
            final boolean fin = (first & 0x80) != 0;
            final int opcode = first & 0x0F;
            if ((first & 0x70) != 0)
            {
                throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "a frame with reserved bits set and no extension negotiated");
            }
            if ((second & 0x80) != 0)
            {
                throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "a masked frame from the server");
            }
            int headerLength = 2;
            long length = second & 0x7F;
            if (length == 126)
            {
                if (in.readableBytes() < 4)
                {
                    return;
                }
                length = in.getUnsignedShort(start + 2);
                headerLength = 4;
            }
            else if (length == 127)
            {
                if (in.readableBytes() < 10)
                {
                    return;
                }
                length = in.getLong(start + 2);
                headerLength = 10;
            }
            if (length < 0 || length > maxFrameBytes ||
                (opcode == OPCODE_CONTINUATION && fragments != null && fragments.readableBytes() +
                length > maxFrameBytes))
            {
                throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "a message of more than " + maxFrameBytes + " bytes");
            }
            if (in.readableBytes() < headerLength + length)
            {
                return;
            }
            final int payload = start + headerLength;
            final int size = (int)length;
            in.readerIndex(payload + size);
            onFrame(ctx, fin, opcode, in, payload, size);
        }
    }

    private void onFrame(
        final ChannelHandlerContext ctx, final boolean fin, final int opcode, final ByteBuf in, final int at,
        final int size)
    {
        switch (opcode)
        {
            case OPCODE_TEXT:
            case OPCODE_BINARY:
                if (fragmentedOpcode != -1)
                {
                    throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                        "a new message before the last fragmented one finished");
                }
                if (fin)
                {
                    deliver(opcode, in, at, size);
                }
                else
                {
                    fragmentedOpcode = opcode;
                    fragments().clear().writeBytes(in, at, size);
                }
                break;
            case OPCODE_CONTINUATION:
                if (fragmentedOpcode == -1)
                {
                    throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                        "a continuation frame with no message to continue");
                }
                fragments.writeBytes(in, at, size);
                if (fin)
                {
                    final int whole = fragmentedOpcode;
                    fragmentedOpcode = -1;
                    deliver(whole, fragments, fragments.readerIndex(), fragments.readableBytes());
                    fragments.clear();
                }
                break;
            case OPCODE_PING:
                ctx.fireChannelRead(new PingWebSocketFrame(in.retainedSlice(at, size)));
                break;
            case OPCODE_PONG:
                ctx.fireChannelRead(new PongWebSocketFrame(in.retainedSlice(at, size)));
                break;
            case OPCODE_CLOSE:
                ctx.fireChannelRead(new CloseWebSocketFrame(true, 0, in.retainedSlice(at, size)));
                break;
            default:
                throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "a frame with unknown opcode " + opcode);
        }
    }

    private void deliver(final int opcode, final ByteBuf buffer, final int at, final int size)
    {
        if (opcode == OPCODE_TEXT)
        {
            sink.onTextPayload(buffer, at, size);
        }
        else
        {
            sink.onBinaryPayload(buffer, at, size);
        }
    }

    private ByteBuf fragments()
    {
        if (fragments == null)
        {
            fragments = io.netty.buffer.Unpooled.buffer(Math.min(maxFrameBytes, 1 << 16), maxFrameBytes);
        }
        return fragments;
    }

    @Override
    protected void handlerRemoved0(final ChannelHandlerContext ctx)
    {
        if (fragments != null)
        {
            fragments.release();
            fragments = null;
        }
    }
}
