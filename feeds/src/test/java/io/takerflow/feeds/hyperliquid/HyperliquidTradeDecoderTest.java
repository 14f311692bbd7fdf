package io.takerflow.feeds.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

/**
 * Hyperliquid's decoder on the hftbacktest recording (BTC {@code trades} and {@code l2Book}, 2025-01-26): the
 * subscribe snapshot is not flow, every live trade is decoded as sent, and the taker side agrees with the book.
 */
class HyperliquidTradeDecoderTest
{
    private static final String RECORDING = "hftbacktest-hyperliquid-btcusd_20250126.gz";
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void recordedTradesTakeTheFastPathAndDecodeAsTheFieldLoopDoes() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.HYPERLIQUID, "BTC", 1.0);
        final HyperliquidTradeDecoder fast = new HyperliquidTradeDecoder(catalog);
        final HyperliquidTradeDecoder general = new HyperliquidTradeDecoder(catalog);
        general.cursor().shapes(false);
        final List<String> frames = new ArrayList<>();
        int pushes = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            frames.add(frame.text());
            pushes += frame.text().startsWith("{\"channel\":\"trades\"") ? 1 : 0;
        }
        assertThat(pushes).isPositive();
        assertThat(ShapeAgreement.check(fast, fast.cursor(), general, frames, 20_000)).isEqualTo(pushes);
    }

    @Test
    void theSubscribeSnapshotIsNotFlowAndEveryLiveTradeIsDecodedAsSent() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int btc = catalog.add(Venue.HYPERLIQUID, "BTC", 1.0);
        final FrameDecoder decoder = new HyperliquidTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        int pushes = 0;
        int live = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            sink.clear();
            final int result = decode(decoder, frame.text(), sink);
            if (!message.path("channel").asText().equals("trades"))
            {
                assertThat(result).as(frame.text()).isZero();
                assertThat(sink.trades).isEmpty();
                continue;
            }
            final JsonNode data = message.get("data");
            if (pushes++ == 0)
            {
                assertThat(data.size()).as("the recording's first push is the 30-trade snapshot").isEqualTo(30);
                assertThat(result).isZero();
                assertThat(sink.trades).isEmpty();
                assertThat(sink.lastTradeIds).hasSize(1);
                assertThat(sink.lastTradeIds.get(0)[0]).isEqualTo(btc);
                continue;
            }
            assertThat(result).as(frame.text()).isEqualTo(data.size());
            for (int i = 0; i < data.size(); i++)
            {
                final JsonNode expected = data.get(i);
                final InputEvent trade = sink.trades.get(i);
                live++;
                assertThat(trade.instrumentId()).isEqualTo(btc);
                assertThat(trade.tradeId()).isEqualTo(expected.get("tid").asLong());
                assertThat(BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()))
                    .isEqualTo(new BigDecimal(expected.get("px").asText()));
                assertThat(BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()))
                    .isEqualTo(new BigDecimal(expected.get("sz").asText()));
                assertThat(trade.exchangeTimeNs()).isEqualTo(expected.get("time").asLong() * 1_000_000L);
            }
        }
        assertThat(live).isEqualTo(34);
    }

    /**
     * Hyperliquid's documentation of {@code WsTrade}: "Side is aggressing side for trades" ({@code B} bid side,
     * {@code A} ask side). Checked on the data: every live trade against the last {@code l2Book} the exchange
     * stamped before it: a taker buy trades at or above the best ask, a taker sell at or below the best bid.
     * Decoded BUY/SELL inverted, none of the 34 would agree.
     */
    @Test
    void everyLiveTradeIsOnTheTakersSideOfTheBookStampedBeforeIt() throws Exception
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.HYPERLIQUID, "BTC", 1.0);
        final FrameDecoder decoder = new HyperliquidTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        BigDecimal bestBid = null;
        BigDecimal bestAsk = null;
        long bookTimeMs = Long.MAX_VALUE;
        int agree = 0;
        int checked = 0;
        for (final Fixtures.Frame frame : Fixtures.frames(RECORDING))
        {
            final JsonNode message = JACKSON.readTree(frame.text());
            if (message.path("channel").asText().equals("l2Book"))
            {
                final JsonNode levels = message.get("data").get("levels");
                bestBid = new BigDecimal(levels.get(0).get(0).get("px").asText());
                bestAsk = new BigDecimal(levels.get(1).get(0).get("px").asText());
                bookTimeMs = message.get("data").get("time").asLong();
                continue;
            }
            sink.clear();
            decode(decoder, frame.text(), sink);
            for (final InputEvent trade : sink.trades)
            {
                if (bestBid == null || bookTimeMs * 1_000_000L >= trade.exchangeTimeNs())
                {
                    continue;
                }
                final BigDecimal price = BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale());
                checked++;
                agree += trade.takerSide() == TakerSide.BUY ? (price.compareTo(bestAsk) >= 0 ? 1 : 0) :
                    (price.compareTo(bestBid) <= 0 ? 1 : 0);
            }
        }
        assertThat(checked).isEqualTo(34);
        assertThat(agree).isEqualTo(checked);
    }

    @Test
    void acknowledgementsRefusalsAndPongs()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.HYPERLIQUID, "BTC", 1.0);
        final FrameDecoder decoder = new HyperliquidTradeDecoder(catalog);
        final CollectingSink sink = new CollectingSink();
        assertThat(decode(decoder, "{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\"," +
            "\"subscription\":{\"type\":\"trades\",\"coin\":\"BTC\"}}}", sink)).isZero();
        assertThat(sink.subscribed).isEqualTo(1);
        assertThat(decode(decoder, "{\"channel\":\"pong\"}", sink)).isZero();
        assertThat(decode(decoder,
            "{\"channel\":\"error\",\"data\":\"Invalid subscription {\\\"type\\\":\\\"trades\\\"," +
            "\\\"coin\\\":\\\"NOPE\\\"}\"}", sink)).isZero();
        assertThat(sink.rejections).hasSize(1).first().asString().contains("NOPE");
        assertThat(decode(decoder, "{\"channel\":\"trades\"}", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(decode(decoder, "{\"channel\":\"trades\",\"data\":[{\"coin\":\"BTC\",\"side\":\"X\",\"px\":\"1\"," +
            "\"sz\":\"1\",\"time\":1,\"tid\":1}]}", sink)).isEqualTo(FrameDecoder.MALFORMED);
        assertThat(sink.trades).isEmpty();
    }

    @Test
    void theSnapshotIsDroppedOncePerCoinAndConnection()
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.HYPERLIQUID, "BTC", 1.0);
        catalog.add(Venue.HYPERLIQUID, "ETH", 1.0);
        final List<String> pushes = new ArrayList<>();
        for (final String coin : List.of("BTC", "ETH", "BTC", "ETH"))
        {
            pushes.add("{\"channel\":\"trades\",\"data\":[{\"coin\":\"" + coin + "\",\"side\":\"A\",\"px\":\"2\"," +
                "\"sz\":\"0.5\",\"time\":1737918857033,\"hash\":\"0x00\",\"tid\":" + (pushes.size() + 7) +
                ",\"users\":[\"0xa\",\"0xb\"]}]}");
        }
        final CollectingSink sink = new CollectingSink();
        final FrameDecoder decoder = new HyperliquidTradeDecoder(catalog);
        for (final String push : pushes)
        {
            decode(decoder, push, sink);
        }
        assertThat(sink.trades).extracting(InputEvent::tradeId).containsExactly(9L, 10L);
        assertThat(sink.trades).extracting(InputEvent::takerSide).containsOnly(TakerSide.SELL);
        final CollectingSink again = new CollectingSink();
        final FrameDecoder nextConnection = new HyperliquidTradeDecoder(catalog);
        decode(nextConnection, pushes.get(2), again);
        assertThat(again.trades).isEmpty();
    }

    private static int decode(final FrameDecoder decoder, final String text, final CollectingSink sink)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 0, sink);
    }
}
