package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takerflow.feeds.recorded.RecordedFrames;

/**
 * {@code takerflow decode} on the recordings of Hyperliquid, Bitfinex, Kraken and Bitstamp in
 * {@code shared/fixtures} (hftbacktest gzip, cryptofeed lines with the frames the client sent): every live trade
 * exactly as Jackson reads it, subscribe snapshots not printed.
 */
final class MoreVenuesDecodeTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hyperliquidPrintsEveryLiveTradeAndNotTheSubscribeSnapshot() throws Exception
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
            if (snapshot[0])
            {
                snapshot[0] = false;
                return;
            }
            for (final JsonNode trade : message.get("data"))
            {
                expected.add("hyperliquid," + trade.get("coin").asText() + "," + trade.get("time").asLong() *
                    1_000_000L + "," + new BigDecimal(trade.get("px").asText()).toPlainString() + "," +
                    new BigDecimal(trade.get("sz").asText()).toPlainString() + "," +
                    (trade.get("side").asText().equals("B") ? "BUY" : "SELL") + "," + trade.get("tid").asLong());
            }
        });
        assertThat(expected).hasSize(34);
        assertThat(decode("hyperliquid", fixture)).isEqualTo(expected);
    }

    @Test
    void bitfinexPrintsNoneOfTheSnapshotsThatAreAllItsRecordingHoldsAndSkipsNoLine()
    {
        assertThat(decode("bitfinex", fixture("cryptofeed-BITFINEX.ws.11.0.txt"))).isEmpty();
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
