package io.takerflow.feeds;

import io.takerflow.feeds.venues.VenueProtocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;

/**
 * Acknowledgements, refusals, notices and snapshots in each venue's documented shape reach the sink as such and
 * never as trades; keep-alive replies reach it as nothing.
 */
final class ControlMessagesTest
{
    private static CollectingSink decode(final Venue venue, final String symbol, final String frame, final int expected)
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(venue, symbol, 1.0);
        final CollectingSink sink = new CollectingSink();
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        assertThat(VenueProtocols.of(venue).newDecoder(catalog)
            .decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink))
            .as(frame).isEqualTo(expected);
        assertThat(sink.trades).as(frame).isEmpty();
        return sink;
    }

    @Test
    void okxSubscribeErrorAndServiceUpgradeNotice()
    {
        assertThat(decode(Venue.OKX, "BTC-USDT-SWAP", "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"trades\"," +
            "\"instId\":\"BTC-USDT-SWAP\"},\"connId\":\"a4d3ae55\"}", 0).subscribed).isEqualTo(1);
        final String error = "{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request: {\\\"op\\\": " +
            "\\\"subscribe\\\"}\",\"connId\":\"a4d3ae55\"}";
        assertThat(decode(Venue.OKX, "BTC-USDT-SWAP", error, 0).rejections).containsExactly(error);
        assertThat(decode(Venue.OKX, "BTC-USDT-SWAP", "{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The " +
            "connection will soon be closed for a service upgrade. Please reconnect.\",\"connId\":\"a4d3ae55\"}", 0)
            .shutdowns).isEqualTo(1);
        final CollectingSink pong = decode(Venue.OKX, "BTC-USDT-SWAP", "pong", 0);
        assertThat(pong.subscribed + pong.shutdowns + pong.rejections.size()).isZero();
    }

    @Test
    void bybitSuccessAndFailureReplies()
    {
        assertThat(decode(Venue.BYBIT_LINEAR, "BTCUSDT", "{\"success\":true,\"ret_msg\":\"subscribe\",\"conn_id\":" +
            "\"2324d924-aa4d-45b0-a858-7b8be29ab52b\",\"req_id\":\"10001\",\"op\":\"subscribe\"}", 0).subscribed)
            .isEqualTo(1);
        final String refused = "{\"success\":false,\"ret_msg\":\"error:handler not found,topic:publicTrade.BTCUSD\"," +
            "\"conn_id\":\"2324d924\",\"req_id\":\"\",\"op\":\"subscribe\"}";
        assertThat(decode(Venue.BYBIT_SPOT, "BTCUSDT", refused, 0).rejections).containsExactly(refused);
        final CollectingSink pong = decode(Venue.BYBIT_LINEAR, "BTCUSDT", "{\"success\":true,\"ret_msg\":\"pong\"," +
            "\"conn_id\":\"0970e817\",\"op\":\"ping\"}", 0);
        assertThat(pong.subscribed + pong.rejections.size()).as("a pong is a keep-alive only").isZero();
    }

    @Test
    void coinbaseSubscriptionsErrorAndLastMatch()
    {
        assertThat(decode(Venue.COINBASE, "BTC-USD",
            "{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"matches\"," +
            "\"product_ids\":[\"BTC-USD\"]}]}", 0).subscribed).isEqualTo(1);
        final String error = "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"GIBBERISH-USD is " +
            "not a valid product\"}";
        assertThat(decode(Venue.COINBASE, "BTC-USD", error, 0).rejections).containsExactly(error);
        assertThat(decode(Venue.COINBASE, "BTC-USD",
            "{\"type\":\"last_match\",\"trade_id\":881613,\"maker_order_id\":" +
            "\"27fff20b\",\"taker_order_id\":\"1da6ce16\",\"side\":\"sell\",\"size\":\"0.04\",\"price\":\"14.7775\"," +
            "\"product_id\":\"BTC-USD\",\"sequence\":333938798,\"time\":\"2021-04-17T16:43:30.244075Z\"}", 0)
            .lastTradeIds).containsExactly(new long[] {0, 881613});
    }

    @Test
    void binanceErrorReply()
    {
        final String error = "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variable\"},\"id\":1}";
        assertThat(decode(Venue.BINANCE_USDM, "BTCUSDT", error, 0).rejections).containsExactly(error);
    }
}
