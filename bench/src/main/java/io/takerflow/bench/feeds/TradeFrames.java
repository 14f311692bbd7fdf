package io.takerflow.bench.feeds;

import java.util.Map;

import io.takerflow.engine.input.Venue;

/**
 * One current trade frame per venue, byte for byte in the venue's format (field order and extra fields as the
 * venues send them in 2026), the input of the decode benchmarks.
 */
final class TradeFrames
{
    static final Map<Venue, String> FRAMES = Map.of(
        Venue.BINANCE_USDM,
        "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1764057600123,\"a\":2874561234," +
            "\"s\":\"BTCUSDT\",\"p\":\"86512.30\",\"q\":\"0.015\",\"nq\":\"0.015\",\"f\":6312876540,\"l\":6312876542," +
            "\"T\":1764057600121,\"m\":true}}",
        Venue.BINANCE_SPOT,
        "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1764057600123,\"s\":\"BTCUSDT\"," +
            "\"t\":5112345678,\"p\":\"86520.01000000\",\"q\":\"0.00117000\",\"T\":1764057600122,\"m\":false," +
            "\"M\":true}}",
        Venue.COINBASE,
        "{\"type\":\"match\",\"trade_id\":891234567,\"maker_order_id\":\"ac928c66-ca53-498f-9c13-a110027a60e8\"," +
            "\"taker_order_id\":\"132fb6ae-456b-4654-b4e0-d681ac05cea1\",\"side\":\"sell\",\"size\":\"0.00513\"," +
            "\"price\":\"86530.55\",\"product_id\":\"BTC-USD\",\"sequence\":112345678901," +
            "\"time\":\"2025-11-25T08:00:00.123456Z\"}",
        Venue.COINBASE_ADVANCED,
        "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"2025-11-25T08:00:00.125Z\"," +
            "\"sequence_num\":42,\"events\":[{\"type\":\"update\",\"trades\":[{\"product_id\":\"BTC-USD\"," +
            "\"trade_id\":\"891234567\",\"price\":\"86530.55\",\"size\":\"0.00513\"," +
            "\"time\":\"2025-11-25T08:00:00.123456Z\",\"side\":\"BUY\"}]}]}",
        Venue.BYBIT_LINEAR,
        "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1764057600123," +
            "\"data\":[{\"T\":1764057600121," +
            "\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.010\",\"p\":\"86515.40\",\"L\":\"PlusTick\"," +
            "\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\",\"BT\":false,\"RPI\":false,\"seq\":478123456789}]}",
        Venue.OKX,
        "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instId\":\"BTC-USDT-SWAP\"," +
            "\"tradeId\":\"1312345678\",\"px\":\"86511.2\",\"sz\":\"3\",\"side\":\"sell\",\"ts\":\"1764057600121\"," +
            "\"count\":\"1\",\"source\":\"0\",\"seqId\":38123456789}]}");

    private TradeFrames()
    {
    }
}
