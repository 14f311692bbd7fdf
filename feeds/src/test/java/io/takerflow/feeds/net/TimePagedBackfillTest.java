package io.takerflow.feeds.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.netty.channel.DefaultEventLoop;
import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.EngineErrors;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.json.JsonCursor;

/**
 * The backfill's time-paged and latest-only walks on pages of three (or five, or twelve) trades, against a local
 * HTTP history of hand-laid trades: ids 10 to 21, two to a millisecond, so full pages end inside a millisecond. The
 * gap is a reconnect's, between trade 10 (1,000 ms) and trade 20 (1,006 ms) on a venue whose ids only grow; a history
 * that lags the WebSocket answers as if its tape ended at trade 15. What reaches the ring is compared with the ids
 * worked out by hand.
 */
final class TimePagedBackfillTest
{
    /** Trade id to its time in ms. */
    private static final long[][] TAPE = {{10, 1000}, {11, 1001}, {12, 1001}, {13, 1002}, {14, 1002}, {15, 1003},
        {16, 1004}, {17, 1004}, {18, 1005}, {19, 1005}, {20, 1006}, {21, 1007}};
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final List<Long> INSIDE = List.of(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
    private static final List<Long> INSIDE_NEWEST_FIRST = List.of(19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L, 11L);

    @Test
    void upFromTimeMovesToTheLastMillisecondOfAFullPageAndDropsItsCopies()
    {
        final Result result = run(TradeHistory.Paging.UP_FROM_TIME, 3, 0);
        assertThat(result.recovered).isEqualTo(INSIDE);
        assertThat(result.missing).as("nothing left").isZero();
        assertThat(result.recoveredCount).isEqualTo(9);
        // pages from 1000, 1001, 1002, 1003, 1004, 1005 ms: the last reaches trade 20
        assertThat(result.requests).containsExactly("from=1000&to=1006&skip=0", "from=1001&to=1006&skip=0",
            "from=1002&to=1006&skip=0", "from=1003&to=1006&skip=0", "from=1004&to=1006&skip=0",
            "from=1005&to=1006&skip=0");
    }

    @Test
    void upFromTimeRecoversAMillisecondsTradesWhateverTheirIdOrder()
    {
        final Result result = run(TradeHistory.Paging.UP_FROM_TIME, 3, 0, true);
        assertThat(result.recovered).containsExactly(12L, 11L, 14L, 13L, 15L, 17L, 16L, 19L, 18L);
        assertThat(result.missing).isZero();
    }

    @Test
    void upFromTimeAsksAgainWhenAShortPageStopsShortOfTheGapsEnd()
    {
        final Result result = run(TradeHistory.Paging.UP_FROM_TIME, 20, 1);
        assertThat(result.recovered).isEqualTo(INSIDE);
        assertThat(result.missing).isZero();
        assertThat(result.requests).as("the lagging answer up to trade 15, then again from its millisecond")
            .containsExactly("from=1000&to=1006&skip=0", "from=1003&to=1006&skip=0");
    }

    @Test
    void spanByOffsetIgnoresAFirstPageThatStopsShortOfTheGapsEnd()
    {
        final Result result = run(TradeHistory.Paging.SPAN_BY_OFFSET, 3, 1);
        assertThat(result.recovered).isEqualTo(INSIDE_NEWEST_FIRST);
        assertThat(result.missing).isZero();
        assertThat(result.requests).containsExactly("from=1000&to=1006&skip=0", "from=1000&to=1006&skip=0",
            "from=1000&to=1006&skip=3", "from=1000&to=1006&skip=6", "from=1000&to=1006&skip=9");
    }

    @Test
    void spanByOffsetKeepsTheSpanAndSkipsWhatEarlierPagesHeldNewestFirst()
    {
        final Result result = run(TradeHistory.Paging.SPAN_BY_OFFSET, 3, 0);
        assertThat(result.recovered).isEqualTo(INSIDE_NEWEST_FIRST);
        assertThat(result.missing).isZero();
        assertThat(result.requests).containsExactly("from=1000&to=1006&skip=0", "from=1000&to=1006&skip=3",
            "from=1000&to=1006&skip=6", "from=1000&to=1006&skip=9");
    }

    @Test
    void latestRecoversTheGapsNewestTradesItReachesAndReportsTheRest()
    {
        final Result result = run(TradeHistory.Paging.LATEST, 5, 0);
        assertThat(result.recovered).containsExactly(19L, 18L, 17L);
        assertThat(result.missing).as("the rest, of unknown size").isEqualTo(InputEvent.MISSING_UNKNOWN);
        assertThat(result.recoveredCount).isEqualTo(3);
        assertThat(result.requests).hasSize(1);
    }

    @Test
    void latestAsksAgainWhenTheAnswerStopsShortOfTheGapsEndAndIsWholeWhenItReachesBack()
    {
        final Result result = run(TradeHistory.Paging.LATEST, 12, 2);
        assertThat(result.recovered).isEqualTo(INSIDE_NEWEST_FIRST);
        assertThat(result.missing).isZero();
        assertThat(result.requests).as("two cached answers ignored").hasSize(3);
    }

    /**
     * A latest-only answer reaching back past the cap (a market window shorter than the answer): trade 10, the last
     * before the gap, is older than the cap (5.5 ms before trade 20 was seen, 1,000.5 ms) but not in the gap, so the
     * gap is still whole; only a trade the gap lost, older than the cap, makes it capped.
     */
    @Test
    void latestIsWholeWhenOnlyTradesOutsideTheGapAreOlderThanTheCap()
    {
        final Result result = run(TradeHistory.Paging.LATEST, 12, 0, false, 5_500_000L);
        assertThat(result.recovered).isEqualTo(INSIDE_NEWEST_FIRST);
        assertThat(result.missing).as("nothing left").isZero();
        final Result capped = run(TradeHistory.Paging.LATEST, 12, 0, false, 4_500_000L);
        assertThat(capped.recovered).as("trades 11 and 12 (1,001 ms) are older than the cap (1,001.5 ms)")
            .containsExactly(19L, 18L, 17L, 16L, 15L, 14L, 13L);
        assertThat(capped.missing).as("the rest, of unknown size").isEqualTo(InputEvent.MISSING_UNKNOWN);
    }

    private record Result(List<Long> recovered, long missing, long recoveredCount, List<String> requests)
    {
    }

    /**
     * @param staleAnswers how many first answers come from a history that lags (or caches): as of trade 15.
     */
    private static Result run(final TradeHistory.Paging paging, final int pageSize, final int staleAnswers)
    {
        return run(paging, pageSize, staleAnswers, false);
    }

    /**
     * @param idsFallWithinAMillisecond true to list a millisecond's trades by time up, newest id first (Bitfinex
     *                                  sorts by time and promises nothing about ids within one millisecond).
     */
    private static Result run(final TradeHistory.Paging paging, final int pageSize, final int staleAnswers,
        final boolean idsFallWithinAMillisecond)
    {
        return run(paging, pageSize, staleAnswers, idsFallWithinAMillisecond, TimeUnit.HOURS.toNanos(1));
    }

    /**
     * @param capNs how far back the backfill goes from when the gap was seen (trade 20's receive time, 1,006 ms).
     */
    private static Result run(final TradeHistory.Paging paging, final int pageSize, final int staleAnswers,
        final boolean idsFallWithinAMillisecond, final long capNs)
    {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger answered = new AtomicInteger();
        final HttpServer server = server(paging, pageSize, staleAnswers, idsFallWithinAMillisecond, requests,
            answered);
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BITFINEX, "BTCUSD", 1.0);
        final List<Long> recovered = new CopyOnWriteArrayList<>();
        final List<long[]> done = new CopyOnWriteArrayList<>();
        final DefaultEventLoop loop = new DefaultEventLoop();
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(0).build())
            .parallelHandler((event, sequence, end) ->
            {
                if (event.type() == EventType.TRADE && (event.marks() & InputEvent.BACKFILLED) != 0)
                {
                    recovered.add(event.tradeId());
                }
                else if (event.type() == EventType.FEED_STATUS && event.feedState() == FeedState.GAP &&
                    (event.marks() & InputEvent.BACKFILL_DONE) != 0)
                {
                    done.add(new long[] {event.missingCount(), event.recoveredCount()});
                }
            })
            .build()))
        {
            final FeedCounters counters = new FeedCounters(engine.counters(), Venue.BITFINEX);
            final TradeGate gate = new TradeGate(Venue.BITFINEX, TradeIds.INCREASING, catalog.size(),
                engine.newPublisher(), counters);
            final Backfill backfill = new Backfill(Venue.BITFINEX, new FakeHistory(paging, pageSize),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), capNs,
                new String[] {"BTCUSD"}, loop.next(), engine.newPublisher(), counters,
                new FeedErrors(null, EngineErrors.inMemory(null, null)), new SystemEpochNanoClock(), null);
            backfill.gate(gate);
            gate.backfill(backfill);
            loop.submit(() ->
            {
                final InputEvent trade = new InputEvent();
                gate.open(1);
                gate.onTrade(1, trade(trade, 10, 1000));
                gate.retire(1, 1000 * NANOS_PER_MILLI);
                gate.open(2);
                gate.onTrade(2, trade(trade, 20, 1006));
            }).syncUninterruptibly();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (done.isEmpty() && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            loop.submit(backfill::close).syncUninterruptibly();
        }
        finally
        {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            server.stop(0);
        }
        assertThat(done).as("the backfill finished").hasSize(1);
        return new Result(new ArrayList<>(recovered), done.get(0)[0], done.get(0)[1], new ArrayList<>(requests));
    }

    private static InputEvent trade(final InputEvent into, final long id, final long timeMs)
    {
        return into.trade().venue(Venue.BITFINEX).instrumentId(0).exchangeTimeNs(timeMs * NANOS_PER_MILLI)
            .receiveTimeNs(timeMs * NANOS_PER_MILLI).priceMantissa(100).priceScale(0).quantityMantissa(1)
            .quantityScale(0).takerSide(TakerSide.BUY).tradeId(id);
    }

    /**
     * Answers {@code /p?from=MS&to=MS&skip=N} with {@code [[ID, MS], ..]}: by time oldest first, by offset newest
     * first, or the newest trades; the first {@code staleAnswers} as if the tape ended at trade 15.
     */
    private static HttpServer server(final TradeHistory.Paging paging, final int pageSize, final int staleAnswers,
        final boolean idsFallWithinAMillisecond, final List<String> requests, final AtomicInteger answered)
    {
        final long[][] tape = TAPE.clone();
        if (idsFallWithinAMillisecond)
        {
            Arrays.sort(tape, (a, b) -> a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(b[0], a[0]));
        }
        try
        {
            final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/p", exchange -> answer(exchange, tape, paging, pageSize, staleAnswers, requests,
                answered));
            server.start();
            return server;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void answer(final HttpExchange exchange, final long[][] tape, final TradeHistory.Paging paging,
        final int pageSize, final int staleAnswers, final List<String> requests, final AtomicInteger answered)
        throws IOException
    {
        final String query = exchange.getRequestURI().getQuery();
        requests.add(query);
        final Map<String, Long> q = new HashMap<>();
        for (final String part : query.split("&"))
        {
            final String[] pair = part.split("=");
            q.put(pair[0], Long.parseLong(pair[1]));
        }
        final List<long[]> page = new ArrayList<>();
        final long newest = answered.getAndIncrement() < staleAnswers ? 15 : Long.MAX_VALUE;
        if (paging == TradeHistory.Paging.UP_FROM_TIME)
        {
            for (final long[] trade : tape)
            {
                if (trade[0] <= newest && trade[1] >= q.get("from") && trade[1] <= q.get("to") &&
                    page.size() < pageSize)
                {
                    page.add(trade);
                }
            }
        }
        else
        {
            long skipped = 0;
            for (int i = tape.length - 1; i >= 0 && page.size() < pageSize; i--)
            {
                final long[] trade = tape[i];
                final boolean inSpan = trade[0] <= newest && (paging == TradeHistory.Paging.LATEST ||
                    trade[1] >= q.get("from") && trade[1] <= q.get("to"));
                if (inSpan && skipped++ >= q.get("skip"))
                {
                    page.add(trade);
                }
            }
        }
        final StringBuilder body = new StringBuilder("[");
        for (final long[] trade : page)
        {
            body.append(body.length() == 1 ? "" : ",").append('[').append(trade[0]).append(',').append(trade[1])
                .append(']');
        }
        final byte[] bytes = body.append(']').toString().getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    /** A history of {@code [[ID, MS], ..]} pages: every trade a buy of 1 at 100. */
    private static final class FakeHistory implements TradeHistory
    {
        private final Paging paging;
        private final int pageSize;

        FakeHistory(final Paging paging, final int pageSize)
        {
            this.paging = paging;
            this.pageSize = pageSize;
        }

        @Override
        public URI defaultBase()
        {
            return URI.create("http://127.0.0.1:9");
        }

        @Override
        public Paging paging()
        {
            return paging;
        }

        @Override
        public URI pageUri(final URI base, final String symbol, final long cursor)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public URI pageUri(final URI base, final String symbol, final Span span)
        {
            return TradeHistory.resolve(base, "/p?from=" + span.fromNs() / NANOS_PER_MILLI + "&to=" +
                span.untilNs() / NANOS_PER_MILLI + "&skip=" + span.skip());
        }

        @Override
        public int pageSize()
        {
            return pageSize;
        }

        @Override
        public long requestIntervalNs()
        {
            return 0;
        }

        @Override
        public boolean readPage(final JsonCursor json, final PageSink sink)
        {
            if (!json.beginArray())
            {
                return false;
            }
            while (json.nextElement())
            {
                if (!json.beginArray() || !json.nextElement() || !json.readLong())
                {
                    return false;
                }
                final long id = json.mantissa();
                if (!json.nextElement() || !json.readLong())
                {
                    return false;
                }
                final long timeMs = json.mantissa();
                if (json.nextElement())
                {
                    return false;
                }
                sink.onTrade(id, timeMs * NANOS_PER_MILLI, 100, 0, 1, 0, TakerSide.BUY);
            }
            return !json.failed();
        }
    }
}
