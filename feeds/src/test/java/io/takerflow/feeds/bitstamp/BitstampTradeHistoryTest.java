package io.takerflow.feeds.bitstamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Bitstamp's REST trades ({@code transactions/{pair}/?time=hour}) read from a page written by hand in its documented
 * format, newest first, every field a string; the expected values are worked out by hand: {@code type} "0" is a
 * taker buy, "1" a taker sell, {@code date} seconds turned into ns, {@code tid} the id the WebSocket calls {@code id}.
 */
final class BitstampTradeHistoryTest
{
    private static final String PAGE = "[{\"date\":\"1700000003\",\"tid\":\"308213815\",\"amount\":\"0.00500000\"," +
        "\"type\":\"1\",\"price\":\"37012\"},{\"date\":\"1700000001\",\"tid\":\"308213812\"," +
        "\"amount\":\"1.20000000\",\"type\":\"0\",\"price\":\"37010.5\"}]";

    @Test
    void readsAnHoursTradesWithTheTakersSideFromType()
    {
        assertThat(read(PAGE)).containsExactly(
            "308213815 1700000003000000000 37012 0.00500000 SELL",
            "308213812 1700000001000000000 37010.5 1.20000000 BUY");
    }

    @Test
    void bareNumbersAndExponentsAreReadExactly()
    {
        assertThat(read("[{\"date\":1700000001,\"tid\":308213812,\"amount\":5e-05,\"type\":0,\"price\":37010.5}]"))
            .containsExactly("308213812 1700000001000000000 37010.5 0.00005 BUY");
    }

    @Test
    void anEmptyHourIsValidAndAnUnknownTypeOrAnErrorIsNotAPage()
    {
        assertThat(read("[]")).isEmpty();
        assertThat(read(PAGE.replace("\"type\":\"1\"", "\"type\":\"2\""))).containsExactly("invalid");
        assertThat(read(PAGE.replace("\"tid\":\"308213815\",", ""))).containsExactly("invalid");
        assertThat(read("{\"status\":\"error\",\"reason\":\"Invalid currency pair.\",\"code\":\"404\"}"))
            .containsExactly("invalid");
    }

    @Test
    void asksOnceForTheLastHour()
    {
        final TradeHistory history = BitstampTradeHistory.INSTANCE;
        assertThat(history.paging()).isEqualTo(TradeHistory.Paging.LATEST);
        assertThat(history.pageUri(URI.create("http://127.0.0.1:9/"), "btcusd", (TradeHistory.Span)null).toString())
            .isEqualTo("http://127.0.0.1:9/api/v2/transactions/btcusd/?time=hour");
        assertThat(history.requestBody("btcusd")).isNull();
        assertThat(history.defaultBase()).isEqualTo(URI.create("https://www.bitstamp.net"));
        assertThat(BitstampProtocol.INSTANCE.tradeHistory()).isSameAs(history);
    }

    private static List<String> read(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final List<String> read = new ArrayList<>();
        final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        final boolean valid = BitstampTradeHistory.INSTANCE.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            read.add(id + " " + timeNs + " " + BigDecimal.valueOf(pm, ps).toPlainString() + " " +
                BigDecimal.valueOf(qm, qs).toPlainString() + " " + side));
        if (!valid)
        {
            read.add("invalid");
        }
        return read;
    }
}
