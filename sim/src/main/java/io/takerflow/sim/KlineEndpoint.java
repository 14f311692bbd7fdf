package io.takerflow.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * {@code GET /fapi/v1/klines} as Binance USD-M answers it, and {@code GET /api/v3/klines} as Binance spot does:
 * arrays of twelve columns, volumes as decimal strings, the trade count in column 8, taker buy base volume in
 * column 9. Bars come from {@link OrderFlowModel#bar(long, long)} (spot's from another seed), only bars already
 * closed are served, at most {@code limit} (default 500, max 1500 on USD-M, 1000 on spot) from {@code startTime}.
 * Other requests pass on to the WebSocket handshake.
 */
final class KlineEndpoint extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private static final String PATH = "/fapi/v1/klines";
    private static final String SPOT_PATH = "/api/v3/klines";
    /** Spot bars are the model's bars from the seed xor this, so the two venues' klines differ. */
    static final long SPOT_SEED = 0x5B07L;

    private final long seed;

    KlineEndpoint(final long seed)
    {
        this.seed = seed;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        final boolean spot = query.path().equals(SPOT_PATH);
        if (!query.path().equals(PATH) && !spot)
        {
            ctx.fireChannelRead(request.retain());
            return;
        }
        String body;
        HttpResponseStatus status = HttpResponseStatus.OK;
        try
        {
            body = klines(query.parameters(), System.currentTimeMillis(), spot);
        }
        catch (final IllegalArgumentException ex)
        {
            status = HttpResponseStatus.BAD_REQUEST;
            body = "{\"code\":-1100,\"msg\":\"" + ex.getMessage() + "\"}";
        }
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    String klines(final Map<String, List<String>> parameters, final long nowMs)
    {
        return klines(parameters, nowMs, false);
    }

    String klines(final Map<String, List<String>> parameters, final long nowMs, final boolean spot)
    {
        final long intervalMs = intervalMs(single(parameters, "interval", null));
        final long endMs = Long.parseLong(single(parameters, "endTime", Long.toString(nowMs)));
        final int limit = Math.min(spot ? 1000 : 1500, Integer.parseInt(single(parameters, "limit", "500")));
        final long defaultStart = endMs - limit * intervalMs;
        final long startMs = Long.parseLong(single(parameters, "startTime", Long.toString(defaultStart)));
        final StringBuilder out = new StringBuilder(limit * 120).append('[');
        int bars = 0;
        for (long open = Math.floorDiv(startMs + intervalMs - 1, intervalMs) * intervalMs;
            open <= endMs && open + intervalMs <= nowMs && bars < limit; open += intervalMs)
        {
            final long[] bar = OrderFlowModel.bar(spot ? seed ^ SPOT_SEED : seed, open);
            final int scale = OrderFlowModel.barScale();
            out.append(bars++ == 0 ? "" : ",").append('[').append(open)
                .append(",\"65000.00\",\"65100.00\",\"64900.00\",")
                .append("\"65000.00\",\"");
            WireFormat.decimal(out, bar[1], scale).append("\",").append(open + intervalMs - 1).append(",\"");
            WireFormat.decimal(out, bar[1] * 65, scale).append("\",").append(bar[1] / 1000 + 1).append(",\"");
            WireFormat.decimal(out, bar[0], scale).append("\",\"");
            WireFormat.decimal(out, bar[0] * 65, scale).append("\",\"0\"]");
        }
        return out.append(']').toString();
    }

    static long intervalMs(final String interval)
    {
        if (interval == null || interval.length() < 2)
        {
            throw new IllegalArgumentException("Invalid interval.");
        }
        final long count = Long.parseLong(interval.substring(0, interval.length() - 1));
        switch (interval.charAt(interval.length() - 1))
        {
            case 's':
                return count * 1000;
            case 'm':
                return count * 60_000;
            case 'h':
                return count * 3_600_000;
            case 'd':
                return count * 86_400_000;
            default:
                throw new IllegalArgumentException("Invalid interval.");
        }
    }

    private static String single(final Map<String, List<String>> parameters, final String name, final String fallback)
    {
        final List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
