package io.takerflow.feeds.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.TradeIds;

/**
 * The trade gate on hand-worked id sequences, through a real engine: what reaches the ring is compared with the
 * sequence worked out by hand in each test.
 */
final class TradeGateTest
{
    private static final int BTC = 0;

    /** What reached the ring: trade ids, and "GAP:n" for gaps. */
    private static List<String> run(final TradeIds ids, final Consumer<Harness> script)
    {
        final InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final List<String> seen = new ArrayList<>();
        try (TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(BTC).build())
            .parallelHandler((event, sequence, end) ->
            {
                if (event.type() == EventType.TRADE)
                {
                    seen.add(Long.toString(event.tradeId()));
                }
                else if (event.type() == EventType.FEED_STATUS && event.feedState() == FeedState.GAP)
                {
                    seen.add("GAP:" + event.missingCount());
                }
            })
            .build()))
        {
            final FeedCounters counters = new FeedCounters(engine.counters(), Venue.BINANCE_USDM);
            final TradeGate gate = new TradeGate(Venue.BINANCE_USDM, ids, catalog.size(), engine.newPublisher(),
                counters);
            script.accept(new Harness(gate));
        }
        return seen;
    }

    /** Drives a gate with trades on named connections. */
    private static final class Harness
    {
        final TradeGate gate;
        final InputEvent trade = new InputEvent();
        long now = 1;

        Harness(final TradeGate gate)
        {
            this.gate = gate;
        }

        Harness trades(final long generation, final long... ids)
        {
            for (final long id : ids)
            {
                gate.onTrade(generation, trade.trade().venue(Venue.BINANCE_USDM).instrumentId(BTC).exchangeTimeNs(now)
                    .receiveTimeNs(now).priceMantissa(100).priceScale(0).quantityMantissa(1).quantityScale(0)
                    .takerSide(TakerSide.BUY).tradeId(id));
                now++;
            }
            return this;
        }
    }

    @Test
    void aSuccessorThatDeliveredTheLastPublishedTradeTakesOverWithoutAGapWhenIdsSkip()
    {
        // OKX-style ids: increasing, not consecutive. The new connection only ever delivered copies, the last one
        // being 30, the last trade published; when the old connection retires, 40 continues its own stream
        assertThat(run(TradeIds.INCREASING, h ->
        {
            h.gate.open(1);
            h.trades(1, 10, 20, 30);
            h.gate.open(2);
            h.trades(2, 20, 30);
            h.gate.retire(1, h.now);
            h.trades(2, 40, 50);
        })).containsExactly("10", "20", "30", "40", "50");
    }

    @Test
    void aSuccessorThatNeverDeliveredTheLastPublishedTradeReportsAnUnverifiedInterval()
    {
        // the new connection's copies stop at 20 while 30 was published: what came between 30 and 40 is unknowable
        assertThat(run(TradeIds.INCREASING, h ->
        {
            h.gate.open(1);
            h.trades(1, 10, 20, 30);
            h.gate.open(2);
            h.trades(2, 20);
            h.gate.retire(1, h.now);
            h.trades(2, 40, 50);
        })).containsExactly("10", "20", "30", "GAP:" + InputEvent.MISSING_UNKNOWN, "40", "50");
    }

    @Test
    void negativeIdsAreStillDeduplicated()
    {
        assertThat(run(TradeIds.CONSECUTIVE, h ->
        {
            h.gate.open(1);
            h.trades(1, -5, -4, -4, -5, -3);
        })).containsExactly("-5", "-4", "-3");
    }

    @Test
    void aNewConnectionAheadOfALaggingOldOneIsHeldBackAndReleasedInOrder()
    {
        assertThat(run(TradeIds.CONSECUTIVE, h ->
        {
            h.gate.open(1);
            h.trades(1, 100, 101);
            h.gate.open(2);
            h.trades(2, 104, 105);     // the old connection lags: held, not dropped
            h.trades(1, 102, 103);     // it catches up: 103 = first held - 1, so the new one takes over
            h.trades(1, 104);          // old connection's copy: duplicate
            h.trades(2, 106);
        })).containsExactly("100", "101", "102", "103", "104", "105", "106");
    }

    @Test
    void aMutedOldConnectionLosesOnlyWhatNeitherDeliveredOnceItIsRetired()
    {
        assertThat(run(TradeIds.CONSECUTIVE, h ->
        {
            h.gate.open(1);
            h.trades(1, 100, 101);
            h.gate.open(2);
            h.trades(2, 105, 106);     // 102..104 went nowhere
            h.gate.retire(1, h.now);
            h.trades(2, 107);
        })).containsExactly("100", "101", "GAP:3", "105", "106", "107");
    }

    @Test
    void aFailedNewConnectionLeavesTheOldOneInCharge()
    {
        assertThat(run(TradeIds.CONSECUTIVE, h ->
        {
            h.gate.open(1);
            h.trades(1, 100, 101, 102);
            h.gate.open(2);
            h.trades(2, 104);          // held while the old one lags
            h.gate.retire(2, h.now);   // the new connection fails (DNS, TLS, 429)
            h.trades(1, 103, 104, 105); // nothing lost, no false gap
            h.gate.open(3);            // the retried switch
            h.trades(3, 105, 106);
            h.trades(1, 106);
        })).containsExactly("100", "101", "102", "103", "104", "105", "106");
    }

    @Test
    void aReconnectOnIncreasingIdsIsAGapOfUnknownSize()
    {
        assertThat(run(TradeIds.INCREASING, h ->
        {
            h.gate.open(1);
            h.trades(1, 10, 20);
            h.gate.retire(1, h.now);
            h.gate.open(2);
            h.trades(2, 15, 30, 40);
        })).containsExactly("10", "20", "GAP:" + InputEvent.MISSING_UNKNOWN, "30", "40");
    }

    @Test
    void opaqueIdsAreNeverOrderedOnlyRecognisedAndAReconnectIsAGapOfUnknownSize()
    {
        assertThat(run(TradeIds.NONE, h ->
        {
            h.gate.open(1);
            h.trades(1, 7, 3, 3, -1);   // out of order is fine; the same trade twice is not
            h.gate.retire(1, h.now);
            h.gate.open(2);
            h.trades(2, 2);
        })).containsExactly("7", "3", "-1", "GAP:" + InputEvent.MISSING_UNKNOWN, "2");
    }

    @Test
    void opaqueIdsDuringASwitchArePublishedByWhicheverConnectionIsFirst()
    {
        assertThat(run(TradeIds.NONE, h ->
        {
            h.gate.open(1);
            h.trades(1, 50, 11);
            h.gate.open(2);
            h.trades(2, 11, 92, 33);   // the new connection overlaps (11) and runs ahead
            h.trades(1, 92, 33, 64);   // the old one's copies are dropped, its news kept
            h.trades(2, 64, 25);
            h.gate.retire(1, h.now);   // overlap proven: no gap
            h.trades(2, 86);
        })).containsExactly("50", "11", "92", "33", "64", "25", "86");
    }

    @Test
    void aHeartbeatSeedsProvesAnIdleMarketOrRevealsMissedTrades()
    {
        final boolean[] alive = new boolean[3];
        assertThat(run(TradeIds.CONSECUTIVE, h ->
        {
            h.gate.open(1);
            alive[0] = h.gate.onLastTradeId(1, BTC, 99, h.now);    // last_match on subscribe: seed
            h.trades(1, 100);
            alive[1] = h.gate.onLastTradeId(1, BTC, 100, h.now);   // idle market
            alive[2] = h.gate.onLastTradeId(1, BTC, 103, h.now);   // 101..103 never came
            h.trades(1, 104);
        })).containsExactly("100", "GAP:3", "104");
        assertThat(alive).containsExactly(true, true, false);
    }

    @Test
    void opaqueIdsAreRememberedForABackfillOnlyAsFarBackAsTheRingReaches()
    {
        final boolean[] remembers = new boolean[3];
        final int published = TradeGate.RECENT_IDS + 10;
        run(TradeIds.NONE, h ->
        {
            h.gate.open(1);
            final long firstTimeNs = h.now;
            for (long id = 1; id <= published; id++)
            {
                h.trades(1, id * 7919);
            }
            // trades 1..10 (times first..first+9) are forgotten, trade 11 on is remembered
            remembers[0] = h.gate.remembersSince(BTC, firstTimeNs + 9);
            remembers[1] = h.gate.remembersSince(BTC, firstTimeNs + 10);
            remembers[2] = h.gate.remembersSince(BTC, firstTimeNs + published);
        });
        assertThat(remembers).containsExactly(false, true, true);
    }
}
