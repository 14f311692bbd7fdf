package io.takerflow.feeds.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

class CoinbaseMatchDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void everyMatchMatchesJacksonAndItsTickerNamesTheSameTaker() throws Exception
    {
        final List<Fixtures.Frame> frames = Fixtures.frames("cryptofeed-COINBASE.ws.28.0.txt");
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final Map<String, String> tickerTakerSide = new HashMap<>();
        for (final Fixtures.Frame frame : frames)
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            final String type = message.path("type").asText();
            if (type.equals("match") || type.equals("last_match"))
            {
                catalog.add(Venue.COINBASE, message.get("product_id").asText(), 1.0);
            }
            if (type.equals("ticker") && message.has("trade_id"))
            {
                tickerTakerSide.put(message.get("product_id").asText() + "#" + message.get("trade_id").asLong(),
                    message.get("side").asText());
            }
        }
        final FrameDecoder decoder = new CoinbaseMatchDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        int matches = 0;
        int pairedWithTicker = 0;
        for (final Fixtures.Frame frame : frames)
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            final byte[] bytes = frame.text().getBytes(StandardCharsets.UTF_8);
            sink.clear();
            final int result = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, frame.receiveTimeNs(), sink);
            final String type = message.path("type").asText();
            if (type.equals("last_match"))
            {
                assertThat(result).as("last_match is a past trade, not flow").isZero();
                assertThat(sink.trades).isEmpty();
                assertThat(sink.lastTradeIds).hasSize(1);
                assertThat(sink.lastTradeIds.get(0)[1]).isEqualTo(message.get("trade_id").asLong());
                continue;
            }
            if (!type.equals("match"))
            {
                assertThat(result).as(frame.text()).isZero();
                continue;
            }
            matches++;
            assertThat(result).as(frame.text()).isEqualTo(1);
            final InputEvent trade = sink.trades.get(0);
            assertThat(catalog.get(trade.instrumentId()).symbol()).isEqualTo(message.get("product_id").asText());
            assertThat(BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()))
                .isEqualTo(new BigDecimal(message.get("price").asText()));
            assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()))
                .isEqualTo(new BigDecimal(message.get("size").asText()));
            assertThat(trade.tradeId()).isEqualTo(message.get("trade_id").asLong());
            final Instant time = Instant.parse(message.get("time").asText());
            assertThat(trade.exchangeTimeNs()).isEqualTo(time.getEpochSecond() * 1_000_000_000L + time.getNano());
            final String makerSide = message.get("side").asText();
            assertThat(trade.takerSide()).isEqualTo(makerSide.equals("sell") ? TakerSide.BUY : TakerSide.SELL);
            final String tickerSide = tickerTakerSide.get(message.get("product_id").asText() + "#" + trade.tradeId());
            if (tickerSide != null)
            {
                pairedWithTicker++;
                assertThat(trade.takerSide().name().toLowerCase()).as("ticker side is the taker's")
                    .isEqualTo(tickerSide);
            }
        }
        assertThat(matches).isGreaterThanOrEqualTo(80);
        assertThat(pairedWithTicker).isGreaterThanOrEqualTo(matches / 2);
    }

    @Test
    void recordedMatchesTakeTheFastPathAndDecodeAsTheFieldLoopDoes() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final List<String> frames = new java.util.ArrayList<>();
        int matches = 0;
        for (final Fixtures.Frame frame : Fixtures.frames("cryptofeed-COINBASE.ws.28.0.txt"))
        {
            frames.add(frame.text());
            final JsonNode message = JACKSON.readTree(frame.text());
            if (message.path("type").asText().equals("match") || message.path("type").asText().equals("last_match"))
            {
                matches += message.path("type").asText().equals("match") ? 1 : 0;
                catalog.add(Venue.COINBASE, message.get("product_id").asText(), 1.0);
            }
        }
        final CoinbaseMatchDecoder fast = new CoinbaseMatchDecoder(catalog);
        final CoinbaseMatchDecoder general = new CoinbaseMatchDecoder(catalog);
        general.cursor().shapes(false);
        assertThat(matches).isPositive();
        assertThat(ShapeAgreement.check(fast, fast.cursor(), general, frames, 20_000)).isEqualTo(matches);
    }

    @Test
    void heartbeatReportsTheLastTradeId()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int btc = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final CollectingSink sink = new CollectingSink();
        final String heartbeat = "{\"type\":\"heartbeat\",\"last_trade_id\":20,\"product_id\":\"BTC-USD\"," +
            "\"sequence\":90," + "\"time\":\"2014-11-07T08:19:28.464459Z\"}";
        final byte[] bytes = heartbeat.getBytes(StandardCharsets.UTF_8);
        assertThat(new CoinbaseMatchDecoder(catalog).decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink))
            .isZero();
        assertThat(sink.lastTradeIds).containsExactly(new long[] {btc, 20});
    }

    @Test
    void truncatedMatchesAreMalformedAndEmitNothing()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final FrameDecoder decoder = new CoinbaseMatchDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        final String match = "{\"type\":\"match\",\"trade_id\":10,\"sequence\":50,\"maker_order_id\":\"ac\"," +
            "\"taker_order_id\":\"13\",\"time\":\"2014-11-07T08:19:27.028459Z\",\"product_id\":\"BTC-USD\"," +
            "\"size\":\"5.23512\",\"price\":\"400.23\",\"side\":\"sell\"}";
        for (int cut = 0; cut < match.length(); cut++)
        {
            final byte[] bytes = match.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink))
                .isEqualTo(FrameDecoder.MALFORMED);
        }
        final byte[] badTime = match.replace("08:19:27", "08:19:2x").getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(badTime), 0, badTime.length, 1, sink))
            .isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
        final byte[] bytes = match.getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink)).isEqualTo(1);
        assertThat(sink.trades.get(0).takerSide()).isEqualTo(TakerSide.BUY);
    }
}
