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
 * One live trade message per venue for Hyperliquid, Bitfinex, Kraken and Bitstamp, decoded by our decoder on a
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
    private static final Map<Venue, String[]> MESSAGES = Map.of(
        Venue.HYPERLIQUID, new String[] {"BTC",
            "{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\"," +
            "\"subscription\":{\"type\":\"trades\"," + "\"coin\":\"BTC\"}}}",
            "{\"channel\":\"trades\",\"data\":[{\"coin\":\"BTC\",\"hash\":\"0x00\",\"px\":\"105056.0\"," +
                "\"side\":\"B\"," + "\"sz\":\"0.00219\",\"tid\":121451470284048,\"time\":1737918794873," +
                "\"users\":[\"0xa\",\"0xb\"]}]}",
            "{\"channel\":\"trades\",\"data\":[{\"coin\":\"BTC\"," +
                "\"hash\":\"0x84f7cbe3596546489dac041c922b5b01650050179ee30" +
                "58030bca59dd434d1d5\",\"px\":\"105056.0\",\"side\":\"B\",\"sz\":\"0.01853\",\"tid\":754186699313231," +
                "\"time\":1737918853204,\"users\":[\"0x592c6f1df3cd8b8f39408c807b5227fa4837c4c7\"," +
                "\"0x6802b4267f7f2bf7003dcf993c51542245b38329\"]}]}"},
        Venue.BITFINEX, new String[] {"BTCUSD",
            "{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":17,\"symbol\":\"tBTCUSD\"," +
            "\"pair\":\"BTCUSD\"}",
            "[17,[[401597395,1574694478808,0.005,7245.3]],1]",
            "[17,\"te\",[1812345678,1764057600121,-0.01523,86511.2],2]"},
        Venue.KRAKEN, new String[] {"XBT/USD",
            "{\"channelID\":337,\"channelName\":\"trade\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USD\"," +
                "\"status\":\"subscribed\",\"subscription\":{\"name\":\"trade\"}}",
            "{\"event\":\"heartbeat\"}",
            "[337,[[\"86511.20000\",\"0.01523000\",\"1764057600.121345\",\"s\",\"m\",\"\"]],\"trade\",\"XBT/USD\"]"},
        Venue.BITSTAMP, new String[] {"btcusd",
            "{\"event\":\"bts:subscription_succeeded\",\"channel\":\"live_trades_btcusd\",\"data\":{}}",
            "{\"event\":\"bts:heartbeat\",\"channel\":\"\",\"data\":{\"status\":\"success\"}}",
            "{\"data\":{\"id\":416000477,\"timestamp\":\"1764057600\",\"amount\":0.0792," +
                "\"amount_str\":\"0.07920000\"," +
                "\"price\":86511.2,\"price_str\":\"86511.20\",\"type\":0,\"microtimestamp\":\"1764057600121000\"," +
                "\"buy_order_id\":1943875737346049,\"sell_order_id\":1943875731320832}," +
                    "\"channel\":\"live_trades_btcusd\"," +
                "\"event\":\"trade\"}"});

    /** The venue whose messages are decoded. */
    @Param({"hyperliquid", "bitfinex", "kraken", "bitstamp"})
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
