package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.feeds.recorded.RecordedFrames;

/**
 * {@code takerflow decode} on the recordings of Hyperliquid, Bitfinex, Kraken and Bitstamp in
 * {@code shared/fixtures} (hftbacktest gzip, cryptofeed lines with the frames the client sent): every live trade
 * exactly as Jackson reads it, and every trade of a subscribe snapshot printed marked {@code ,snapshot} (past trades,
 * never flow).
 */
final class MoreVenuesDecodeTest
{
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    @Test
    void hyperliquidPrintsEveryLiveTradeAndTheSubscribeSnapshotMarked() throws Exception
    {
        final Path fixture = fixture("hftbacktest-hyperliquid-btcusd_20250126.gz");
        final List<String> expected = new ArrayList<>();
        final boolean[] snapshot = {true};
        RecordedFrames.read(fixture, (time, frame, line) ->
        {
            final JsonNode message = read(frame);
            if (!message.path("channel").asText().equals("trades"))
            {
                return;
            }
            for (final JsonNode trade : message.get("data"))
            {
                expected.add("hyperliquid," + trade.get("coin").asText() + "," + trade.get("time").asLong() *
                    1_000_000L + "," + new BigDecimal(trade.get("px").asText()).toPlainString() + "," +
                    new BigDecimal(trade.get("sz").asText()).toPlainString() + "," +
                    (trade.get("side").asText().equals("B") ? "BUY" : "SELL") + "," + trade.get("tid").asLong() +
                    (snapshot[0] ? ",snapshot" : ""));
            }
            snapshot[0] = false;
        });
        assertThat(expected).hasSize(30 + 34);
        assertThat(expected.stream().filter(line -> line.endsWith(",snapshot"))).hasSize(30);
        assertThat(decode("hyperliquid", fixture)).isEqualTo(expected);
    }

    /**
     * The recording holds only snapshots (30 trades per pair, newest first): each is printed marked, oldest first
     * (by id), the side from the sign of AMOUNT and the size without it.
     */
    @Test
    void bitfinexPrintsItsSnapshotsMarkedOldestFirstAndSkipsNoLine() throws Exception
    {
        final Path fixture = fixture("cryptofeed-BITFINEX.ws.11.0.txt");
        final Map<Long, String> tradeChannels = new HashMap<>();
        final List<String> expected = new ArrayList<>();
        RecordedFrames.read(fixture, (time, frame, line) ->
        {
            final JsonNode message = read(frame);
            final boolean subscribed = message.path("event").asText().equals("subscribed");
            if (subscribed && message.path("channel").asText().equals("trades"))
            {
                tradeChannels.put(message.get("chanId").asLong(), message.get("symbol").asText().substring(1));
            }
            else if (message.isArray() && tradeChannels.containsKey(message.get(0).asLong()) &&
                message.get(1).isArray())
            {
                final List<JsonNode> trades = new ArrayList<>();
                message.get(1).forEach(trades::add);
                trades.sort(Comparator.comparingLong(trade -> trade.get(0).asLong()));
                for (final JsonNode trade : trades)
                {
                    final BigDecimal amount = trade.get(2).decimalValue();
                    expected.add("bitfinex," + tradeChannels.get(message.get(0).asLong()) + "," +
                        trade.get(1).asLong() * 1_000_000L + "," + trade.get(3).decimalValue().toPlainString() + "," +
                        amount.abs().toPlainString() + "," + (amount.signum() > 0 ? "BUY" : "SELL") + "," +
                        trade.get(0).asLong() + ",snapshot");
                }
            }
        });
        assertThat(expected).hasSizeGreaterThanOrEqualTo(30);
        assertThat(decode("bitfinex", fixture)).isEqualTo(expected);
    }

    /**
     * The ten {@code partial}s BitMEX sent on subscribe (the last trade of each symbol) are printed marked; the id is
     * the hash of {@code trdMatchID}, so only what precedes it is compared.
     */
    @Test
    void bitmexPrintsTheTradesOfItsPartialsMarked() throws Exception
    {
        final Path fixture = fixture("cryptofeed-BITMEX.ws.1.0.txt");
        final List<String> expected = new ArrayList<>();
        RecordedFrames.read(fixture, (time, frame, line) ->
        {
            final JsonNode message = read(frame);
            if (message.path("table").asText().equals("trade") && message.path("action").asText().equals("partial"))
            {
                for (final JsonNode trade : message.get("data"))
                {
                    final java.time.Instant at = java.time.Instant.parse(trade.get("timestamp").asText());
                    expected.add("bitmex," + trade.get("symbol").asText() + "," +
                        (at.getEpochSecond() * 1_000_000_000L + at.getNano()) + "," +
                        trade.get("price").decimalValue().toPlainString() + "," +
                        trade.get("size").decimalValue().toPlainString() + "," +
                        trade.get("side").asText().toUpperCase());
                }
            }
        });
        final List<String> snapshots = decode("bitmex", fixture).stream().filter(l -> l.endsWith(",snapshot")).toList();
        assertThat(expected).hasSize(10);
        assertThat(snapshots).hasSize(10);
        for (int i = 0; i < snapshots.size(); i++)
        {
            assertThat(snapshots.get(i)).startsWith(expected.get(i) + ",");
        }
    }

    /**
     * Kraken Futures' {@code trade_snapshot}s (100 trades per product, newest first) are printed marked, in
     * {@code seq} order.
     */
    @Test
    void krakenFuturesPrintsItsTradeSnapshotsMarkedInSeqOrder() throws Exception
    {
        final Path fixture = fixture("cryptofeed-KRAKEN_FUTURES.ws.1.0.txt");
        final List<String> expected = new ArrayList<>();
        RecordedFrames.read(fixture, (time, frame, line) ->
        {
            final JsonNode message = read(frame);
            if (message.path("feed").asText().equals("trade_snapshot"))
            {
                final List<JsonNode> trades = new ArrayList<>();
                message.get("trades").forEach(trades::add);
                trades.sort(Comparator.comparingLong(trade -> trade.get("seq").asLong()));
                for (final JsonNode trade : trades)
                {
                    expected.add("kraken-futures," + trade.get("product_id").asText() + "," +
                        trade.get("time").asLong() * 1_000_000L + "," +
                        trade.get("price").decimalValue().toPlainString() + "," +
                        trade.get("qty").decimalValue().toPlainString() + "," +
                        trade.get("side").asText().toUpperCase() + "," + trade.get("seq").asLong() + ",snapshot");
                }
            }
        });
        assertThat(expected).hasSize(1000);
        assertThat(decode("kraken-futures", fixture).stream().filter(l -> l.endsWith(",snapshot")).toList())
            .isEqualTo(expected);
    }

    @Test
    void krakenPrintsEveryTradeOfItsV1Recording() throws Exception
    {
        final Path fixture = fixture("cryptofeed-KRAKEN.ws.48.0.txt");
        final List<String> expected = new ArrayList<>();
        RecordedFrames.read(fixture, (time, frame, line) ->
        {
            final JsonNode message = read(frame);
            if (message.isArray())
            {
                for (final JsonNode trade : message.get(1))
                {
                    expected.add("kraken," + message.get(3).asText() + "," +
                        new BigDecimal(trade.get(2).asText()).movePointRight(9).toBigIntegerExact() + "," +
                        new BigDecimal(trade.get(0).asText()).toPlainString() + "," +
                        new BigDecimal(trade.get(1).asText()).toPlainString() + "," +
                        (trade.get(3).asText().equals("b") ? "BUY" : "SELL"));
                }
            }
        });
        final List<String> printed = decode("kraken", fixture);
        assertThat(expected).hasSize(10);
        assertThat(printed).hasSize(10);
        for (int i = 0; i < printed.size(); i++)
        {
            assertThat(printed.get(i)).as("line %d, then the hash of the trade that stands for v1's missing id", i)
                .startsWith(expected.get(i) + ",");
        }
    }

    @Test
    void bitstampPrintsEveryTradeOfItsRecordingFromItsJsonNumbers() throws Exception
    {
        final Path fixture = fixture("cryptofeed-BITSTAMP.ws.1.0.txt");
        final List<String> expected = new ArrayList<>();
        RecordedFrames.read(fixture, (time, frame, line) ->
        {
            final JsonNode message = read(frame);
            if (message.path("event").asText().equals("trade"))
            {
                final JsonNode data = message.get("data");
                expected.add("bitstamp," + message.get("channel").asText().substring("live_trades_".length()) + "," +
                    data.get("microtimestamp").asLong() * 1_000L + "," +
                    new BigDecimal(data.get("price").asText()).toPlainString() + "," +
                    new BigDecimal(data.get("amount").asText()).toPlainString() + "," +
                    (data.get("type").asInt() == 0 ? "BUY" : "SELL") + "," + data.get("id").asLong());
            }
        });
        assertThat(expected).hasSize(10);
        assertThat(decode("bitstamp", fixture)).isEqualTo(expected);
    }

    static List<String> decode(final String venue, final Path fixture)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = TakerflowCommand.execute(new String[] {"decode", "--venue", venue, fixture.toString()},
            new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).as("no malformed lines").isEmpty();
        return out.toString().lines().toList();
    }

    static JsonNode read(final String frame)
    {
        try
        {
            return JSON.readTree(frame);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    static Path fixture(final String name)
    {
        return TakerflowCommandTest.fixture(name);
    }
}
