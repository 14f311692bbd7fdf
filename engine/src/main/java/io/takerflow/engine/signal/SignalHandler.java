package io.takerflow.engine.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.CountedErrorHandler;

import com.lmax.disruptor.EventHandler;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.Instrument;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.TakerSide;

/**
 * The single-threaded consumer that turns input events into signals. "Now" is always the largest receive
 * time seen so far, never a wall clock, so feeding the same events again (a journal replay) yields the same
 * signals bit for bit. A late event (a receive time before one already seen, which several producers on one
 * ring can cause) is booked at that largest time: windows only move forward. Every event is O(1) in window and history
 * length, apart from the exact re-sums done once per bucket and per sample period.
 * <p>
 * Use it on the engine's ring, or drive it directly with {@link #apply(InputEvent)} (replay, tests, benches).
 */
public final class SignalHandler implements EventHandler<InputEvent>
{
    private static final int[] NO_MARKETS = new int[0];
    private static final SignalListener[] NO_LISTENERS = new SignalListener[0];

    private final MarketSignals[] markets;
    private final int[][] flowMarkets;
    private final int[][] premiumMarkets;
    private final int[][] referenceMarkets;
    private final double[] multipliers;
    private final boolean[] inverse;
    private final boolean[] unhealthy;
    private final long[] lastGapNs;
    private final int[] backfillsRunning;
    private final InstrumentCatalog catalog;
    private final SignalCounters counters;
    private final ErrorHandler listenerErrors;
    private final RegimeChange change = new RegimeChange();
    private volatile SignalListener[] listeners = NO_LISTENERS;
    private long nowNs = Long.MIN_VALUE;
    private long stamp;
    private long sequence = -1;

    /**
     * A handler whose listener exceptions are only counted ({@code handler.errors}), e.g. for a replay or a test.
     *
     * @param catalog  the instruments; complete before this handler is made.
     * @param markets  the markets to compute, each referring to catalog ids.
     * @param counters where event and regime counts go.
     * @throws IllegalArgumentException if a market names an instrument the catalog does not have.
     */
    public SignalHandler(final InstrumentCatalog catalog, final List<MarketConfig> markets,
        final SignalCounters counters)
    {
        this(catalog, markets, counters, new CountedErrorHandler(error -> {}, counters.handlerErrors));
    }

    /**
     * @param catalog        the instruments; complete before this handler is made.
     * @param markets        the markets to compute, each referring to catalog ids.
     * @param counters       where event and regime counts go.
     * @param listenerErrors given every exception a listener throws (the engine's error handler, which counts it in
     *                       {@code handler.errors} and keeps it in the distinct error log); the ring carries on.
     * @throws IllegalArgumentException if a market names an instrument the catalog does not have.
     */
    public SignalHandler(
        final InstrumentCatalog catalog,
        final List<MarketConfig> markets,
        final SignalCounters counters,
        final ErrorHandler listenerErrors)
    {
        this.catalog = catalog;
        this.counters = counters;
        this.listenerErrors = listenerErrors;
        final int instrumentCount = catalog.size();
        this.markets = new MarketSignals[markets.size()];
        final List<List<Integer>> flow = emptyLists(instrumentCount);
        final List<List<Integer>> premium = emptyLists(instrumentCount);
        final List<List<Integer>> reference = emptyLists(instrumentCount);
        for (int m = 0; m < markets.size(); m++)
        {
            final MarketConfig config = markets.get(m);
            this.markets[m] = new MarketSignals(config, m);
            for (final int id : config.flowInstruments())
            {
                requireKnown(config, id, instrumentCount);
                flow.get(id).add(m);
            }
            if (config.premiumInstrument() != MarketConfig.NONE)
            {
                requireKnown(config, config.premiumInstrument(), instrumentCount);
                requireKnown(config, config.referenceInstrument(), instrumentCount);
                premium.get(config.premiumInstrument()).add(m);
                reference.get(config.referenceInstrument()).add(m);
            }
        }
        this.flowMarkets = toArrays(flow);
        this.premiumMarkets = toArrays(premium);
        this.referenceMarkets = toArrays(reference);
        this.multipliers = new double[instrumentCount];
        this.inverse = new boolean[instrumentCount];
        for (int i = 0; i < instrumentCount; i++)
        {
            multipliers[i] = catalog.get(i).contractMultiplier();
            inverse[i] = catalog.get(i).sizeConvention() == SizeConvention.INVERSE;
        }
        this.unhealthy = new boolean[instrumentCount];
        this.lastGapNs = new long[instrumentCount];
        this.backfillsRunning = new int[instrumentCount];
        Arrays.fill(lastGapNs, Long.MIN_VALUE);
    }

    /**
     * Adds a synchronous listener; safe to call from any thread, also while running.
     *
     * @param listener called on the signal thread; must not block.
     */
    public synchronized void addListener(final SignalListener listener)
    {
        final SignalListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = listener;
        listeners = next;
    }

    /**
     * @param listener a listener added before.
     */
    public synchronized void removeListener(final SignalListener listener)
    {
        final List<SignalListener> next = new ArrayList<>(Arrays.asList(listeners));
        next.remove(listener);
        listeners = next.toArray(NO_LISTENERS);
    }

    /**
     * @return how many markets this handler computes.
     */
    public int marketCount()
    {
        return markets.length;
    }

    /**
     * @param index a market index.
     * @return its live values; read them on the signal thread only (e.g. inside a listener).
     */
    public SignalView market(final int index)
    {
        return markets[index].view();
    }

    @Override
    public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        this.sequence = sequence;
        apply(event);
    }

    /**
     * The ring sequence of the event being applied, so a listener can tell which input event a signal came from
     * (the journal uses it to keep its input and signal queues at the same point).
     *
     * @return the sequence; read on the signal thread only (e.g. inside a listener); -1 before the first ring event
     * and for events applied directly with {@link #apply(InputEvent)}.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * Applies one input event and notifies listeners for every market it touched.
     *
     * @param event the event.
     */
    public void apply(final InputEvent event)
    {
        counters.events.incrementRelease();
        if (event.receiveTimeNs() > nowNs)
        {
            nowNs = event.receiveTimeNs();
        }
        final long now = nowNs;
        final long stamp = ++this.stamp;
        switch (event.type())
        {
            case TRADE:
                counters.trades.incrementRelease();
                onTrade(event, now, stamp);
                break;
            case FEED_STATUS:
                counters.feedStatusEvents.incrementRelease();
                onFeedStatus(event, now, stamp);
                break;
            case CLOCK_TICK:
                counters.clockTicks.incrementRelease();
                for (final MarketSignals market : markets)
                {
                    market.advanceTo(now);
                    market.touchStamp = stamp;
                }
                break;
            case HISTORY_SAMPLE:
            case WINDOW_SAMPLE:
                counters.historySamples.incrementRelease();
                onHistorySample(event, now, stamp);
                break;
            default:
                break;
        }
        for (final MarketSignals market : markets)
        {
            if (market.touchStamp == stamp)
            {
                publish(market, now, stamp);
            }
        }
    }

    private void onTrade(final InputEvent event, final long now, final long stamp)
    {
        final int id = event.instrumentId();
        if (id < 0 || id >= multipliers.length)
        {
            return;
        }
        final int[] flow = flowMarkets[id];
        if (flow.length > 0)
        {
            final double quantity = inverse[id] ?
                event.quantity() * multipliers[id] / event.price() : event.quantity() * multipliers[id];
            final boolean buy = event.takerSide() == TakerSide.BUY;
            final boolean backfilled = event.isBackfilled();
            for (final int m : flow)
            {
                if (backfilled)
                {
                    markets[m].onBackfilledFlowTrade(now, event.exchangeTimeNs(), buy, quantity);
                }
                else
                {
                    markets[m].onFlowTrade(now, buy, quantity);
                }
                markets[m].touchStamp = stamp;
            }
        }
        if (event.isBackfilled())
        {
            return; // a recovered trade's price is history: it sets no current premium or reference price
        }
        final int[] premium = premiumMarkets[id];
        final int[] reference = referenceMarkets[id];
        if (premium.length > 0 || reference.length > 0)
        {
            final double price = event.price();
            for (final int m : premium)
            {
                markets[m].onPremiumTrade(now, price);
                markets[m].touchStamp = stamp;
            }
            for (final int m : reference)
            {
                markets[m].onReferenceTrade(now, price);
                markets[m].touchStamp = stamp;
            }
        }
    }

    private void onFeedStatus(final InputEvent event, final long now, final long stamp)
    {
        final FeedState state = event.feedState();
        final int id = event.instrumentId();
        for (final MarketSignals market : markets)
        {
            for (final int required : market.requiredInstruments())
            {
                final Instrument instrument = catalog.get(required);
                if (instrument.venue() == event.venue() && (id == InputEvent.ALL_INSTRUMENTS || id == required))
                {
                    market.advanceTo(now);
                    market.touchStamp = stamp;
                }
            }
        }
        final boolean trouble = state == FeedState.DISCONNECTED || state == FeedState.STALE || state == FeedState.GAP;
        if (id == InputEvent.ALL_INSTRUMENTS)
        {
            for (int i = 0; i < unhealthy.length; i++)
            {
                if (catalog.get(i).venue() == event.venue())
                {
                    applyHealth(i, state, event.marks(), event.missingCount(), now, trouble);
                }
            }
        }
        else if (id >= 0 && id < unhealthy.length)
        {
            applyHealth(id, state, event.marks(), event.missingCount(), now, trouble);
        }
    }

    private void applyHealth(
        final int id, final FeedState state, final int marks, final long missing, final long now, final boolean trouble)
    {
        switch (state)
        {
            case CONNECTED:
                unhealthy[id] = false;
                break;
            case DISCONNECTED:
            case STALE:
            case REJECTED:
                unhealthy[id] = true;
                break;
            case GAP:
                if ((marks & InputEvent.BACKFILL_PENDING) != 0)
                {
                    backfillsRunning[id]++;
                }
                else if ((marks & InputEvent.BACKFILL_DONE) != 0)
                {
                    backfillsRunning[id] = Math.max(0, backfillsRunning[id] - 1);
                    if (missing != 0)
                    {
                        lastGapNs[id] = now;
                    }
                }
                else
                {
                    lastGapNs[id] = now;
                }
                break;
            default:
                break;
        }
        for (final int m : flowMarkets[id])
        {
            final MarketSignals market = markets[m];
            boolean allHealthy = true;
            for (final int flow : market.flowInstrumentIds())
            {
                allHealthy &= !unhealthy[flow];
            }
            market.onFlowFeedHealth(allHealthy, trouble);
        }
    }

    private void onHistorySample(final InputEvent event, final long now, final long stamp)
    {
        final int id = event.instrumentId();
        if (id < 0 || id >= multipliers.length)
        {
            return;
        }
        final double buy = event.buyVolume() * multipliers[id];
        final double sell = event.sellVolume() * multipliers[id];
        final boolean window = event.type() == EventType.WINDOW_SAMPLE;
        for (final int m : flowMarkets[id])
        {
            markets[m].advanceTo(now);
            if (window)
            {
                markets[m].onWindowSample(now, id, event.exchangeTimeNs(), buy, sell, event.sampleTrades());
            }
            else
            {
                markets[m].onHistorySample(id, event.exchangeTimeNs(), buy, sell);
            }
            markets[m].touchStamp = stamp;
        }
    }

    /**
     * A required feed disconnected or stale, a backfill still fetching a flow instrument's missed trades, or a
     * trade-id gap on a flow instrument that was not (wholly) recovered, within {@code gapHold}. A gap on
     * a premium leg does not count: missing premium trades corrupt no window, the next trade sets the price again.
     */
    private boolean feedsUnhealthy(final MarketSignals market, final long now)
    {
        final long gapHoldNs = market.config().gapHoldNs();
        for (final int id : market.requiredInstruments())
        {
            if (unhealthy[id])
            {
                return true;
            }
        }
        for (final int id : market.flowInstrumentIds())
        {
            if (backfillsRunning[id] > 0 || lastGapNs[id] != Long.MIN_VALUE && now - lastGapNs[id] < gapHoldNs)
            {
                return true;
            }
        }
        return false;
    }

    private void publish(final MarketSignals market, final long now, final long stamp)
    {
        final boolean changed = market.evaluate(now, feedsUnhealthy(market, now), stamp);
        final SignalListener[] listeners = this.listeners;
        final SignalView view = market.view();
        if (changed)
        {
            counters.regimeChanges.incrementRelease();
            final RegimeClassifier classifier = market.classifier();
            change.set(classifier.previousRegime(), classifier.regime(), classifier.lastReason(), now);
            for (final SignalListener listener : listeners)
            {
                try
                {
                    listener.onRegimeChange(change, view);
                }
                catch (final RuntimeException ex)
                {
                    listenerErrors.onError(ex);
                }
            }
        }
        for (final SignalListener listener : listeners)
        {
            try
            {
                listener.onSignal(view);
            }
            catch (final RuntimeException ex)
            {
                listenerErrors.onError(ex);
            }
        }
    }

    private static void requireKnown(final MarketConfig config, final int id, final int instrumentCount)
    {
        if (id >= instrumentCount)
        {
            throw new IllegalArgumentException("market '" + config.name() + "' refers to instrument id " + id +
                " but the catalog has only " + instrumentCount + " instruments");
        }
    }

    private static List<List<Integer>> emptyLists(final int size)
    {
        final List<List<Integer>> lists = new ArrayList<>(size);
        for (int i = 0; i < size; i++)
        {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static int[][] toArrays(final List<List<Integer>> lists)
    {
        final int[][] arrays = new int[lists.size()][];
        for (int i = 0; i < arrays.length; i++)
        {
            final List<Integer> list = lists.get(i);
            arrays[i] = list.isEmpty() ? NO_MARKETS : list.stream().mapToInt(Integer::intValue).toArray();
        }
        return arrays;
    }
}
