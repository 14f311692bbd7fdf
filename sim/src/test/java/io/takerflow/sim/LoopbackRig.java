package io.takerflow.sim;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import com.lmax.disruptor.EventHandler;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.net.FeedConnection;
import io.takerflow.feeds.net.FeedGroup;
import io.takerflow.feeds.net.FeedSettings;
import io.takerflow.feeds.net.HostResolver;

/**
 * A simulator, a real engine and real feed connections on loopback, with every ring event and every trade the
 * simulator sent recorded for the test to compare.
 */
final class LoopbackRig implements AutoCloseable
{
    static final Map<Venue, String> SYMBOLS = new EnumMap<>(Map.ofEntries(
        Map.entry(Venue.BINANCE_USDM, "BTCUSDT"),
        Map.entry(Venue.BINANCE_SPOT, "BTCUSDT"),
        Map.entry(Venue.COINBASE, "BTC-USD"),
        Map.entry(Venue.COINBASE_ADVANCED, "BTC-USD"),
        Map.entry(Venue.BYBIT_LINEAR, "BTCUSDT"),
        Map.entry(Venue.BYBIT_SPOT, "BTCUSDT"),
        Map.entry(Venue.OKX, "BTC-USDT-SWAP"),
        Map.entry(Venue.DERIBIT, "BTC-PERPETUAL"),
        Map.entry(Venue.BITMEX, "XBTUSD"),
        Map.entry(Venue.KRAKEN_FUTURES, "PI_XBTUSD"),
        Map.entry(Venue.GATE_FUTURES, "BTC_USDT")));

    static
    {
        SYMBOLS.put(Venue.HYPERLIQUID, "BTC");
        SYMBOLS.put(Venue.BITFINEX, "BTCUSD");
        SYMBOLS.put(Venue.KRAKEN, "XBT/USD");
        SYMBOLS.put(Venue.BITSTAMP, "btcusd");
    }

    /** A ring event as the test sees it. */
    record Seen(EventType type, Venue venue, long tradeId, BigDecimal price, BigDecimal quantity, TakerSide side,
        FeedState state, long missing, int marks, long recovered, long exchangeTimeNs)
    {
    }

    /** A trade as the simulator sent it. */
    record Sent(Venue venue, long tradeId, BigDecimal price, BigDecimal quantity, TakerSide side)
    {
    }

    /** Gate's {@code quanto_multiplier} of {@code BTC_USDT}: 0.0001 BTC per contract. */
    static final double QUANTO_MULTIPLIER = 0.0001;

    final ExchangeSimulator simulator;
    final TakerflowEngine engine;
    final FeedGroup feeds;
    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

    LoopbackRig(final SimulatorSettings simulatorSettings, final List<Venue> venues,
        final UnaryOperator<FeedSettings.Builder> tweak)
    {
        this(simulatorSettings, venues, tweak, b -> b);
    }

    LoopbackRig(final SimulatorSettings simulatorSettings, final List<Venue> venues,
        final UnaryOperator<FeedSettings.Builder> tweak, final UnaryOperator<EngineConfig.Builder> engineTweak)
    {
        this(simulatorSettings, venues, (venue, b) -> tweak.apply(b), engineTweak, sim -> {}, HostResolver.SYSTEM);
    }

    LoopbackRig(final SimulatorSettings simulatorSettings, final List<Venue> venues,
        final java.util.function.BiFunction<Venue, FeedSettings.Builder, FeedSettings.Builder> tweak,
        final UnaryOperator<EngineConfig.Builder> engineTweak,
        final java.util.function.Consumer<ExchangeSimulator> beforeFeeds, final HostResolver resolver)
    {
        this(simulatorSettings, venues, tweak, engineTweak, beforeFeeds, resolver, false);
    }

    /**
     * @param venueSizes true to add each instrument with its venue's size convention (inverse: contract value 1 USD;
     *                   quanto: {@link #QUANTO_MULTIPLIER}), false to add every one as linear with multiplier 1.
     */
    LoopbackRig(final SimulatorSettings simulatorSettings, final List<Venue> venues,
        final java.util.function.BiFunction<Venue, FeedSettings.Builder, FeedSettings.Builder> tweak,
        final UnaryOperator<EngineConfig.Builder> engineTweak,
        final java.util.function.Consumer<ExchangeSimulator> beforeFeeds, final HostResolver resolver,
        final boolean venueSizes)
    {
        simulator = ExchangeSimulator.start(simulatorSettings);
        beforeFeeds.accept(simulator);
        simulator.observer((venue, symbol, trade) -> sent.add(new Sent(venue, trade.tradeId(),
            BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()),
            BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()), trade.takerSide())));
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int[] ids = new int[venues.size()];
        for (int i = 0; i < ids.length; i++)
        {
            final SizeConvention convention = venueSizes ?
                VenueProtocols.of(venues.get(i)).sizeConvention(SYMBOLS.get(venues.get(i))) : SizeConvention.LINEAR;
            ids[i] = catalog.add(venues.get(i), SYMBOLS.get(venues.get(i)), convention,
                convention == SizeConvention.QUANTO ? QUANTO_MULTIPLIER : 1.0);
        }
        final EventHandler<InputEvent> recorder = (event, sequence, endOfBatch) -> seen.add(new Seen(event.type(),
            event.venue(), event.tradeId(),
            event.type() == EventType.TRADE ? BigDecimal.valueOf(event.priceMantissa(), event.priceScale()) : null,
            event.type() == EventType.TRADE ? BigDecimal.valueOf(event.quantityMantissa(), event.quantityScale()) :
                null,
            event.takerSide(), event.feedState(), event.missingCount(), event.marks(), event.recoveredCount(),
            event.exchangeTimeNs()));
        engine = TakerflowEngine.start(engineTweak.apply(EngineConfig.builder(catalog)
            .market(MarketConfig.builder("BTC").flowInstruments(ids[0]).build())
            .waitStrategy(WaitStrategyKind.BLOCKING)
            .parallelHandler(recorder))
            .build());
        final List<FeedSettings> settings = new ArrayList<>();
        for (final Venue venue : venues)
        {
            settings.add(tweak.apply(venue, FeedSettings.builder(venue, List.of(SYMBOLS.get(venue)))
                .endpoint(simulator.endpoint(venue))).build());
        }
        feeds = new FeedGroup(engine, settings, 1, engine.config().clock(), resolver).start();
    }

    List<Seen> trades(final Venue venue)
    {
        final List<Seen> trades = new ArrayList<>();
        for (final Seen event : seen)
        {
            if (event.type() == EventType.TRADE && event.venue() == venue)
            {
                trades.add(event);
            }
        }
        return trades;
    }

    List<Seen> statuses(final Venue venue)
    {
        final List<Seen> statuses = new ArrayList<>();
        for (final Seen event : seen)
        {
            if (event.type() == EventType.FEED_STATUS && event.venue() == venue)
            {
                statuses.add(event);
            }
        }
        return statuses;
    }

    FeedConnection connection(final Venue venue)
    {
        for (final FeedConnection connection : feeds.connections())
        {
            if (connection.settings().venue() == venue)
            {
                return connection;
            }
        }
        throw new IllegalArgumentException(venue.id());
    }

    List<Sent> sent(final Venue venue)
    {
        final List<Sent> trades = new ArrayList<>();
        for (final Sent trade : sent)
        {
            if (trade.venue() == venue)
            {
                trades.add(trade);
            }
        }
        return trades;
    }

    static void await(final Duration timeout, final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    @Override
    public void close()
    {
        feeds.close();
        engine.close();
        simulator.close();
    }
}
