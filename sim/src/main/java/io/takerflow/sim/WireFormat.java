package io.takerflow.sim;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;

/**
 * Writes trades the way each venue puts them on the wire, field for field as in the venues' documentation and
 * the recordings in {@code shared/fixtures}: Binance {@code aggTrade}/{@code trade} in the combined-stream
 * envelope ({@code m} = buyer is maker), Coinbase {@code match} ({@code side} = maker side) and
 * {@code heartbeat}, Coinbase Advanced {@code market_trades} (maker side), Bybit {@code publicTrade}
 * ({@code S} = taker side), OKX {@code trades} ({@code side} = taker side) and Hyperliquid {@code trades}
 * ({@code side} B/A = taker side, a snapshot of recent trades first), Bitfinex v2 {@code trades} (AMOUNT signed
 * by the taker side, {@code te} and {@code tu} per trade, a newest-first snapshot, {@code hb}, a sequence on every
 * message), Kraken v1 {@code trade} ({@code side} b/s = taker side, no trade id, {@code heartbeat}), Bitstamp
 * {@code live_trades} ({@code type} 0/1 = taker side, JSON numbers as Python writes them),
 * Deribit {@code trades.*.100ms}
 * ({@code direction} = taker side, JSON numbers, USD amounts on inverse instruments), BitMEX {@code trade}
 * ({@code side} = taker side, {@code partial} on subscribe), Kraken Futures {@code trade} ({@code side} = taker
 * side, {@code trade_snapshot} newest first on subscribe, {@code heartbeat} feed) and Gate {@code futures.trades}
 * (the sign of {@code size} = taker side, sizes in whole contracts).
 */
final class WireFormat
{
    private WireFormat()
    {
    }

    static void trade(final Venue venue, final String symbol, final SimTrade trade, final StringBuilder out)
    {
        switch (venue)
        {
            case BINANCE_USDM:
                out.append("{\"stream\":\"").append(symbol.toLowerCase(Locale.ROOT))
                    .append("@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":").append(trade.timeMs + 1)
                    .append(",\"a\":").append(trade.tradeId).append(",\"s\":\"").append(symbol)
                    .append("\",\"p\":\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"q\":\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"nq\":\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"f\":")
                    .append(trade.tradeId * 3).append(",\"l\":").append(trade.tradeId * 3 + 2).append(",\"T\":")
                    .append(trade.timeMs).append(",\"m\":").append(trade.takerSide == TakerSide.SELL).append("}}");
                break;
            case BINANCE_SPOT:
                out.append("{\"stream\":\"").append(symbol.toLowerCase(Locale.ROOT))
                    .append("@trade\",\"data\":{\"e\":\"trade\",\"E\":").append(trade.timeMs + 1)
                    .append(",\"s\":\"").append(symbol).append("\",\"t\":").append(trade.tradeId).append(",\"p\":\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"q\":\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"T\":").append(trade.timeMs)
                    .append(",\"m\":").append(trade.takerSide == TakerSide.SELL).append(",\"M\":true}}");
                break;
            case COINBASE:
                out.append("{\"type\":\"match\",\"trade_id\":").append(trade.tradeId)
                    .append(",\"maker_order_id\":\"").append(new UUID(trade.tradeId, 1))
                    .append("\",\"taker_order_id\":\"").append(new UUID(trade.tradeId, 2))
                    .append("\",\"side\":\"").append(trade.takerSide == TakerSide.BUY ? "sell" : "buy")
                    .append("\",\"size\":\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"price\":\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"product_id\":\"").append(symbol)
                    .append("\",\"sequence\":").append(trade.tradeId * 7).append(",\"time\":\"")
                    .append(Instant.ofEpochMilli(trade.timeMs)).append("\"}");
                break;
            case COINBASE_ADVANCED:
                out.append("{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"")
                    .append(Instant.ofEpochMilli(trade.timeMs)).append("\",\"sequence_num\":").append(trade.tradeId)
                    .append(",\"events\":[{\"type\":\"update\",\"trades\":[{\"product_id\":\"").append(symbol)
                    .append("\",\"trade_id\":\"").append(trade.tradeId).append("\",\"price\":\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"size\":\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"time\":\"")
                    .append(Instant.ofEpochMilli(trade.timeMs)).append("\",\"side\":\"")
                    .append(trade.takerSide == TakerSide.BUY ? "SELL" : "BUY").append("\"}]}]}");
                break;
            case BYBIT_LINEAR:
            case BYBIT_SPOT:
                out.append("{\"topic\":\"publicTrade.").append(symbol).append("\",\"type\":\"snapshot\",\"ts\":")
                    .append(trade.timeMs + 1).append(",\"data\":[{\"T\":").append(trade.timeMs).append(",\"s\":\"")
                    .append(symbol).append("\",\"S\":\"").append(trade.takerSide == TakerSide.BUY ? "Buy" : "Sell")
                    .append("\",\"v\":\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"p\":\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"L\":\"ZeroPlusTick\",\"i\":\"");
                bybitExecId(out, venue, trade.tradeId).append("\",\"BT\":false,\"seq\":").append(trade.tradeId)
                    .append("}]}");
                break;
            case OKX:
                out.append("{\"arg\":{\"channel\":\"trades\",\"instId\":\"").append(symbol)
                    .append("\"},\"data\":[{\"instId\":\"").append(symbol).append("\",\"tradeId\":\"")
                    .append(trade.tradeId).append("\",\"px\":\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"sz\":\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"side\":\"")
                    .append(trade.takerSide == TakerSide.BUY ? "buy" : "sell").append("\",\"ts\":\"")
                    .append(trade.timeMs).append("\",\"count\":\"1\",\"seqId\":").append(trade.tradeId).append("}]}");
                break;
            case HYPERLIQUID:
                out.append("{\"channel\":\"trades\",\"data\":[");
                hyperliquidTrade(out, symbol, trade.takerSide, trade.priceMantissa, trade.priceScale,
                    trade.quantityMantissa, trade.quantityScale, trade.timeMs, trade.tradeId);
                out.append("]}");
                break;
            case BITFINEX:
                bitfinexTrade(out, 0, "te", trade.tradeId, trade.timeMs, trade.takerSide, trade.quantityMantissa,
                    trade.quantityScale, trade.priceMantissa, trade.priceScale, 0);
                break;
            case KRAKEN:
                out.append('[').append(krakenChannelId(symbol)).append(",[[\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"").append(trade.timeMs / 1000)
                    .append('.');
                out.append(Long.toString(1_000_000 + (trade.timeMs % 1000) * 1000 + trade.tradeId % 1000).substring(1));
                out.append("\",\"").append(trade.takerSide == TakerSide.BUY ? 'b' : 's')
                    .append("\",\"l\",\"\"]],\"trade\",\"").append(symbol).append("\"]");
                break;
            case BITSTAMP:
                out.append("{\"data\":{\"id\":").append(trade.tradeId).append(",\"timestamp\":\"")
                    .append(trade.timeMs / 1000).append("\",\"amount\":");
                pythonNumber(out, trade.quantityMantissa, trade.quantityScale).append(",\"amount_str\":\"");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append("\",\"price\":");
                pythonNumber(out, trade.priceMantissa, trade.priceScale).append(",\"price_str\":\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"type\":")
                    .append(trade.takerSide == TakerSide.BUY ? 0 : 1).append(",\"microtimestamp\":\"")
                    .append(trade.timeMs * 1000).append("\",\"buy_order_id\":")
                    .append(trade.tradeId * 4 + (trade.takerSide == TakerSide.BUY ? 3 : 1))
                    .append(",\"sell_order_id\":")
                    .append(trade.tradeId * 4 + (trade.takerSide == TakerSide.BUY ? 1 : 3)).append("},\"channel\":\"")
                    .append("live_trades_").append(symbol).append("\",\"event\":\"trade\"}");
                break;
            case DERIBIT:
                out.append("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"trades.")
                    .append(symbol).append(".100ms\",\"data\":[{\"timestamp\":").append(trade.timeMs)
                    .append(",\"price\":");
                decimal(out, trade.priceMantissa, trade.priceScale).append(",\"amount\":");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append(",\"direction\":\"")
                    .append(trade.takerSide == TakerSide.BUY ? "buy" : "sell").append("\",\"index_price\":");
                decimal(out, trade.priceMantissa, trade.priceScale).append(",\"instrument_name\":\"").append(symbol)
                    .append("\",\"trade_seq\":").append(trade.tradeId).append(",\"mark_price\":");
                decimal(out, trade.priceMantissa, trade.priceScale).append(",\"tick_direction\":")
                    .append(trade.takerSide == TakerSide.BUY ? 0 : 2).append(",\"trade_id\":\"")
                    .append(trade.tradeId + 132_000_000L).append("\"}]}}");
                break;
            case BITMEX:
                out.append("{\"table\":\"trade\",\"action\":\"insert\",\"data\":[");
                bitmexTrade(out, symbol, trade.timeMs, trade.takerSide, trade.priceMantissa, trade.priceScale,
                    trade.quantityMantissa, trade.quantityScale, trade.tradeId);
                out.append("]}");
                break;
            case KRAKEN_FUTURES:
                krakenFuturesTrade(out, symbol, trade.timeMs, trade.takerSide, trade.priceMantissa, trade.priceScale,
                    trade.quantityMantissa, trade.quantityScale, trade.tradeId);
                break;
            case GATE_FUTURES:
                out.append("{\"time\":").append(trade.timeMs / 1000).append(",\"time_ms\":").append(trade.timeMs)
                    .append(",\"channel\":\"futures.trades\",\"event\":\"update\",\"result\":[{\"size\":")
                    .append(trade.takerSide == TakerSide.BUY ? "" : "-");
                decimal(out, trade.quantityMantissa, trade.quantityScale).append(",\"id\":").append(trade.tradeId)
                    .append(",\"create_time\":").append(trade.timeMs / 1000).append(",\"create_time_ms\":")
                    .append(trade.timeMs).append(",\"price\":\"");
                decimal(out, trade.priceMantissa, trade.priceScale).append("\",\"contract\":\"").append(symbol)
                    .append("\"}]}");
                break;
            default:
                throw new IllegalArgumentException("no wire format for " + venue.id());
        }
    }

    static String coinbaseHeartbeat(final String product, final long lastTradeId, final long sequence,
        final long timeMs)
    {
        return "{\"type\":\"heartbeat\",\"last_trade_id\":" + lastTradeId + ",\"product_id\":\"" + product +
            "\",\"sequence\":" + sequence + ",\"time\":\"" + Instant.ofEpochMilli(timeMs) + "\"}";
    }

    static String coinbaseAdvancedHeartbeat(final long counter, final long timeMs)
    {
        return "{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":\"" + Instant.ofEpochMilli(timeMs) +
            "\",\"sequence_num\":" + counter + ",\"events\":[{\"current_time\":\"" + Instant.ofEpochMilli(timeMs) +
            "\",\"heartbeat_counter\":" + counter + "}]}";
    }

    /**
     * Coinbase Exchange sends the product's last trade as {@code last_match} on every subscribe.
     */
    static String coinbaseLastMatch(final String product, final Tape tape, final long timeMs)
    {
        final StringBuilder out = new StringBuilder(256);
        out.append("{\"type\":\"last_match\",\"trade_id\":").append(tape.lastTradeId)
            .append(",\"maker_order_id\":\"").append(new UUID(tape.lastTradeId, 1))
            .append("\",\"taker_order_id\":\"").append(new UUID(tape.lastTradeId, 2))
            .append("\",\"side\":\"buy\",\"size\":\"0.01\",\"price\":\"");
        decimal(out, tape.lastPriceMantissa, tape.lastPriceScale).append("\",\"product_id\":\"").append(product)
            .append("\",\"sequence\":").append(tape.lastTradeId * 7).append(",\"time\":\"")
            .append(Instant.ofEpochMilli(timeMs)).append("\"}");
        return out.toString();
    }

    /**
     * Coinbase Advanced sends recent trades, newest first, as a {@code snapshot} event on every subscribe.
     */
    static String coinbaseAdvancedSnapshot(final String product, final Tape tape, final int trades, final long timeMs)
    {
        final StringBuilder out = new StringBuilder(256 * trades);
        out.append("{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"")
            .append(Instant.ofEpochMilli(timeMs)).append("\",\"sequence_num\":0,\"events\":[{\"type\":\"snapshot\",")
            .append("\"trades\":[");
        for (int i = 0; i < trades; i++)
        {
            out.append(i == 0 ? "" : ",").append("{\"product_id\":\"").append(product).append("\",\"trade_id\":\"")
                .append(tape.lastTradeId - i).append("\",\"price\":\"");
            decimal(out, tape.lastPriceMantissa, tape.lastPriceScale).append("\",\"size\":\"0.01\",\"time\":\"")
                .append(Instant.ofEpochMilli(timeMs - i)).append("\",\"side\":\"BUY\"}");
        }
        return out.append("]}]}").toString();
    }

    /**
     * Hyperliquid sends recent trades (30 on the recording), oldest first, as its first {@code trades} push after a
     * subscribe; the ids are those of trades already on the tape.
     */
    static String hyperliquidSnapshot(final String coin, final Tape tape, final int trades, final long timeMs)
    {
        final StringBuilder out = new StringBuilder(256 * trades).append("{\"channel\":\"trades\",\"data\":[");
        for (int i = trades - 1; i >= 0; i--)
        {
            hyperliquidTrade(out, coin, (i & 1) == 0 ? TakerSide.BUY : TakerSide.SELL, tape.lastPriceMantissa,
                tape.lastPriceScale, 1, 2, timeMs - i, tape.lastTradeId - i);
            out.append(i == 0 ? "" : ",");
        }
        return out.append("]}").toString();
    }

    static void hyperliquidTrade(final StringBuilder out, final String coin, final TakerSide side,
        final long priceMantissa, final int priceScale, final long sizeMantissa, final int sizeScale, final long timeMs,
        final long tradeId)
    {
        out.append("{\"coin\":\"").append(coin).append("\",\"hash\":\"0x").append(Long.toHexString(tradeId * 31))
            .append("\",\"px\":\"");
        decimal(out, priceMantissa, priceScale).append("\",\"side\":\"").append(side == TakerSide.BUY ? "B" : "A")
            .append("\",\"sz\":\"");
        decimal(out, sizeMantissa, sizeScale).append("\",\"tid\":").append(tradeId).append(",\"time\":")
            .append(timeMs).append(",\"users\":[\"0x6802b4267f7f2bf7003dcf993c51542245b38329\",")
            .append("\"0xe077db2039e1e39ada32be23e35dccb4cf0cf53b\"]}");
    }

    /** Hyperliquid's reply to a subscription it cannot serve. */
    static String hyperliquidSubscribeError(final String coin)
    {
        return "{\"channel\":\"error\",\"data\":\"Invalid subscription {\\\"type\\\":\\\"trades\\\"," +
            "\\\"coin\\\":\\\"" + coin + "\\\"}\"}";
    }

    /**
     * A Bitfinex v2 trade message {@code [CHANNEL_ID, "te"|"tu", [ID, MTS, AMOUNT, PRICE], SEQ]}: AMOUNT signed by the
     * taker's side, numbers bare. Per connection (channel id and sequence), so written for each session.
     */
    static StringBuilder bitfinexTrade(final StringBuilder out, final long channelId, final String type,
        final long tradeId, final long timeMs, final TakerSide side, final long sizeMantissa, final int sizeScale,
        final long priceMantissa, final int priceScale, final long sequence)
    {
        out.append('[').append(channelId).append(",\"").append(type).append("\",");
        bitfinexTradeArray(out, tradeId, timeMs, side, sizeMantissa, sizeScale, priceMantissa, priceScale);
        return (sequence > 0 ? out.append(',').append(sequence) : out).append(']');
    }

    static void bitfinexTradeArray(final StringBuilder out, final long tradeId, final long timeMs,
        final TakerSide side, final long sizeMantissa, final int sizeScale, final long priceMantissa,
        final int priceScale)
    {
        out.append('[').append(tradeId).append(',').append(timeMs).append(',')
            .append(side == TakerSide.SELL ? "-" : "");
        decimal(out, sizeMantissa, sizeScale).append(',');
        decimal(out, priceMantissa, priceScale).append(']');
    }

    /**
     * Bitfinex's snapshot on subscribe: the newest trades, newest first.
     */
    static String bitfinexSnapshot(final long channelId, final Tape tape, final int trades, final long timeMs,
        final long sequence)
    {
        final StringBuilder out = new StringBuilder(64 * trades).append('[').append(channelId).append(",[");
        for (int i = 0; i < trades; i++)
        {
            out.append(i == 0 ? "" : ",");
            bitfinexTradeArray(out, tape.lastTradeId - i, timeMs - i, (i & 1) == 0 ? TakerSide.BUY : TakerSide.SELL,
                1, 2, tape.lastPriceMantissa, tape.lastPriceScale);
        }
        out.append(']');
        return (sequence > 0 ? out.append(',').append(sequence) : out).append(']').toString();
    }

    /** Bitfinex's refusal of a subscription. */
    static String bitfinexSubscribeError(final String symbol)
    {
        return "{\"event\":\"error\",\"msg\":\"symbol: invalid\",\"code\":10300,\"channel\":\"trades\"," +
            "\"symbol\":\"" + symbol + "\"}";
    }

    /** Kraken v1's channel id for a pair's trades: the same on every connection. */
    static long krakenChannelId(final String pair)
    {
        return 100 + (pair.hashCode() & 0xfff);
    }

    /** Kraken v1's acknowledgement of a pair's trade subscription. */
    static String krakenSubscribed(final String pair)
    {
        return "{\"channelID\":" + krakenChannelId(pair) + ",\"channelName\":\"trade\"," +
            "\"event\":\"subscriptionStatus\"," +
            "\"pair\":\"" + pair + "\",\"status\":\"subscribed\",\"subscription\":{\"name\":\"trade\"}}";
    }

    /** Kraken v1's refusal of a pair. */
    static String krakenSubscribeError(final String pair)
    {
        return "{\"errorMessage\":\"Currency pair not supported " + pair + "\",\"event\":\"subscriptionStatus\"," +
            "\"pair\":\"" + pair + "\",\"status\":\"error\",\"subscription\":{\"name\":\"trade\"}}";
    }

    /** OKX's documented service upgrade notice. */
    static String okxUpgradeNotice()
    {
        return "{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be closed for a " +
            "service upgrade. Please reconnect.\",\"connId\":\"sim\"}";
    }

    /** OKX's error reply to a subscription it cannot serve. */
    static String okxSubscribeError(final String instId)
    {
        return "{\"event\":\"error\",\"code\":\"60018\",\"msg\":\"Wrong URL or channel:trades,instId:" + instId +
            " doesn't exist.\",\"connId\":\"sim\"}";
    }

    /** Bybit's failed subscribe reply. */
    static String bybitSubscribeError(final String connId, final String topic)
    {
        return "{\"success\":false,\"ret_msg\":\"Invalid symbol :[" + topic + "]\",\"conn_id\":\"" + connId +
            "\",\"req_id\":\"\",\"op\":\"subscribe\"}";
    }

    /** Coinbase Exchange's refusal. */
    static String coinbaseSubscribeError(final String product)
    {
        return "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"" + product +
            " is not a valid product\"}";
    }

    /** Coinbase Advanced's refusal. */
    static String coinbaseAdvancedSubscribeError()
    {
        return "{\"type\":\"error\",\"message\":\"failure to subscribe\"}";
    }

    /** Deribit's reply to {@code public/subscribe}: the channels subscribed. */
    static String deribitSubscribed(final long id, final java.util.List<String> channels)
    {
        final StringBuilder out = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":").append(id).append(",\"result\":[");
        for (int i = 0; i < channels.size(); i++)
        {
            out.append(i == 0 ? "" : ",").append('"').append(channels.get(i)).append('"');
        }
        return out.append("],\"usIn\":1,\"usOut\":2,\"usDiff\":1,\"testnet\":false}").toString();
    }

    /** Deribit's error reply (as to a channel it does not know). */
    static String deribitError(final long id)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"message\":\"Invalid params\"," +
            "\"data\":{\"reason\":\"invalid channel\",\"param\":\"channels\"},\"code\":-32602}," +
            "\"usIn\":1,\"usOut\":2,\"usDiff\":1,\"testnet\":false}";
    }

    /** Deribit's plain result (to {@code public/set_heartbeat}: {@code "ok"}; to {@code public/test}: the version). */
    static String deribitResult(final long id, final String resultJson)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + resultJson +
            ",\"usIn\":1,\"usOut\":2,\"usDiff\":1,\"testnet\":false}";
    }

    /** Deribit's heartbeat notification, {@code type} {@code heartbeat} or {@code test_request}. */
    static String deribitHeartbeat(final boolean testRequest)
    {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"" +
            (testRequest ? "test_request" : "heartbeat") + "\"}}";
    }

    static void bitmexTrade(final StringBuilder out, final String symbol, final long timeMs,
        final TakerSide side, final long priceMantissa, final int priceScale, final long sizeMantissa,
        final int sizeScale, final long tradeId)
    {
        out.append("{\"timestamp\":\"").append(Instant.ofEpochMilli(timeMs)).append("\",\"symbol\":\"").append(symbol)
            .append("\",\"side\":\"").append(side == TakerSide.BUY ? "Buy" : "Sell").append("\",\"size\":");
        decimal(out, sizeMantissa, sizeScale).append(",\"price\":");
        decimal(out, priceMantissa, priceScale).append(",\"tickDirection\":\"")
            .append(side == TakerSide.BUY ? "PlusTick" : "MinusTick").append("\",\"trdMatchID\":\"")
            .append(new UUID(0xb17e, tradeId))
                .append("\",\"grossValue\":1,\"homeNotional\":0.1,\"foreignNotional\":1}");
    }

    private static void krakenFuturesTrade(final StringBuilder out, final String symbol, final long timeMs,
        final TakerSide side, final long priceMantissa, final int priceScale, final long qtyMantissa,
        final int qtyScale, final long seq)
    {
        out.append("{\"feed\":\"trade\",\"product_id\":\"").append(symbol).append("\",\"uid\":\"")
            .append(new UUID(0x3a7e, seq)).append("\",\"side\":\"").append(side == TakerSide.BUY ? "buy" : "sell")
            .append("\",\"type\":\"fill\",\"seq\":").append(seq).append(",\"time\":").append(timeMs)
            .append(",\"qty\":");
        decimal(out, qtyMantissa, qtyScale).append(qtyScale == 0 ? ".0" : "").append(",\"price\":");
        decimal(out, priceMantissa, priceScale).append('}');
    }

    /** Kraken Futures' {@code trade_snapshot} on subscribe: the newest trades, newest FIRST (never flow). */
    static String krakenFuturesSnapshot(final String symbol, final Tape tape, final int trades, final long timeMs)
    {
        final StringBuilder out = new StringBuilder(256 * trades);
        out.append("{\"feed\":\"trade_snapshot\",\"product_id\":\"").append(symbol).append("\",\"trades\":[");
        for (int i = 0; i < trades && tape.lastTradeId - i > 0; i++)
        {
            out.append(i == 0 ? "" : ",");
            krakenFuturesTrade(out, symbol, timeMs - i, i % 2 == 0 ? TakerSide.BUY : TakerSide.SELL,
                tape.lastPriceMantissa, tape.lastPriceScale, 1000, 0, tape.lastTradeId - i);
        }
        return out.append("]}").toString();
    }

    /** BitMEX's welcome message on connect. */
    static String bitmexWelcome()
    {
        return "{\"info\":\"Welcome to the BitMEX Realtime API.\",\"version\":\"2021-07-14T01:26:29.000Z\"," +
            "\"timestamp\":\"" + Instant.now() + "\",\"docs\":\"https://www.bitmex.com/app/wsAPI\"," +
            "\"limit\":{\"remaining\":39}}";
    }

    /** BitMEX's reply to one subscribed topic. */
    static String bitmexSubscribed(final String topic, final String request)
    {
        return "{\"success\":true,\"subscribe\":\"" + topic + "\",\"request\":" + request + "}";
    }

    /** BitMEX's refusal of a subscription. */
    static String bitmexError(final String topic, final String request)
    {
        return "{\"status\":400,\"error\":\"Unknown or expired symbol: " + topic + "\",\"meta\":{}," +
            "\"request\":" + request + "}";
    }

    /** BitMEX's {@code partial} on subscribe: the last trade before it (never flow). */
    static String bitmexPartial(final String symbol, final Tape tape, final long timeMs)
    {
        final StringBuilder out = new StringBuilder(512);
        out.append("{\"table\":\"trade\",\"action\":\"partial\",\"keys\":[],\"types\":{\"timestamp\":")
            .append("\"timestamp\",\"symbol\":\"symbol\",\"side\":\"symbol\",\"size\":\"long\",\"price\":\"float\"},")
            .append("\"foreignKeys\":{\"symbol\":\"instrument\",\"side\":\"side\"},\"attributes\":{\"timestamp\":")
            .append("\"sorted\",\"symbol\":\"grouped\"},\"filter\":{\"symbol\":\"").append(symbol)
            .append("\"},\"data\":[");
        bitmexTrade(out, symbol, timeMs, TakerSide.BUY, tape.lastPriceMantissa, tape.lastPriceScale, 1000, 0,
            tape.lastTradeId);
        return out.append("]}").toString();
    }

    static String binanceServerShutdown(final long timeMs)
    {
        return "{\"e\":\"serverShutdown\",\"E\":" + timeMs + "}";
    }

    /**
     * A tape trade's Bybit {@code execId} (WebSocket {@code i}, REST {@code execId}), the same in both: spot ids are
     * numbers of Bybit's size, linear ones UUIDs.
     */
    static StringBuilder bybitExecId(final StringBuilder out, final Venue venue, final long tradeId)
    {
        return venue == Venue.BYBIT_SPOT ? out.append(2_290_000_000_000_000_000L + tradeId) :
            out.append(new UUID(0x5eed, tradeId));
    }

    /**
     * A decimal as Python's {@code repr} of a float writes it, which is how Bitstamp's numbers look: no trailing
     * zeros, and an exponent below 1e-4 ({@code 5e-05}).
     */
    static StringBuilder pythonNumber(final StringBuilder out, final long mantissa, final int scale)
    {
        final java.math.BigDecimal value = java.math.BigDecimal.valueOf(mantissa, scale).stripTrailingZeros();
        if (value.signum() == 0 || value.abs().compareTo(new java.math.BigDecimal("0.0001")) >= 0)
        {
            final String plain = value.toPlainString();
            return out.append(plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        final String digits = value.unscaledValue().abs().toString();
        final int exponent = digits.length() - 1 - value.scale();
        out.append(value.signum() < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1)
        {
            out.append('.').append(digits, 1, digits.length());
        }
        return out.append("e-").append(-exponent < 10 ? "0" : "").append(-exponent);
    }

    static StringBuilder decimal(final StringBuilder out, final long mantissa, final int scale)
    {
        if (scale == 0)
        {
            return out.append(mantissa);
        }
        long power = 1;
        for (int i = 0; i < scale; i++)
        {
            power *= 10;
        }
        out.append(mantissa / power).append('.');
        final long fraction = mantissa % power;
        for (long digit = power / 10; digit > 0; digit /= 10)
        {
            out.append((char)('0' + (fraction / digit) % 10));
        }
        return out;
    }
}
