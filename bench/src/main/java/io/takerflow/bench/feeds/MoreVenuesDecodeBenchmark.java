package io.takerflow.bench.feeds;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.FrameSink;

/**
 * One live trade message per venue for the eight venues added after the first five (Deribit, BitMEX, Kraken Futures and
 * Gate futures from their recordings in {@code shared/fixtures}, Hyperliquid, Bitfinex, Kraken, Bitstamp), decoded by
 * our decoder on a
 * connection that has been subscribed (the acknowledgement, and the snapshot where the venue sends one, decoded
 * first): the steady state, where {@code -prof gc} must show no allocation. Its parameter is {@code feed}, not
 * {@code venue}, so {@code bench/run quick}'s venue list for {@link DecodeBenchmark} leaves it whole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MoreVenuesDecodeBenchmark
{
    private static final Map<Venue, String[]> MESSAGES = Map.ofEntries(Map.entry(Venue.DERIBIT, new String[] {
            "BTC-PERPETUAL",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[\"trades.BTC-PERPETUAL.raw\"],\"usIn\":1,\"usOut\":2," +
                "\"usDiff\":1,\"testnet\":false}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"trades.BTC-PERPETUAL.raw\"," +
                "\"data\":[{\"trade_seq\":92836831,\"trade_id\":\"137487241\",\"timestamp\":1616321478553," +
                "\"tick_direction\":1,\"price\":56168.0,\"mark_price\":56172.08," +
                "\"instrument_name\":\"BTC-PERPETUAL\"," +
                "\"index_price\":56173.74,\"direction\":\"buy\",\"amount\":5580.0}]}}"}),
        Map.entry(Venue.BITMEX, new String[] {"XBTUSD",
            "{\"success\":true,\"subscribe\":\"trade:XBTUSD\",\"request\":{\"op\":\"subscribe\"," +
                "\"args\":[\"trade:XBTUSD\"]}}",
            "{\"table\":\"trade\",\"action\":\"insert\",\"data\":[{\"timestamp\":\"2021-07-22T22:36:11.685Z\"," +
                "\"symbol\":\"XBTUSD\",\"side\":\"Buy\",\"size\":100,\"price\":32180.5,\"tickDirection\":" +
                "\"PlusTick\",\"trdMatchID\":\"6e70bebe-235e-08a6-d11b-e1042bf1f2ed\",\"grossValue\":310747," +
                "\"homeNotional\":0.00310747,\"foreignNotional\":100}]}"}),
        Map.entry(Venue.KRAKEN_FUTURES, new String[] {"PI_LTCUSD",
            "{\"event\":\"subscribed\",\"feed\":\"trade\",\"product_ids\":[\"PI_LTCUSD\"]}",
            "{\"feed\":\"trade\",\"product_id\":\"PI_LTCUSD\",\"uid\":\"e2429e31-8b9d-4195-900e-fd42be2dec89\"," +
                "\"side\":\"buy\",\"type\":\"fill\",\"seq\":5956,\"time\":1626994929946,\"qty\":320.0," +
                "\"price\":119.44}"}),
        Map.entry(Venue.GATE_FUTURES, new String[] {"BTC_USDT_20210326",
            "{\"time\":1615253380,\"channel\":\"futures.trades\",\"event\":\"subscribe\",\"error\":null," +
                "\"result\":{\"status\":\"success\"}}",
            "{\"time\":1615253386,\"channel\":\"futures.trades\",\"event\":\"update\",\"error\":null," +
                "\"result\":[{\"size\":-19,\"id\":48081,\"create_time\":1615253386,\"price\":\"53560.5\"," +
                "\"contract\":\"BTC_USDT_20210326\"}]}"}),
        Map.entry(Venue.HYPERLIQUID, new String[] {"BTC",
            "{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\"," +
            "\"subscription\":{\"type\":\"trades\"," + "\"coin\":\"BTC\"}}}",
            "{\"channel\":\"trades\",\"data\":[{\"coin\":\"BTC\",\"hash\":\"0x00\",\"px\":\"105056.0\"," +
                "\"side\":\"B\"," + "\"sz\":\"0.00219\",\"tid\":121451470284048,\"time\":1737918794873," +
                "\"users\":[\"0xa\",\"0xb\"]}]}",
            "{\"channel\":\"trades\",\"data\":[{\"coin\":\"BTC\"," +
                "\"hash\":\"0x84f7cbe3596546489dac041c922b5b01650050179ee30" +
                "58030bca59dd434d1d5\",\"px\":\"105056.0\",\"side\":\"B\",\"sz\":\"0.01853\",\"tid\":754186699313231," +
                "\"time\":1737918853204,\"users\":[\"0x592c6f1df3cd8b8f39408c807b5227fa4837c4c7\"," +
                "\"0x6802b4267f7f2bf7003dcf993c51542245b38329\"]}]}"}),
        Map.entry(Venue.BITFINEX, new String[] {"BTCUSD",
            "{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":17,\"symbol\":\"tBTCUSD\"," +
            "\"pair\":\"BTCUSD\"}",
            "[17,[[401597395,1574694478808,0.005,7245.3]],1]",
            "[17,\"te\",[1812345678,1764057600121,-0.01523,86511.2],2]"}),
        Map.entry(Venue.KRAKEN, new String[] {"XBT/USD",
            "{\"channelID\":337,\"channelName\":\"trade\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USD\"," +
                "\"status\":\"subscribed\",\"subscription\":{\"name\":\"trade\"}}",
            "{\"event\":\"heartbeat\"}",
            "[337,[[\"86511.20000\",\"0.01523000\",\"1764057600.121345\",\"s\",\"m\",\"\"]],\"trade\",\"XBT/USD\"]"}),
        Map.entry(Venue.BITSTAMP, new String[] {"btcusd",
            "{\"event\":\"bts:subscription_succeeded\",\"channel\":\"live_trades_btcusd\",\"data\":{}}",
            "{\"event\":\"bts:heartbeat\",\"channel\":\"\",\"data\":{\"status\":\"success\"}}",
            "{\"data\":{\"id\":416000477,\"timestamp\":\"1764057600\",\"amount\":0.0792," +
                "\"amount_str\":\"0.07920000\"," +
                "\"price\":86511.2,\"price_str\":\"86511.20\",\"type\":0,\"microtimestamp\":\"1764057600121000\"," +
                "\"buy_order_id\":1943875737346049,\"sell_order_id\":1943875731320832}," +
                    "\"channel\":\"live_trades_btcusd\"," +
                "\"event\":\"trade\"}"}));

    /** The venue whose messages are decoded. */
    @Param({"deribit", "bitmex", "kraken-futures", "gate-futures", "hyperliquid", "bitfinex", "kraken", "bitstamp"})
    public String feed;

    private byte[] bytes;
    private UnsafeBuffer buffer;
    private FrameDecoder decoder;
    private FrameSink sink;
    private Blackhole blackhole;

    /**
     * Prepares the messages and the decoder.
     *
     * @param blackhole sinks the decoded values.
     */
    @Setup
    public void setUp(final Blackhole blackhole)
    {
        this.blackhole = blackhole;
        final Venue v = Venue.fromId(feed);
        final String[] messages = MESSAGES.get(v);
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(v, messages[0], 1.0);
        decoder = VenueProtocols.of(v).newDecoder(catalog);
        sink = this::consume;
        for (int i = 1; i < messages.length - 1; i++)
        {
            final byte[] setup = messages[i].getBytes(StandardCharsets.UTF_8);
            decoder.decode(new UnsafeBuffer(setup), 0, setup.length, 1L, sink);
        }
        bytes = messages[messages.length - 1].getBytes(StandardCharsets.UTF_8);
        buffer = new UnsafeBuffer(bytes);
        if (decode() != 1)
        {
            throw new IllegalStateException(feed + ": the decoder did not find the trade");
        }
    }

    private void consume(final InputEvent trade)
    {
        blackhole.consume(trade.priceMantissa());
        blackhole.consume(trade.quantityMantissa());
        blackhole.consume(trade.takerSide());
        blackhole.consume(trade.tradeId());
    }

    /**
     * @return trades decoded from one message.
     */
    @Benchmark
    public int decode()
    {
        return decoder.decode(buffer, 0, bytes.length, 1L, sink);
    }
}
