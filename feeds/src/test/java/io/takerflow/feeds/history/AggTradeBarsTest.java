package io.takerflow.feeds.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;

/**
 * Flow-window bars from Binance aggregate trades, against a loopback server answering {@code /fapi/v1/aggTrades} as
 * Binance documents it (a time span with {@code startTime}/{@code endTime}, both inclusive, or {@code fromId},
 * inclusive, never both; at most {@code limit} trades, oldest first; objects {@code a p q f l T m}). Every bar must
 * equal a brute-force sum over the served trades (BigDecimal, per bucket, {@code m} true counted as a taker sell),
 * trade counts as {@code l - f + 1}, and empty buckets must come as bars of zero.
 */
final class AggTradeBarsTest
{
    private static final long BUCKET_MS = 10_000;

    /** One aggregate trade as served. */
    private record Agg(long id, String price, String quantity, long first, long last, long timeMs, boolean buyerMaker)
    {
        String json()
        {
            return "{\"a\":" + id + ",\"p\":\"" + price + "\",\"q\":\"" + quantity + "\",\"f\":" + first + ",\"l\":" +
                last + ",\"T\":" + timeMs + ",\"m\":" + buyerMaker + "}";
        }
    }

    /** Serves a tape of aggregate trades as Binance USD-M does, and keeps the queries it was asked. */
    private static final class Binance implements AutoCloseable
    {
        final List<Agg> tape;
        final List<String> queries = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Binance(final List<Agg> tape) throws IOException
        {
            this.tape = tape;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/fapi/v1/aggTrades", exchange ->
            {
                final String query = exchange.getRequestURI().getQuery();
                queries.add(query);
                final Map<String, String> params = new HashMap<>();
                for (final String pair : query.split("&"))
                {
                    final String[] kv = pair.split("=", 2);
                    params.put(kv[0], kv[1]);
                }
                final int limit = Integer.parseInt(params.getOrDefault("limit", "500"));
                final boolean byTime = params.containsKey("startTime");
                final StringBuilder body = new StringBuilder("[");
                int n = 0;
                if (byTime && params.containsKey("fromId") ||
                    byTime && Long.parseLong(params.get("endTime")) - Long.parseLong(params.get("startTime")) >=
                    3_600_000L)
                {
                    body.setLength(0);
                    body.append("{\"code\":-1127,\"msg\":\"More than 1 hours between startTime and endTime.\"}");
                }
                else
                {
                    for (final Agg trade : this.tape)
                    {
                        final boolean wanted = byTime ? trade.timeMs >= Long.parseLong(params.get("startTime")) &&
                            trade.timeMs <= Long.parseLong(params.get("endTime")) :
                            trade.id >= Long.parseLong(params.get("fromId"));
                        if (wanted && n < limit)
                        {
                            body.append(n++ == 0 ? "" : ",").append(trade.json());
                        }
                    }
                    body.append(']');
                }
                final byte[] bytes = body.toString().getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(body.charAt(0) == '[' ? 200 : 400, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        URI base()
        {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close()
        {
            server.stop(0);
        }
    }

    /**
     * Trades from {@code fromMs} to {@code toMs}, {@code perSecond} a second, none in {@code [quietFromMs,
     * quietToMs)}; quantities with three decimals, sides and aggregation (1 to 3 raw trades) at random.
     */
    private static List<Agg> tape(
        final long fromMs, final long toMs, final int perSecond, final long quietFromMs, final long quietToMs)
    {
        final SplittableRandom random = new SplittableRandom(7);
        final List<Agg> tape = new ArrayList<>();
        long id = 2_345_000_000L;
        long rawId = 5_600_000_000L;
        for (long t = fromMs; t < toMs; t += 1000 / perSecond)
        {
            if (t >= quietFromMs && t < quietToMs)
            {
                continue;
            }
            final int raw = random.nextInt(1, 4);
            tape.add(new Agg(id++, "97123.4", BigDecimal.valueOf(random.nextLong(1, 5_000), 3).toPlainString(),
                rawId, rawId + raw - 1, t, random.nextBoolean()));
            rawId += raw;
        }
        return tape;
    }

    @Test
    void everyBarIsTheExactSumOfItsBucketsAggregateTradesAcrossPages() throws Exception
    {
        final long startMs = 1_765_000_000_000L / BUCKET_MS * BUCKET_MS;
        final long endMs = startMs + 12 * BUCKET_MS;
        // 25 a second from 5 s before to 5 s after the span, nothing in its fourth bucket: 2,750 in the span
        final List<Agg> tape = tape(startMs - 5_000, endMs + 5_000, 25, startMs + 3 * BUCKET_MS,
            startMs + 4 * BUCKET_MS);
        try (Binance binance = new Binance(tape))
        {
            final List<long[]> bars = new ArrayList<>();
            final int count = new AggTradeBars(Venue.BINANCE_USDM, binance.base(), null, "venue.binance-usdm.rest")
                .read("btcusdt", BUCKET_MS, startMs, endMs,
                    (openMs, buy, sell, scale, trades) -> bars.add(new long[] {openMs, buy, sell, scale, trades}));

            assertThat(count).isEqualTo(12);
            assertThat(bars).hasSize(12);
            for (int i = 0; i < 12; i++)
            {
                final long open = startMs + i * BUCKET_MS;
                BigDecimal buy = BigDecimal.ZERO;
                BigDecimal sell = BigDecimal.ZERO;
                long trades = 0;
                for (final Agg trade : tape)
                {
                    if (trade.timeMs >= open && trade.timeMs < open + BUCKET_MS)
                    {
                        if (trade.buyerMaker)
                        {
                            sell = sell.add(new BigDecimal(trade.quantity));
                        }
                        else
                        {
                            buy = buy.add(new BigDecimal(trade.quantity));
                        }
                        trades += trade.last - trade.first + 1;
                    }
                }
                final long[] bar = bars.get(i);
                assertThat(bar[0]).isEqualTo(open);
                assertThat(BigDecimal.valueOf(bar[1], (int)bar[3])).as("taker buys of bucket %d", i)
                    .isEqualByComparingTo(buy);
                assertThat(BigDecimal.valueOf(bar[2], (int)bar[3])).as("taker sells of bucket %d", i)
                    .isEqualByComparingTo(sell);
                assertThat(bar[4]).as("raw trades of bucket %d", i).isEqualTo(trades);
                if (i == 3)
                {
                    assertThat(trades).as("the quiet bucket comes as a bar of zero").isZero();
                }
                else
                {
                    assertThat(buy.signum() + sell.signum()).isPositive();
                }
            }
            // one span by time, then by id only (Binance: one or the other), until a trade past the end
            assertThat(binance.queries).hasSize(3);
            assertThat(binance.queries.get(0)).isEqualTo("symbol=BTCUSDT&startTime=" + startMs + "&endTime=" +
                (endMs - 1) + "&limit=1000");
            assertThat(binance.queries.get(1)).doesNotContain("Time").contains("&fromId=");
            assertThat(binance.queries.get(2)).doesNotContain("Time").contains("&fromId=");
        }
    }

    @Test
    void aSpanTooBusyToWarmFromIsRefusedAndABadAnswerNamed() throws Exception
    {
        final long startMs = 1_765_000_000_000L / BUCKET_MS * BUCKET_MS;
        final long endMs = startMs + 6 * 60_000;
        try (Binance binance = new Binance(tape(startMs, endMs, 125, 0, 0)))
        {
            final AggTradeBars bars = new AggTradeBars(Venue.BINANCE_USDM, binance.base(), null,
                "venue.binance-usdm.rest");
            assertThatThrownBy(() -> bars.read("BTCUSDT", BUCKET_MS, startMs, endMs, (o, b, s, sc, t) -> {}))
                .isInstanceOf(IOException.class).hasMessageContaining("too busy");
            assertThat(binance.queries).hasSize(AggTradeBars.MAX_PAGES);
            assertThatThrownBy(() -> bars.read("BTCUSDT", BUCKET_MS, startMs, startMs + 16 * 60_000,
                (o, b, s, sc, t) -> {})).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new AggTradeBars(Venue.BINANCE_USDM, URI.create("http://example.com"), null,
            "venue.binance-usdm.rest")).hasMessageContaining("venue.binance-usdm.rest");
    }

    /**
     * A market of 10-second buckets on Binance USD-M (whose shortest kline is a minute) is warmed from aggregate
     * trades: the bars WarmStart publishes are the buckets of the window before now, each the brute-force sum.
     */
    @Test
    void warmStartFillsAWindowNoKlineIntervalDividesFromAggregateTrades() throws Exception
    {
        final long nowMs = System.currentTimeMillis() / BUCKET_MS * BUCKET_MS + 1_500; // a bucket closed 1.5 s ago
        final EpochNanoClock clock = () -> nowMs * 1_000_000L;
        final List<Agg> tape = tape(nowMs - 200_000, nowMs, 20, 0, 0);
        try (Binance binance = new Binance(tape))
        {
            final InstrumentCatalog catalog = new InstrumentCatalog();
            final int perp = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
            final MarketConfig market = MarketConfig.builder("BTC").flowInstruments(perp)
                .window(2, TimeUnit.MINUTES).bucket(10, TimeUnit.SECONDS).build();
            final WarmStart warmStart = new WarmStart(catalog, List.of(market), venue -> binance.base(), null, false);
            assertThat(warmStart.interval(Venue.BINANCE_USDM, TimeUnit.SECONDS.toNanos(10))).isNull();
            final List<InputEvent> samples = new CopyOnWriteArrayList<>();
            try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(market)
                .tickInterval(0, TimeUnit.MILLISECONDS).waitStrategy(WaitStrategyKind.BLOCKING)
                .parallelHandler((event, sequence, end) ->
                {
                    if (event.type() == EventType.WINDOW_SAMPLE)
                    {
                        samples.add(new InputEvent().copyFrom(event));
                    }
                }).build()))
            {
                final int published = warmStart.fillWindows(engine.newPublisher(), clock);
                assertThat(published).as(String.join("\n", warmStart.report())).isEqualTo(12);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (samples.size() < 12 && System.nanoTime() < deadline)
                {
                    Thread.sleep(10);
                }
            }
            assertThat(warmStart.report()).containsExactly(
                "binance-usdm:BTCUSDT: flow window filled with 12 bars of 10000 ms from aggregate trades");
            final long endMs = nowMs / BUCKET_MS * BUCKET_MS;
            assertThat(samples).hasSize(12);
            for (int i = 0; i < 12; i++)
            {
                final long open = endMs - (12 - i) * BUCKET_MS;
                BigDecimal buy = BigDecimal.ZERO;
                long trades = 0;
                for (final Agg trade : tape)
                {
                    if (trade.timeMs >= open && trade.timeMs < open + BUCKET_MS && !trade.buyerMaker)
                    {
                        buy = buy.add(new BigDecimal(trade.quantity));
                    }
                    final boolean inBucket = trade.timeMs >= open && trade.timeMs < open + BUCKET_MS;
                    trades += inBucket ? trade.last - trade.first + 1 : 0;
                }
                final InputEvent sample = samples.get(i);
                assertThat(sample.exchangeTimeNs()).isEqualTo(open * 1_000_000L);
                assertThat(BigDecimal.valueOf(sample.buyVolumeMantissa(), sample.buyVolumeScale()))
                    .isEqualByComparingTo(buy);
                assertThat(sample.sampleTrades()).isEqualTo(trades);
            }
        }
    }
}
