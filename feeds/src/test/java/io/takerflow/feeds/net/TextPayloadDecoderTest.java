package io.takerflow.feeds.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The payload decoder against server frames as Netty's own RFC 6455 encoder writes them (unmasked, as a server
 * sends): short, 16-bit and 64-bit lengths, a fragmented message, a ping between fragments, bytes arriving one at a
 * time, a binary message and a message over the limit.
 */
class TextPayloadDecoderTest
{
    private final List<String> texts = new ArrayList<>();
    private final List<String> binaries = new ArrayList<>();
    private final TextPayloadDecoder.PayloadSink sink = new TextPayloadDecoder.PayloadSink()
    {
        @Override
        public void onTextPayload(final ByteBuf buffer, final int index, final int length)
        {
            texts.add(buffer.toString(index, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onBinaryPayload(final ByteBuf buffer, final int index, final int length)
        {
            binaries.add(buffer.toString(index, length, StandardCharsets.UTF_8));
        }
    };

    @Test
    void everyTextMessageReachesTheFeedWholeAndControlFramesGoOnAsNettyFrames()
    {
        final String small = "{\"e\":\"aggTrade\",\"p\":\"100.5\"}";
        final String medium = "{\"data\":\"" + "x".repeat(300) + "\"}";
        final String large = "{\"data\":\"" + "y".repeat(70_000) + "\"}";
        final ByteBuf wire = Unpooled.buffer();
        wire.writeBytes(serverBytes(new TextWebSocketFrame(small)));
        wire.writeBytes(serverBytes(new TextWebSocketFrame(medium)));
        wire.writeBytes(serverBytes(new TextWebSocketFrame(large)));
        wire.writeBytes(serverBytes(new TextWebSocketFrame(false, 0,
            Unpooled.copiedBuffer("{\"a\":", StandardCharsets.UTF_8))));
        wire.writeBytes(serverBytes(new PingWebSocketFrame(Unpooled.copiedBuffer("keep", StandardCharsets.UTF_8))));
        wire.writeBytes(serverBytes(new ContinuationWebSocketFrame(false, 0, "12")));
        wire.writeBytes(serverBytes(new ContinuationWebSocketFrame(true, 0, "3}")));
        wire.writeBytes(serverBytes(new BinaryWebSocketFrame(Unpooled.copiedBuffer("bin", StandardCharsets.UTF_8))));

        final EmbeddedChannel channel = new EmbeddedChannel(new TextPayloadDecoder(100_000, sink));
        final int half = wire.readableBytes() / 2;
        for (int i = 0; i < 40; i++)
        {
            channel.writeInbound(wire.readRetainedSlice(1));
        }
        channel.writeInbound(wire.readRetainedSlice(half - 40));
        channel.writeInbound(wire.readRetainedSlice(wire.readableBytes()));

        assertThat(texts).containsExactly(small, medium, large, "{\"a\":123}");
        assertThat(binaries).containsExactly("bin");
        final Object ping = channel.readInbound();
        assertThat(ping).isInstanceOf(PingWebSocketFrame.class);
        assertThat(((PingWebSocketFrame)ping).content().toString(StandardCharsets.UTF_8)).isEqualTo("keep");
        ((PingWebSocketFrame)ping).release();
        assertThat((Object)channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void aMessageOverTheLimitFailsTheConnectionAsTooBig()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new TextPayloadDecoder(1000, sink));
        assertThatThrownBy(() -> channel.writeInbound(serverBytes(new TextWebSocketFrame("z".repeat(1001)))))
            .isInstanceOfSatisfying(CorruptedWebSocketFrameException.class,
                ex -> assertThat(ex.closeStatus()).isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG));
        channel.writeInbound(serverBytes(new TextWebSocketFrame("{}")));
        assertThat(texts).as("nothing is read after the connection failed").isEmpty();
    }

    @Test
    void aContinuationWithNothingToContinueIsAProtocolError()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new TextPayloadDecoder(1000, sink));
        assertThatThrownBy(() -> channel.writeInbound(serverBytes(new ContinuationWebSocketFrame(true, 0, "x"))))
            .isInstanceOfSatisfying(CorruptedWebSocketFrameException.class,
                ex -> assertThat(ex.closeStatus()).isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR));
    }

    /**
     * @return the frame as a server puts it on the wire, written by Netty's encoder (no mask).
     */
    private static ByteBuf serverBytes(final WebSocketFrame frame)
    {
        final EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        encoder.writeOutbound(frame);
        final ByteBuf bytes = Unpooled.buffer();
        for (ByteBuf part = encoder.readOutbound(); part != null; part = encoder.readOutbound())
        {
            bytes.writeBytes(part);
            part.release();
        }
        encoder.finishAndReleaseAll();
        return bytes;
    }
}
