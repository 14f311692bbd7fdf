package io.takerflow.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;

/**
 * The venues' REST trade histories, served from the trades the simulator's tapes have printed (sent on the wire or
 * not), in each venue's documented format:
 * <ul>
 *     <li>Binance USD-M {@code GET /fapi/v1/aggTrades?symbol&fromId&limit} (max 1,000), oldest first:
 *     {@code [{"a","p","q","f","l","T","m"}]};</li>
 *     <li>Binance spot {@code GET /api/v3/historicalTrades?symbol&fromId&limit} (max 1,000), oldest first:
 *     {@code [{"id","price","qty","quoteQty","time","isBuyerMaker","isBestMatch"}]};</li>
 *     <li>Coinbase Exchange {@code GET /products/{id}/trades?after&limit} (max 1,000), the trades older than
 *     {@code after}, newest first, {@code side} the maker's, with {@code CB-BEFORE}/{@code CB-AFTER} cursors;</li>
 *     <li>OKX {@code GET /api/v5/market/history-trades?instId&type=1&after&limit} (max 100), the trades older than
 *     {@code after}, newest first, in {@code {"code":"0","msg":"","data":[..]}};</li>
 *     <li>Deribit {@code GET /api/v2/public/get_last_trades_by_instrument?instrument_name&start_seq&end_seq&count
 *     &sorting} (max 1,000), the trades with {@code trade_seq} in the range, oldest first for {@code sorting=asc},
 *     in {@code {"jsonrpc":"2.0","result":{"trades":[..],"has_more":..}}}, {@code direction} the taker's;</li>
 *     <li>BitMEX {@code GET /api/v1/trade?symbol&startTime&endTime&count&start&reverse} (max 1,000), the trades of
 *     the span (ISO times, both ends taken as inclusive), oldest first unless {@code reverse=true}, skipping
 *     {@code start}, as a bare array of the WebSocket's trade objects ({@code side} the taker's, {@code size} in
 *     contracts, {@code trdMatchID} the same GUID);</li>
 *     <li>Hyperliquid {@code POST /info} with {@code {"type":"recentTrades","coin":..}}: its latest
 *     {@value #HYPERLIQUID_RECENT} trades, newest first, as the WebSocket's trade objects ({@code side} the
 *     aggressor's, {@code tid} the same);</li>
 *     <li>Bitstamp {@code GET /api/v2/transactions/{pair}/?time=minute|hour|day}: every kept trade of that last
 *     stretch, newest first, {@code [{"date","tid","amount","type","price"}]} all strings, {@code date} in seconds,
 *     {@code type} 0 a taker buy, {@code tid} the WebSocket's {@code id}.</li>
 * </ul>
 * Its fault knob answers the next requests with an HTTP error ({@link ExchangeSimulator#failNextRestRequests}).
 * Runs on the simulator's loop, which owns the tapes. Other requests pass on.
 */
final class TradeHistoryEndpoint extends SimpleChannelInboundHandler<FullHttpRequest>
{
    /** How many trades {@code recentTrades} answers with (Hyperliquid does not document it). */
    static final int HYPERLIQUID_RECENT = 10;
    private static final Pattern HYPERLIQUID_COIN = Pattern.compile("\"coin\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HYPERLIQUID_RECENT_TRADES =
        Pattern.compile("\"type\"\\s*:\\s*\"recentTrades\"");

    private final ExchangeSimulator simulator;
    private final SimTrade trade = new SimTrade();

    TradeHistoryEndpoint(final ExchangeSimulator simulator)
    {
        this.simulator = simulator;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        final String path = query.path();
        final Map<String, List<String>> parameters = query.parameters();
        final Venue venue;
        final String symbol;
        if (path.equals("/fapi/v1/aggTrades"))
        {
            venue = Venue.BINANCE_USDM;
            symbol = single(parameters, "symbol", "");
        }
        else if (path.equals("/api/v3/historicalTrades"))
        {
            venue = Venue.BINANCE_SPOT;
            symbol = single(parameters, "symbol", "");
        }
        else if (path.startsWith("/products/") && path.endsWith("/trades"))
        {
            venue = Venue.COINBASE;
            symbol = path.substring("/products/".length(), path.length() - "/trades".length());
        }
        else if (path.equals("/api/v5/market/history-trades"))
        {
            venue = Venue.OKX;
            symbol = single(parameters, "instId", "");
        }
        else if (path.equals("/api/v2/public/get_last_trades_by_instrument"))
        {
            venue = Venue.DERIBIT;
            symbol = single(parameters, "instrument_name", "");
        }
        else if (path.startsWith("/v2/trades/t") && path.endsWith("/hist"))
        {
            venue = Venue.BITFINEX;
            symbol = path.substring("/v2/trades/t".length(), path.length() - "/hist".length());
        }
        else if ((path.startsWith("/api/v4/futures/") || path.startsWith("/api/v4/delivery/")) &&
            path.endsWith("/trades"))
        {
            venue = Venue.GATE_FUTURES;
            symbol = single(parameters, "contract", "");
        }
        else if (path.startsWith("/api/v3/brokerage/market/products/") && path.endsWith("/ticker"))
        {
            venue = Venue.COINBASE_ADVANCED;
            symbol = path.substring("/api/v3/brokerage/market/products/".length(), path.length() - "/ticker".length());
        }
        else if (path.equals("/v5/market/recent-trade"))
        {
            venue = "spot".equals(single(parameters, "category", "")) ? Venue.BYBIT_SPOT : Venue.BYBIT_LINEAR;
            symbol = single(parameters, "symbol", "");
        }
        else if (path.equals("/info") && request.method().equals(HttpMethod.POST))
        {
            final String body = request.content().toString(StandardCharsets.UTF_8);
            final Matcher coin = HYPERLIQUID_COIN.matcher(body);
            if (!HYPERLIQUID_RECENT_TRADES.matcher(body).find() || !coin.find())
            {
                ctx.writeAndFlush(respond(HttpResponseStatus.UNPROCESSABLE_ENTITY,
                    "Failed to deserialize the JSON body into the target type"))
                    .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            venue = Venue.HYPERLIQUID;
            symbol = coin.group(1);
        }
        else if (path.startsWith("/api/v2/transactions/"))
        {
            venue = Venue.BITSTAMP;
            symbol = path.substring("/api/v2/transactions/".length()).replace("/", "");
        }
        else if (path.equals("/api/v1/trade"))
        {
            venue = Venue.BITMEX;
            symbol = single(parameters, "symbol", "");
        }
        else
        {
            ctx.fireChannelRead(request.retain());
            return;
        }
        simulator.restRequests.incrementAndGet();
        if (simulator.restFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0)
        {
            final int status = simulator.restFailureStatus;
            final FullHttpResponse response = respond(HttpResponseStatus.valueOf(status), errorBody(venue, status));
            if (simulator.restRetryAfter != null)
            {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, simulator.restRetryAfter);
            }
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        final Tape tape = simulator.tape(venue, symbol);
        final StringBuilder out = new StringBuilder(4096);
        final FullHttpResponse response;
        if (venue == Venue.BINANCE_USDM || venue == Venue.BINANCE_SPOT)
        {
            final int limit = Math.min(1000, Integer.parseInt(single(parameters, "limit", "500")));
            final long fromId = Long.parseLong(single(parameters, "fromId",
                Long.toString(tape.lastTradeId - limit + 1)));
            out.append('[');
            int n = 0;
            for (long id = Math.max(fromId, tape.oldestKept()); id <= tape.lastTradeId && n < limit; id++, n++)
            {
                tape.kept(id, trade);
                out.append(n == 0 ? "" : ",");
                binance(venue, out);
            }
            response = respond(HttpResponseStatus.OK, out.append(']').toString());
        }
        else if (venue == Venue.BITFINEX)
        {
            response = respond(HttpResponseStatus.OK, bitfinex(tape, parameters, out));
        }
        else if (venue == Venue.GATE_FUTURES)
        {
            response = respond(HttpResponseStatus.OK, gate(tape, symbol, parameters, out));
        }
        else if (venue == Venue.COINBASE_ADVANCED)
        {
            response = respond(HttpResponseStatus.OK, coinbaseAdvanced(tape, symbol, parameters, out));
        }
        else if (venue == Venue.BYBIT_LINEAR || venue == Venue.BYBIT_SPOT)
        {
            response = respond(HttpResponseStatus.OK, bybit(tape, venue, symbol, parameters, out));
        }
        else if (venue == Venue.BITSTAMP)
        {
            response = respond(HttpResponseStatus.OK, bitstamp(tape, parameters, out));
        }
        else if (venue == Venue.HYPERLIQUID)
        {
            response = respond(HttpResponseStatus.OK, hyperliquid(tape, symbol, out));
        }
        else if (venue == Venue.BITMEX)
        {
            response = respond(HttpResponseStatus.OK, bitmex(tape, symbol, parameters, out));
        }
        else if (venue == Venue.DERIBIT)
        {
            response = respond(HttpResponseStatus.OK, deribit(tape, symbol, parameters, out));
        }
        else
        {
            final int max = venue == Venue.OKX ? 100 : 1000;
            final int limit = Math.min(max, Integer.parseInt(single(parameters, "limit", Integer.toString(max))));
            final long after = Long.parseLong(single(parameters, "after", Long.toString(tape.lastTradeId + 1)));
            final long newest = Math.min(after - 1, tape.lastTradeId);
            final long oldest = tape.oldestKept();
            out.append(venue == Venue.OKX ? "{\"code\":\"0\",\"msg\":\"\",\"data\":[" : "[");
            int n = 0;
            for (long id = newest; id >= oldest && n < limit; id--, n++)
            {
                tape.kept(id, trade);
                out.append(n == 0 ? "" : ",");
                if (venue == Venue.OKX)
                {
                    okx(symbol, out);
                }
                else
                {
                    coinbase(out);
                }
            }
            response = respond(HttpResponseStatus.OK, out.append(venue == Venue.OKX ? "]}" : "]").toString());
            if (venue == Venue.COINBASE && n > 0)
            {
                response.headers().set("CB-BEFORE", Long.toString(newest));
                response.headers().set("CB-AFTER", Long.toString(newest - n + 1));
            }
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void binance(final Venue venue, final StringBuilder out)
    {
        final boolean buyerMaker = trade.takerSide == TakerSide.SELL;
        if (venue == Venue.BINANCE_USDM)
        {
            out.append("{\"a\":").append(trade.tradeId).append(",\"p\":\"");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"q\":\"");
            WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"f\":")
                .append(trade.tradeId * 3).append(",\"l\":").append(trade.tradeId * 3 + 2).append(",\"T\":")
                .append(trade.timeMs).append(",\"m\":").append(buyerMaker).append('}');
        }
        else
        {
            out.append("{\"id\":").append(trade.tradeId).append(",\"price\":\"");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"qty\":\"");
            WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale)
                .append("\",\"quoteQty\":\"0\",\"time\":").append(trade.timeMs).append(",\"isBuyerMaker\":")
                .append(buyerMaker).append(",\"isBestMatch\":true}");
        }
    }

    private String deribit(final Tape tape, final String symbol, final Map<String, List<String>> parameters,
        final StringBuilder out)
    {
        final int count = Math.min(1000, Integer.parseInt(single(parameters, "count", "10")));
        final long endSeq = Math.min(tape.lastTradeId,
            Long.parseLong(single(parameters, "end_seq", Long.toString(tape.lastTradeId))));
        final long startSeq = Math.max(tape.oldestKept(),
            Long.parseLong(single(parameters, "start_seq", Long.toString(endSeq - count + 1))));
        final boolean ascending = "asc".equals(single(parameters, "sorting", "default"));
        final long first = ascending ? startSeq : Math.max(startSeq, endSeq - count + 1);
        final long last = ascending ? Math.min(endSeq, startSeq + count - 1) : endSeq;
        out.append("{\"jsonrpc\":\"2.0\",\"result\":{\"trades\":[");
        int n = 0;
        for (long k = 0; k <= last - first; k++, n++)
        {
            tape.kept(ascending ? first + k : last - k, trade);
            out.append(n == 0 ? "" : ",").append("{\"trade_seq\":").append(trade.tradeId)
                .append(",\"trade_id\":\"").append(trade.tradeId + 132_000_000L).append("\",\"timestamp\":")
                .append(trade.timeMs).append(",\"tick_direction\":").append(trade.takerSide == TakerSide.BUY ? 0 : 2)
                .append(",\"price\":");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append(",\"mark_price\":");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append(",\"instrument_name\":\"")
                .append(symbol).append("\",\"index_price\":");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append(",\"direction\":\"")
                .append(trade.takerSide == TakerSide.BUY ? "buy" : "sell").append("\",\"amount\":");
            WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale).append('}');
        }
        final boolean more = ascending ? last < endSeq : first > startSeq;
        return out.append("],\"has_more\":").append(more).append("}}").toString();
    }

    private String bitfinex(final Tape tape, final Map<String, List<String>> parameters, final StringBuilder out)
    {
        final int limit = Math.min(10_000, Integer.parseInt(single(parameters, "limit", "125")));
        final long start = Long.parseLong(single(parameters, "start", "0"));
        final long end = Long.parseLong(single(parameters, "end", Long.toString(Long.MAX_VALUE)));
        final boolean ascending = "1".equals(single(parameters, "sort", "-1"));
        final long oldest = tape.oldestKept();
        out.append('[');
        int n = 0;
        for (long k = 0; k <= tape.lastTradeId - oldest && n < limit; k++)
        {
            tape.kept(ascending ? oldest + k : tape.lastTradeId - k, trade);
            if (trade.timeMs >= start && trade.timeMs <= end)
            {
                out.append(n++ == 0 ? "" : ",");
                WireFormat.bitfinexTradeArray(out, trade.tradeId, trade.timeMs, trade.takerSide,
                    trade.quantityMantissa, trade.quantityScale, trade.priceMantissa, trade.priceScale);
            }
        }
        return out.append(']').toString();
    }

    private String gate(final Tape tape, final String contract, final Map<String, List<String>> parameters,
        final StringBuilder out)
    {
        final int limit = Math.min(1000, Integer.parseInt(single(parameters, "limit", "100")));
        final long offset = Long.parseLong(single(parameters, "offset", "0"));
        final long fromMs = Long.parseLong(single(parameters, "from", "0")) * 1000;
        final long toMs = parameters.containsKey("to") ? Long.parseLong(single(parameters, "to", "0")) * 1000 :
            Long.MAX_VALUE;
        out.append('[');
        int n = 0;
        long skipped = 0;
        for (long id = tape.lastTradeId; id >= tape.oldestKept() && n < limit; id--)
        {
            tape.kept(id, trade);
            if (trade.timeMs < fromMs || trade.timeMs >= toMs || skipped++ < offset)
            {
                continue;
            }
            final String seconds = trade.timeMs / 1000 + "." + Long.toString(1000 + trade.timeMs % 1000).substring(1);
            out.append(n++ == 0 ? "" : ",").append("{\"id\":").append(trade.tradeId).append(",\"create_time\":")
                .append(seconds).append(",\"create_time_ms\":").append(seconds).append(",\"contract\":\"")
                .append(contract).append("\",\"size\":").append(trade.takerSide == TakerSide.BUY ? "" : "-");
            WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale).append(",\"price\":\"");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append("\"}");
        }
        return out.append(']').toString();
    }

    private String coinbaseAdvanced(final Tape tape, final String product, final Map<String, List<String>> parameters,
        final StringBuilder out)
    {
        final int limit = Math.min(1000, Integer.parseInt(single(parameters, "limit", "1")));
        out.append("{\"trades\":[");
        int n = 0;
        for (long id = tape.lastTradeId; id >= tape.oldestKept() && n < limit; id--, n++)
        {
            tape.kept(id, trade);
            out.append(n == 0 ? "" : ",").append("{\"trade_id\":\"").append(trade.tradeId)
                .append("\",\"product_id\":\"").append(product).append("\",\"price\":\"");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"size\":\"");
            WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"time\":\"")
                .append(Instant.ofEpochMilli(trade.timeMs)).append("\",\"side\":\"")
                .append(trade.takerSide == TakerSide.BUY ? "SELL" : "BUY")
                .append("\",\"bid\":\"\",\"ask\":\"\",\"exchange\":\"coinbase\"}");
        }
        out.append("],\"best_bid\":\"");
        WireFormat.decimal(out, tape.lastPriceMantissa, tape.lastPriceScale).append("\",\"best_ask\":\"");
        return WireFormat.decimal(out, tape.lastPriceMantissa, tape.lastPriceScale).append("\"}").toString();
    }

    private String bybit(final Tape tape, final Venue venue, final String symbol,
        final Map<String, List<String>> parameters, final StringBuilder out)
    {
        final boolean spot = venue == Venue.BYBIT_SPOT;
        final int max = spot ? 60 : 1000;
        final int limit = Math.min(max, Integer.parseInt(single(parameters, "limit", spot ? "60" : "500")));
        out.append("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"").append(spot ? "spot" : "linear")
            .append("\",\"list\":[");
        int n = 0;
        for (long id = tape.lastTradeId; id >= tape.oldestKept() && n < limit; id--, n++)
        {
            tape.kept(id, trade);
            WireFormat.bybitExecId(out.append(n == 0 ? "" : ",").append("{\"execId\":\""), venue, trade.tradeId)
                .append("\",\"symbol\":\"").append(symbol).append("\",\"price\":\"");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"size\":\"");
            WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"side\":\"")
                .append(trade.takerSide == TakerSide.BUY ? "Buy" : "Sell").append("\",\"time\":\"")
                .append(trade.timeMs).append("\",\"isBlockTrade\":false}");
        }
        return out.append("]},\"retExtInfo\":{},\"time\":").append(System.currentTimeMillis()).append('}')
            .toString();
    }

    private String bitstamp(final Tape tape, final Map<String, List<String>> parameters, final StringBuilder out)
    {
        final String time = single(parameters, "time", "hour");
        final long seconds = "minute".equals(time) ? 60 : "day".equals(time) ? 86_400 : 3_600;
        final long fromMs = System.currentTimeMillis() - seconds * 1000;
        out.append('[');
        int n = 0;
        for (long id = tape.lastTradeId; id >= tape.oldestKept(); id--)
        {
            tape.kept(id, trade);
            if (trade.timeMs < fromMs)
            {
                break;
            }
            out.append(n++ == 0 ? "" : ",").append("{\"date\":\"").append(trade.timeMs / 1000)
                .append("\",\"tid\":\"").append(trade.tradeId).append("\",\"amount\":\"");
            WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"type\":\"")
                .append(trade.takerSide == TakerSide.BUY ? 0 : 1).append("\",\"price\":\"");
            WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append("\"}");
        }
        return out.append(']').toString();
    }

    private String hyperliquid(final Tape tape, final String coin, final StringBuilder out)
    {
        out.append('[');
        int n = 0;
        for (long id = tape.lastTradeId; id >= tape.oldestKept() && n < HYPERLIQUID_RECENT; id--, n++)
        {
            tape.kept(id, trade);
            out.append(n == 0 ? "" : ",");
            WireFormat.hyperliquidTrade(out, coin, trade.takerSide, trade.priceMantissa, trade.priceScale,
                trade.quantityMantissa, trade.quantityScale, trade.timeMs, trade.tradeId);
        }
        return out.append(']').toString();
    }

    private String bitmex(final Tape tape, final String symbol, final Map<String, List<String>> parameters,
        final StringBuilder out)
    {
        final int count = Math.min(1000, Integer.parseInt(single(parameters, "count", "100")));
        final long skip = Long.parseLong(single(parameters, "start", "0"));
        final boolean newestFirst = "true".equals(single(parameters, "reverse", "false"));
        final long fromMs = parameters.containsKey("startTime") ?
            Instant.parse(single(parameters, "startTime", "")).toEpochMilli() : Long.MIN_VALUE;
        final long toMs = parameters.containsKey("endTime") ?
            Instant.parse(single(parameters, "endTime", "")).toEpochMilli() : Long.MAX_VALUE;
        final long oldest = tape.oldestKept();
        out.append('[');
        int n = 0;
        long skipped = 0;
        for (long k = 0; k <= tape.lastTradeId - oldest && n < count; k++)
        {
            tape.kept(newestFirst ? tape.lastTradeId - k : oldest + k, trade);
            if (trade.timeMs < fromMs || trade.timeMs > toMs || skipped++ < skip)
            {
                continue;
            }
            out.append(n++ == 0 ? "" : ",");
            WireFormat.bitmexTrade(out, symbol, trade.timeMs, trade.takerSide, trade.priceMantissa, trade.priceScale,
                trade.quantityMantissa, trade.quantityScale, trade.tradeId);
        }
        return out.append(']').toString();
    }

    private void coinbase(final StringBuilder out)
    {
        out.append("{\"time\":\"").append(Instant.ofEpochMilli(trade.timeMs)).append("\",\"trade_id\":")
            .append(trade.tradeId).append(",\"price\":\"");
        WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"size\":\"");
        WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"side\":\"")
            .append(trade.takerSide == TakerSide.BUY ? "sell" : "buy").append("\"}");
    }

    private void okx(final String instId, final StringBuilder out)
    {
        out.append("{\"instId\":\"").append(instId).append("\",\"side\":\"")
            .append(trade.takerSide == TakerSide.BUY ? "buy" : "sell").append("\",\"sz\":\"");
        WireFormat.decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"px\":\"");
        WireFormat.decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"tradeId\":\"")
            .append(trade.tradeId).append("\",\"ts\":\"").append(trade.timeMs).append("\"}");
    }

    private static String errorBody(final Venue venue, final int status)
    {
        switch (venue)
        {
            case BINANCE_USDM:
            case BINANCE_SPOT:
                return status == 429 || status == 418 ?
                    "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 2400 request weight per 1 " +
                    "MINUTE.\"}" :
                    "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request. Please try again.\"}";
            case DERIBIT:
                return status == 429 ?
                    "{\"jsonrpc\":\"2.0\",\"error\":{\"message\":\"too_many_requests\",\"code\":10028}}" :
                    "{\"jsonrpc\":\"2.0\",\"error\":{\"message\":\"internal_server_error\",\"code\":11094}}";
            case BITFINEX:
                return status == 429 ? "{\"error\":\"ERR_RATE_LIMIT\"}" : "[\"error\",10020,\"request: error\"]";
            case GATE_FUTURES:
                return status == 429 ?
                    "{\"label\":\"TOO_MANY_REQUESTS\",\"message\":\"Request Rate limit Exceeded\"}" :
                    "{\"label\":\"SERVER_ERROR\",\"message\":\"Internal server error\"}";
            case OKX:
                return status == 429 ? "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}" :
                    "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable, please try again " +
                    "later.\",\"data\":[]}";
            default:
                return status == 429 ? "{\"message\":\"Public rate limit exceeded\"}" :
                    "{\"message\":\"Internal server error\"}";
        }
    }

    private static FullHttpResponse respond(final HttpResponseStatus status, final String body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }

    private static String single(final Map<String, List<String>> parameters, final String name, final String fallback)
    {
        final List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
