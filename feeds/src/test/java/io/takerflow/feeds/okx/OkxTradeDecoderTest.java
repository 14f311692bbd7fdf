package io.takerflow.feeds.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.ShapeAgreement;
import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.FrameDecoder;

class OkxTradeDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void everyRecordedTradeMatchesJackson() throws Exception
    {
        final List<Fixtures.Frame> frames = Fixtures.frames("cryptofeed-OKX.ws.1.0.txt");
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.OKX, "BTC-USD-220527", 1.0);
        catalog.add(Venue.OKX, "UNI-USD-SWAP", 10.0);
        catalog.add(Venue.OKX, "BTC-USDT", 1.0);
        final FrameDecoder decoder = new OkxTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        int trades = 0;
        for (final Fixtures.Frame frame : frames)
        {
            final byte[] bytes = frame.text().getBytes(StandardCharsets.UTF_8);
            sink.clear();
            final int result = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, frame.receiveTimeNs(), sink);
            final JsonNode message = frame.text().equals("pong") ? null : JACKSON.readTree(frame.text());
            if (message == null || !message.path("arg").path("channel").asText().equals("trades") ||
                !message.has("data"))
            {
                assertThat(result).as(frame.text()).isZero();
                continue;
            }
            final JsonNode data = message.get("data");
            assertThat(result).as(frame.text()).isEqualTo(data.size());
            for (int i = 0; i < data.size(); i++)
            {
                final JsonNode expected = data.get(i);
                final InputEvent trade = sink.trades.stream()
                    .filter(t -> t.tradeId() == expected.get("tradeId").asLong()).findFirst().orElseThrow();
                trades++;
                assertThat(catalog.get(trade.instrumentId()).symbol()).isEqualTo(expected.get("instId").asText());
                assertThat(BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()))
                    .isEqualTo(new BigDecimal(expected.get("px").asText()));
                assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()))
                    .isEqualTo(new BigDecimal(expected.get("sz").asText()));
                assertThat(trade.exchangeTimeNs()).isEqualTo(expected.get("ts").asLong() * 1_000_000L);
                assertThat(trade.takerSide().name().toLowerCase()).isEqualTo(expected.get("side").asText());
            }
        }
        assertThat(trades).isGreaterThan(10);
    }

    @Test
    void recordedTradesTakeTheFastPathAndDecodeAsTheFieldLoopDoes() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.OKX, "BTC-USD-220527", 1.0);
        catalog.add(Venue.OKX, "UNI-USD-SWAP", 10.0);
        catalog.add(Venue.OKX, "BTC-USDT", 1.0);
        catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
        final List<String> frames = new java.util.ArrayList<>();
        int pushes = 0;
        for (final Fixtures.Frame frame : Fixtures.frames("cryptofeed-OKX.ws.1.0.txt"))
        {
            frames.add(frame.text());
            pushes += frame.text().startsWith("{\"arg\":{\"channel\":\"trades\"") && frame.text().contains("\"data\"") ?
                1 : 0;
        }
        frames.add("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instId\":" +
            "\"BTC-USDT-SWAP\",\"tradeId\":\"1312345678\",\"px\":\"86511.2\",\"sz\":\"3\",\"side\":\"sell\",\"ts\":" +
            "\"1764057600121\",\"count\":\"1\",\"source\":\"0\",\"seqId\":38123456789}]}");
        final OkxTradeDecoder fast = new OkxTradeDecoder(catalog);
        final OkxTradeDecoder general = new OkxTradeDecoder(catalog);
        general.cursor().shapes(false);
        assertThat(pushes).isPositive();
        assertThat(ShapeAgreement.check(fast, fast.cursor(), general, frames, 20_000)).isEqualTo(pushes + 1);
    }

    @Test
    void aTradesPushWithoutDataIsMalformedOnOkxAndBybitAlike()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
        catalog.add(Venue.BYBIT_LINEAR, "BTCUSDT", 1.0);
        final byte[] okx = ("{\"arg\":{\"channel\":\"trades\"," +
            "\"instId\":\"BTC-USDT-SWAP\"}}").getBytes(StandardCharsets.UTF_8);
        final byte[] bybit = ("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\"," +
            "\"ts\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(new OkxTradeDecoder(catalog).decode(new UnsafeBuffer(okx), 0, okx.length, 1, new CollectingSink()))
            .isEqualTo(FrameDecoder.MALFORMED);
        assertThat(new io.takerflow.feeds.bybit.BybitTradeDecoder(Venue.BYBIT_LINEAR, catalog)
            .decode(new UnsafeBuffer(bybit), 0, bybit.length, 1, new CollectingSink()))
            .isEqualTo(FrameDecoder.MALFORMED);
    }

    @Test
    void aMultiTradePushIsAllOrNothing()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
        final FrameDecoder decoder = new OkxTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        final String push = "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[" +
            "{\"instId\":\"BTC-USDT-SWAP\",\"tradeId\":\"130639475\",\"px\":\"42219.9\",\"sz\":\"3\"," +
            "\"side\":\"sell\",\"ts\":\"1630048897898\",\"count\":\"1\"}," +
            "{\"instId\":\"BTC-USDT-SWAP\",\"tradeId\":\"130639474\",\"px\":\"42219.8\",\"sz\":\"12\"," +
                "\"side\":\"buy\",\"ts\":\"1630048897897\",\"count\":\"3\"}]}";
        final String broken = push.replace("\"side\":\"buy\"", "\"side\":\"up\"");
        byte[] bytes = broken.getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
        bytes = push.getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink)).isEqualTo(2);
        assertThat(sink.trades).extracting(InputEvent::tradeId).containsExactly(130639474L, 130639475L);
        assertThat(sink.trades).extracting(InputEvent::takerSide).containsExactly(TakerSide.BUY, TakerSide.SELL);
        bytes = "pong".getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink)).isZero();
        bytes = ("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"}," +
            "\"connId\":\"a4d3ae55\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink)).isZero();
    }

    @Test
    void dataBeforeArgDecodesTheSameTradesAsArgFirst()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.OKX, "BTC-USDT-SWAP", 0.01);
        final String data = "\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"tradeId\":\"7\",\"px\":\"86511.2\"," +
            "\"sz\":\"3\"," + "\"side\":\"sell\",\"ts\":\"1764057600121\"},{\"instId\":\"BTC-USDT-SWAP\"," +
            "\"tradeId\":\"8\"," +
            "\"px\":\"86511.3\"," +
            "\"sz\":\"1\",\"side\":\"buy\",\"ts\":\"1764057600122\"}]";
        final String arg = "\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"}";
        final List<String> decoded = new java.util.ArrayList<>();
        for (final String frame : List.of("{" + arg + "," + data + "}", "{" + data + "," + arg + "}"))
        {
            final CollectingSink sink = new CollectingSink();
            final byte[] bytes = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(new OkxTradeDecoder(catalog).decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink))
                .isEqualTo(2);
            decoded.add(sink.trades.toString());
        }
        assertThat(decoded.get(0)).isEqualTo(decoded.get(1)).contains("SELL").contains("BUY");
    }
}
