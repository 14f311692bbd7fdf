package io.takerflow.feeds.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.takerflow.feeds.Fixtures;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Deribit's REST trade history read from a real response ({@code nautilus-DERIBIT-http_get_last_trades.json}, a
 * {@code get_last_trades_by_instrument} answer for ETH-PERPETUAL): every trade with its {@code trade_seq}, time,
 * price and amount as written, and the taker side from {@code direction} ("Trade direction of the taker", as on the
 * WebSocket), compared with Jackson's reading of the same file.
 */
final class DeribitTradeHistoryTest
{
    @Test
    void readsARecordedPageWithTheTakersDirection() throws Exception
    {
        final byte[] body = Files.readAllBytes(Fixtures.recorded("nautilus-DERIBIT-http_get_last_trades.json"));
        final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        final List<String> expected = new ArrayList<>();
        for (final JsonNode trade : mapper.readTree(body).get("result").get("trades"))
        {
            expected.add(trade.get("trade_seq").asLong() + " " + trade.get("timestamp").asLong() * 1_000_000L + " " +
                trade.get("price").decimalValue().toPlainString() + " " +
                trade.get("amount").decimalValue().toPlainString() + " " +
                trade.get("direction").asText().toUpperCase());
        }
        final List<String> read = new ArrayList<>();
        final JsonCursor json = new JsonCursor().wrap(new UnsafeBuffer(body), 0, body.length);
        final boolean valid = DeribitTradeHistory.INSTANCE.readPage(json, (id, timeNs, pm, ps, qm, qs, side) ->
            read.add(id + " " + timeNs + " " + BigDecimal.valueOf(pm, ps).toPlainString() + " " +
                BigDecimal.valueOf(qm, qs).toPlainString() + " " + side));
        assertThat(valid).isTrue();
        assertThat(expected).hasSize(10);
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void pagesUpByTradeSeqOneExplicitRangeAtATime()
    {
        final TradeHistory history = DeribitTradeHistory.INSTANCE;
        assertThat(history.paging()).isEqualTo(TradeHistory.Paging.UP_FROM_ID);
        assertThat(history.pageUri(URI.create("http://127.0.0.1:9/"), "BTC-PERPETUAL", 5000).toString()).isEqualTo(
            "http://127.0.0.1:9/api/v2/public/get_last_trades_by_instrument?instrument_name=BTC-PERPETUAL" +
            "&start_seq=5000&end_seq=5999&count=1000&sorting=asc");
    }
}
