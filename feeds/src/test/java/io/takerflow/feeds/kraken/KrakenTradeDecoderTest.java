package io.takerflow.feeds.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.CollectingSink;
import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.FrameDecoder;

/**
 * Kraken spot v1's decoder on the cryptofeed recordings (10 trades, and the same pairs' books, 2021-04) and on the
 * trades of the REST sample (XBT/USDT, 1,000 trades with consecutive ids, 2025-11) put in v1 messages: the trade
 * array is the same six values in both.
 */
class KrakenTradeDecoderTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> PAIRS = List.of("WAVES/EUR", "XMR/USD", "KSM/XBT", "GRT/ETH", "SC/EUR", "ETH/CHF",
        "OCEAN/XBT", "OMG/USD", "XBT/CHF", "ADA/XBT");

    private static InstrumentCatalog catalog()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        PAIRS.forEach(pair -> catalog.add(Venue.KRAKEN, pair, 1.0));
        catalog.add(Venue.KRAKEN, "XBT/USDT", 1.0);
        return catalog;
    }

    private static List<InputEvent> recordedTrades(final CollectingSink sink) throws Exception
    {
        final FrameDecoder decoder = new KrakenTradeDecoder(catalog());
        for (final Fixtures.Frame frame : Fixtures.frames("cryptofeed-KRAKEN.ws.48.0.txt"))
        {
            assertThat(decode(decoder, frame.text(), sink)).as(frame.text()).isNotEqualTo(FrameDecoder.MALFORMED);
        }
        return sink.trades;
    }

    @Test
    void everyRecordedTradeIsDecodedExactlyAsSent() throws Exception
    {
        final InstrumentCatalog catalog = catalog();
        final List<JsonNode> expected = new ArrayList<>();
        for (final Fixtures.Frame frame : Fixtures.frames("cryptofeed-KRAKEN.ws.48.0.txt"))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            if (message.isArray())
            {
                for (final JsonNode trade : message.get(1))
                {
                    expected.add(JACKSON.createArrayNode().add(message.get(3))
                        .addAll((com.fasterxml.jackson.databind.node.ArrayNode)trade));
                }
            }
        }
        final CollectingSink sink = new CollectingSink();
        final List<InputEvent> trades = recordedTrades(sink);
        assertThat(sink.subscribed).isEqualTo(10);
        assertThat(trades).hasSize(10).hasSameSizeAs(expected);
        final Set<Long> ids = new HashSet<>();
        for (int i = 0; i < trades.size(); i++)
        {
            final InputEvent got = trades.get(i);
            final JsonNode want = expected.get(i);
            assertThat(catalog.get(got.instrumentId()).symbol()).isEqualTo(want.get(0).asText());
            assertThat(BigDecimal.valueOf(got.priceMantissa(), got.priceScale()))
                .isEqualTo(new BigDecimal(want.get(1).asText()));
            assertThat(BigDecimal.valueOf(got.quantityMantissa(), got.quantityScale()))
                .isEqualTo(new BigDecimal(want.get(2).asText()));
            assertThat(got.exchangeTimeNs()).isEqualTo(new BigDecimal(want.get(3).asText()).movePointRight(9)
                .longValueExact());
            assertThat(got.takerSide()).isEqualTo(want.get(4).asText().equals("b") ? TakerSide.BUY : TakerSide.SELL);
            assertThat(ids.add(got.tradeId())).as("distinct trades hash apart").isTrue();
        }
    }

    /**
     * Kraken's v1 documentation of {@code trade}: "side: Triggering order side, buy/sell" ({@code b}/{@code s}).
     * Checked on the data: the books of the same pairs, recorded on a second connection at the same time, rebuilt
     * from their snapshots and updates up to each trade's time; all ten trades trade at or beyond the touch on the
     * taker's side (a taker buy at or above the best ask, a sell at or below the best bid). Inverted, not one would.
     */
    @Test
    void everyRecordedTradeIsOnTheTakersSideOfTheRebuiltBook() throws Exception
    {
        final List<Object[]> levels = new ArrayList<>();
        for (final Fixtures.Frame frame : Fixtures.frames("cryptofeed-KRAKEN.ws.50.0.txt"))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            if (!message.isArray())
            {
                continue;
            }
            final String pair = message.get(message.size() - 1).asText().contains("/") ?
                message.get(message.size() - 1).asText() : message.get(message.size() - 2).asText();
            for (final JsonNode part : message)
            {
                part.fields().forEachRemaining(side ->
                {
                    if (side.getKey().matches("a|b|as|bs"))
                    {
                        for (final JsonNode level : side.getValue())
                        {
                            levels.add(new Object[] {new BigDecimal(level.get(2).asText()), pair, side.getKey()
                                .charAt(0), new BigDecimal(level.get(0).asText()),
                                new BigDecimal(level.get(1).asText())});
                        }
                    }
                });
            }
        }
        levels.sort(Comparator.comparing(l -> (BigDecimal)l[0]));
        final InstrumentCatalog catalog = catalog();
        int agree = 0;
        final List<InputEvent> trades = recordedTrades(new CollectingSink());
        for (final InputEvent trade : trades)
        {
            final String pair = catalog.get(trade.instrumentId()).symbol();
            final BigDecimal time = BigDecimal.valueOf(trade.exchangeTimeNs(), 9);
            final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
            final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
            for (final Object[] level : levels)
            {
                if (((BigDecimal)level[0]).compareTo(time) >= 0)
                {
                    break;
                }
                if (level[1].equals(pair))
                {
                    final TreeMap<BigDecimal, BigDecimal> book = (char)level[2] == 'a' ? asks : bids;
                    if (((BigDecimal)level[4]).signum() == 0)
                    {
                        book.remove((BigDecimal)level[3]);
                    }
                    else
                    {
                        book.put((BigDecimal)level[3], (BigDecimal)level[4]);
                    }
                }
            }
            final BigDecimal price = BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale());
            agree += trade.takerSide() == TakerSide.BUY ? (price.compareTo(asks.firstKey()) >= 0 ? 1 : 0) :
                (price.compareTo(bids.lastKey()) <= 0 ? 1 : 0);
        }
        assertThat(trades).hasSize(10);
        assertThat(agree).isEqualTo(10);
    }

    /**
     * The REST sample's trades, each put in a v1 message as Kraken's trade array (its seventh value, the REST id,
     * is ignored by the decoder): consecutive ids in the same instant with the same side are one taker order walking
     * the book. An independent count over the raw file (Python) finds 117 steps up and none down between buys, 93
     * down and none up between sells.
     */
    @Test
    void takerBuysWalkTheBookUpAndTakerSellsDownInTheRestSample() throws Exception
    {
        final JsonNode rest = JACKSON.readTree(Files.readString(Fixtures.recorded("nautilus-KRAKEN-http_trades.json")));
        final JsonNode trades = rest.get("result").get("XBTUSDT");
        final FrameDecoder decoder = new KrakenTradeDecoder(catalog());
        final CollectingSink sink = new CollectingSink();
        decode(decoder, "{\"channelID\":321,\"channelName\":\"trade\",\"event\":\"subscriptionStatus\"," +
            "\"pair\":\"XBT/USDT\"," + "\"status\":\"subscribed\",\"subscription\":{\"name\":\"trade\"}}", sink);
        final List<Long> restIds = new ArrayList<>();
        for (final JsonNode trade : trades)
        {
            final String frame = "[321,[[\"" + trade.get(0).asText() + "\",\"" + trade.get(1).asText() + "\",\"" +
                trade.get(2).decimalValue().toPlainString() + "\",\"" + trade.get(3).asText() + "\",\"" +
                trade.get(4).asText() + "\",\"\"," + trade.get(6).asLong() + "]],\"trade\",\"XBT/USDT\"]";
            assertThat(decode(decoder, frame, sink)).isEqualTo(1);
            restIds.add(trade.get(6).asLong());
        }
        final int[] steps = new int[4];
        for (int i = 1; i < sink.trades.size(); i++)
        {
            final InputEvent before = sink.trades.get(i - 1);
            final InputEvent after = sink.trades.get(i);
            final int move = BigDecimal.valueOf(after.priceMantissa(), after.priceScale())
                .compareTo(BigDecimal.valueOf(before.priceMantissa(), before.priceScale()));
            if (restIds.get(i) == restIds.get(i - 1) + 1 && before.exchangeTimeNs() == after.exchangeTimeNs() &&
                before.takerSide() == after.takerSide() && move != 0)
            {
                steps[(after.takerSide() == TakerSide.BUY ? 0 : 2) + (move > 0 ? 0 : 1)]++;
            }
        }
        assertThat(steps).as("buy up, buy down, sell up, sell down").containsExactly(117, 0, 0, 93);
    }

    @Test
    void refusalsHeartbeatsAndBadMessages()
    {
        final FrameDecoder decoder = new KrakenTradeDecoder(catalog());
        final CollectingSink sink = new CollectingSink();
        assertThat(decode(decoder, "{\"errorMessage\":\"Currency pair not supported XBT/USDX\",\"event\":" +
            "\"subscriptionStatus\",\"pair\":\"XBT/USDX\",\"status\":\"error\",\"subscription\":{\"name\":\"trade\"}}",
            sink))
            .isZero();
        assertThat(sink.rejections).hasSize(1).first().asString().contains("Currency pair not supported");
        assertThat(decode(decoder, "{\"event\":\"heartbeat\"}", sink)).isZero();
        assertThat(decode(decoder, "{\"event\":\"pong\",\"reqid\":7}", sink)).isZero();
        assertThat(decode(decoder, "{\"channelID\":993,\"channelName\":\"trade\",\"event\":\"subscriptionStatus\"," +
            "\"pair\":\"XMR/USD\",\"status\":\"subscribed\",\"subscription\":{\"name\":\"trade\"}}", sink)).isZero();
        assertThat(decode(decoder,
            "[993,[[\"354.11\",\"0.89\",\"1618678142.557535\",\"x\",\"l\",\"\"]],\"trade\",\"XMR/USD\"]",
            sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode(decoder, "[993,[[\"354.11\",\"0.89\",\"1618678142.557535\",\"s\",\"l\",\"\"]],\"trade\"",
            sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
        assertThat(decode(decoder,
            "[993,[[\"354.11\",\"0.89\",\"1618678142.557535\",\"s\",\"l\",\"\"]],\"trade\",\"XMR/USD\"]",
            sink)).isEqualTo(1);
    }

    private static int decode(final FrameDecoder decoder, final String text, final CollectingSink sink)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 0, sink);
    }
}
