package io.takerflow.feeds.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.ShapeAgreement;
import io.takerflow.feeds.FrameDecoder;

class CoinbaseAdvancedTradeDecoderTest
{
    /**
     * Shape of the documented market_trades snapshot, newest first, with the maker-side labelling.
     */
    private static final String SNAPSHOT = "{\"channel\":\"market_trades\",\"client_id\":\"\"," +
        "\"timestamp\":\"2023-02-09T20:19:35.39625135Z\",\"sequence_num\":0,\"events\":[{\"type\":\"snapshot\"," +
        "\"trades\":[" +
        "{\"trade_id\":\"102\",\"product_id\":\"BTC-USD\",\"price\":\"21921.74\",\"size\":\"0.0021\"," +
            "\"side\":\"BUY\"," +
        "\"time\":\"2023-02-09T20:19:35.000123Z\"}," +
        "{\"trade_id\":\"101\",\"product_id\":\"BTC-USD\",\"price\":\"21921.75\",\"size\":\"0.5\",\"side\":\"SELL\"," +
        "\"time\":\"2023-02-09T20:19:34.5Z\"}," +
        "{\"trade_id\":\"100\",\"product_id\":\"ETH-USD\",\"price\":\"1550.1\",\"size\":\"1\",\"side\":\"SELL\"," +
        "\"time\":\"2023-02-09T20:19:34Z\"}]}]}";

    @Test
    void documentedUpdatesTakeTheFastPathAndDecodeAsTheFieldLoopDoes()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.COINBASE_ADVANCED, "BTC-USD", 1.0);
        catalog.add(Venue.COINBASE_ADVANCED, "ETH-USD", 1.0);
        final CoinbaseAdvancedTradeDecoder fast = new CoinbaseAdvancedTradeDecoder(catalog);
        final CoinbaseAdvancedTradeDecoder general = new CoinbaseAdvancedTradeDecoder(catalog);
        general.cursor().shapes(false);
        final String update = "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":" +
            "\"2025-11-25T08:00:00.125Z\",\"sequence_num\":42,\"events\":[{\"type\":\"update\",\"trades\":[" +
            "{\"product_id\":\"BTC-USD\",\"trade_id\":\"891234568\",\"price\":\"86530.55\",\"size\":\"0.00513\"," +
            "\"time\":\"2025-11-25T08:00:00.123456Z\",\"side\":\"BUY\"}," +
            "{\"product_id\":\"ETH-USD\",\"trade_id\":\"891234567\",\"price\":\"3012.5\",\"size\":\"1\"," +
            "\"time\":\"2025-11-25T08:00:00.1Z\",\"side\":\"SELL\"}]}]}";
        assertThat(ShapeAgreement.check(fast, fast.cursor(), general, List.of(update, SNAPSHOT), 20_000))
            .as("the update, not the snapshot").isEqualTo(1);
    }

    @Test
    void aSnapshotIsPastVolumeThatOnlySeedsTheLastTradeId()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int btc = catalog.add(Venue.COINBASE_ADVANCED, "BTC-USD", 1.0);
        final CollectingSink sink = new CollectingSink();
        final byte[] bytes = SNAPSHOT.getBytes(StandardCharsets.UTF_8);
        assertThat(new CoinbaseAdvancedTradeDecoder(catalog).decode(new UnsafeBuffer(bytes), 0, bytes.length, 7, sink))
            .isZero();
        assertThat(sink.trades).isEmpty();
        assertThat(sink.lastTradeIds).containsExactly(new long[] {btc, 102});
    }

    @Test
    void subscriptionsAcknowledgeAndAnErrorRefuses()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.COINBASE_ADVANCED, "BTC-USD", 1.0);
        final FrameDecoder decoder = new CoinbaseAdvancedTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        final String ack = "{\"channel\":\"subscriptions\",\"client_id\":\"\"," +
            "\"timestamp\":\"2023-02-09T20:32:57.609931463Z\"," +
            "\"sequence_num\":0,\"events\":[{\"subscriptions\":{\"market_trades\":[\"BTC-USD\"]}}]}";
        final String error = "{\"type\":\"error\",\"message\":\"failure to subscribe\"}";
        for (final String frame : new String[] {ack, error})
        {
            final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 7, sink)).isZero();
        }
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(sink.rejections).containsExactly("{\"type\":\"error\",\"message\":\"failure to subscribe\"}");
    }

    @Test
    void emitsOldestFirstWithTheTakerOppositeToTheLabel()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int btc = catalog.add(Venue.COINBASE_ADVANCED, "BTC-USD", 1.0);
        final CollectingSink sink = new CollectingSink();
        final byte[] bytes = SNAPSHOT.replace("\"snapshot\"", "\"update\"").getBytes(StandardCharsets.UTF_8);
        assertThat(new CoinbaseAdvancedTradeDecoder(catalog).decode(new UnsafeBuffer(bytes), 0, bytes.length, 7, sink))
            .isEqualTo(2);
        assertThat(sink.trades).extracting(Object::toString).containsExactly(
            "TRADE{coinbase-advanced #" + btc + " BUY 0.5 @ 21921.75 id=101 t=1675973974500000000 recv=7}",
            "TRADE{coinbase-advanced #" + btc + " SELL 0.0021 @ 21921.74 id=102 t=1675973975000123000 recv=7}");
        assertThat(sink.trades.get(0).takerSide()).isEqualTo(TakerSide.BUY);
    }

    @Test
    void otherChannelsCarryNoTradeAndABrokenTradeSpoilsTheFrame()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.COINBASE_ADVANCED, "BTC-USD", 1.0);
        final FrameDecoder decoder = new CoinbaseAdvancedTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        final String heartbeat = "{\"channel\":\"heartbeats\",\"client_id\":\"\"," +
            "\"timestamp\":\"2023-06-23T20:31:26.122969572Z\"," +
            "\"sequence_num\":0,\"events\":[{\"current_time\":\"2023-06-23 20:31:56.121961769 +0000 UTC " +
            "m=+91717.525857105\"," +
            "\"heartbeat_counter\":\"3049\"}]}";
        final String broken = SNAPSHOT.replace("\"price\":\"21921.75\"", "\"price\":\"21921.7.5\"");
        for (final String frame : new String[] {heartbeat, broken})
        {
            final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            final int result = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 7, sink);
            assertThat(result).isEqualTo(frame == heartbeat ? 0 : FrameDecoder.MALFORMED);
        }
        assertThat(sink.trades).isEmpty();
    }
}
