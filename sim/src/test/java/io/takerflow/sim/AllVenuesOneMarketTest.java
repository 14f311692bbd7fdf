package io.takerflow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.net.HostResolver;

/**
 * One market over all fifteen feeds at once, offline: every venue's wire format from the loopback simulator into one
 * engine whose market takes flow from every one of them. The market's window sums (taker buy and sell volume in base
 * units, and the trade count) must equal a brute-force sum over the trades the simulator printed, converted to base
 * units by hand with each venue's size convention: linear sizes as they are, inverse USD contracts (Deribit
 * {@code BTC-PERPETUAL}, BitMEX {@code XBTUSD}, Kraken Futures {@code PI_XBTUSD}) divided by their price, Gate's
 * quanto contracts times 0.0001 BTC. The window (1 h) holds the whole run.
 */
final class AllVenuesOneMarketTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<Venue> VENUES = Arrays.asList(Venue.values());

    /** The market's latest values, as the listener saw them. */
    private record Window(double buy, double sell, long trades)
    {
    }

    @Test
    void oneMarketOverEveryFeedSumsExactlyTheTradesEveryVenuePrinted()
    {
        assertThat(VENUES).hasSize(15);
        final AtomicReference<Window> latest = new AtomicReference<>(new Window(0, 0, 0));
        final SignalListener listener = new SignalListener()
        {
            @Override
            public void onSignal(final SignalView signal)
            {
                if (signal.marketIndex() == 1)
                {
                    latest.set(new Window(signal.buyVolume(), signal.sellVolume(), signal.windowTrades()));
                }
            }
        };
        try (LoopbackRig rig = new LoopbackRig(SimulatorSettings.builder().tradesPerSecond(40).build(), VENUES,
            (venue, b) -> b, e ->
            {
                final int[] all = new int[VENUES.size()];
                for (int i = 0; i < all.length; i++)
                {
                    all[i] = i;
                }
                return e.market(MarketConfig.builder("ALL").flowInstruments(all).window(1, TimeUnit.HOURS).build())
                    .listener(listener);
            },
            sim -> {}, HostResolver.SYSTEM, true))
        {
            for (final Venue venue : VENUES)
            {
                LoopbackRig.await(WAIT, venue.id() + " trades", () -> rig.sent(venue).size() >= 60);
            }
            rig.simulator.stallTrades(120, TimeUnit.SECONDS);
            for (final Venue venue : VENUES)
            {
                LoopbackRig.await(WAIT, venue.id() + " every printed trade on the ring",
                    () -> rig.trades(venue).size() == rig.sent(venue).size());
            }
            BigDecimal buy = BigDecimal.ZERO;
            BigDecimal sell = BigDecimal.ZERO;
            long trades = 0;
            for (final Venue venue : VENUES)
            {
                final SizeConvention convention =
                    VenueProtocols.of(venue).sizeConvention(LoopbackRig.SYMBOLS.get(venue));
                for (final LoopbackRig.Sent trade : rig.sent(venue))
                {
                    final BigDecimal base = switch (convention)
                    {
                        case LINEAR -> trade.quantity();
                        case INVERSE -> trade.quantity().divide(trade.price(), MathContext.DECIMAL128);
                        case QUANTO -> trade.quantity().multiply(BigDecimal.valueOf(LoopbackRig.QUANTO_MULTIPLIER));
                    };
                    if (trade.side() == TakerSide.BUY)
                    {
                        buy = buy.add(base);
                    }
                    else
                    {
                        sell = sell.add(base);
                    }
                    trades++;
                }
            }
            final long expectedTrades = trades;
            LoopbackRig.await(WAIT, "the market's window holds " + expectedTrades + " trades",
                () -> latest.get().trades() == expectedTrades);
            rig.feeds.close();
            final Window window = latest.get();
            assertThat(window.buy()).as("taker buy volume, base units")
                .isCloseTo(buy.doubleValue(), within(buy.doubleValue() * 1e-9));
            assertThat(window.sell()).as("taker sell volume, base units")
                .isCloseTo(sell.doubleValue(), within(sell.doubleValue() * 1e-9));
            assertThat(buy.signum()).as("buys on the tape").isPositive();
            assertThat(sell.signum()).as("sells on the tape").isPositive();
        }
    }
}
