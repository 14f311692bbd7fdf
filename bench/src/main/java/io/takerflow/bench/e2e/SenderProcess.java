package io.takerflow.bench.e2e;

import java.io.File;
import java.util.concurrent.TimeUnit;

import io.takerflow.engine.input.Venue;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * The sender of the split-process latency race, in its own JVM: the loopback exchange simulator streaming one
 * venue's trades at a fixed offered rate, noting each trade it writes in a {@link SentTrades} map. It prints
 * {@code port N} once it listens and stops when its standard input closes.
 * <p>
 * Usage: {@code SenderProcess VENUE RATE MAP_FILE SLOTS}.
 */
public final class SenderProcess
{
    private SenderProcess()
    {
    }

    /**
     * Runs the sender.
     *
     * @param args see the class comment.
     * @throws Exception if sending fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Venue venue = Venue.fromId(args[0]);
        final int rate = Integer.parseInt(args[1]);
        final File file = new File(args[2]);
        final int slots = Integer.parseInt(args[3]);
        try (SentTrades sent = SentTrades.create(file, slots);
            ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().tradesPerSecond(0)
                .tradesPerSecond(venue, rate).phase(1, TimeUnit.HOURS).pingInterval(0, TimeUnit.SECONDS)
                .tick(20, TimeUnit.MICROSECONDS).build()))
        {
            simulator.observer((v, symbol, trade) ->
                sent.onSent(trade.tradeId(), trade.scheduledNs(), System.nanoTime(), trade.takerSide()));
            System.out.println("port " + simulator.port());
            System.out.flush();
            while (System.in.read() >= 0)
            {
                // runs until the engine's process closes our standard input
            }
        }
    }
}
