package io.takerflow.bench.feeds;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.FrameSink;

/**
 * One trade frame per venue, decoded three ways on the same bytes: our zero-allocation decoder into a ring
 * slot, Jackson databind into the venue's POJO (the popular libraries' approach) and Jackson streaming
 * extracting the same fields (price and size as exact {@link BigDecimal}, as a careful hand-written client would).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark
{
    /** The venue whose frame is decoded. */
    @Param({"binance-usdm", "binance-spot", "coinbase", "coinbase-advanced", "bybit-linear", "okx"})
    public String venue;

    private byte[] bytes;
    private UnsafeBuffer buffer;
    private FrameDecoder decoder;
    private FrameSink sink;
    private ObjectReader pojoReader;
    private JsonFactory factory;
    private Blackhole blackhole;

    /**
     * Prepares the frame, our decoder and the Jackson baselines.
     *
     * @param blackhole sinks the decoded values.
     * @throws IOException if a baseline cannot be set up.
     */
    @Setup
    public void setUp(final Blackhole blackhole) throws IOException
    {
        this.blackhole = blackhole;
        final Venue v = Venue.fromId(venue);
        bytes = TradeFrames.FRAMES.get(v).getBytes(StandardCharsets.UTF_8);
        buffer = new UnsafeBuffer(bytes);
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(v, v == Venue.COINBASE || v == Venue.COINBASE_ADVANCED ? "BTC-USD" :
            v == Venue.OKX ? "BTC-USDT-SWAP" : "BTCUSDT", v == Venue.OKX ? 0.01 : 1.0);
        decoder = VenueProtocols.of(v).newDecoder(catalog);
        sink = this::consume;
        final ObjectMapper mapper = new ObjectMapper();
        pojoReader = mapper.readerFor(pojoType(v));
        factory = mapper.getFactory();
        if (decode() != 1 || databind() == null || streaming() == 0)
        {
            throw new IllegalStateException(venue + ": a decoder did not find the trade");
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
     * @return trades decoded by our decoder from one frame.
     */
    @Benchmark
    public int decode()
    {
        return decoder.decode(buffer, 0, bytes.length, 1L, sink);
    }

    /**
     * @return the frame mapped to POJOs by Jackson databind (the baseline).
     * @throws IOException on malformed JSON.
     */
    @Benchmark
    public Object databind() throws IOException
    {
        return pojoReader.readValue(bytes);
    }

    /**
     * @return tokens read by Jackson's streaming parser (the lower baseline).
     * @throws IOException on malformed JSON.
     */
    @Benchmark
    public long streaming() throws IOException
    {
        long found = 0;
        try (JsonParser parser = factory.createParser(bytes))
        {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken())
            {
                if (token != JsonToken.FIELD_NAME)
                {
                    continue;
                }
                final String name = parser.currentName();
                parser.nextToken();
                switch (name)
                {
                    case "p":
                    case "q":
                    case "v":
                    case "px":
                    case "sz":
                    case "price":
                    case "size":
                        blackhole.consume(new BigDecimal(parser.getText()));
                        found++;
                        break;
                    case "m":
                    case "S":
                    case "side":
                    case "s":
                    case "product_id":
                    case "instId":
                        blackhole.consume(parser.getText());
                        break;
                    case "a":
                    case "t":
                    case "T":
                    case "trade_id":
                    case "tradeId":
                    case "ts":
                    case "time":
                    case "i":
                        blackhole.consume(parser.getText());
                        break;
                    default:
                        if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() ==
                        JsonToken.START_ARRAY)
                        {
                            continue;
                        }
                        break;
                }
            }
        }
        return found;
    }

    private static Class<?> pojoType(final Venue venue)
    {
        switch (venue)
        {
            case BINANCE_USDM:
            case BINANCE_SPOT:
                return VenueTradeModels.BinanceEnvelope.class;
            case COINBASE:
                return VenueTradeModels.CoinbaseMatch.class;
            case COINBASE_ADVANCED:
                return VenueTradeModels.CoinbaseAdvancedMessage.class;
            case BYBIT_LINEAR:
                return VenueTradeModels.BybitMessage.class;
            default:
                return VenueTradeModels.OkxMessage.class;
        }
    }
}
