package io.takerflow.fanout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.CloseHelper;

import io.aeron.archive.client.AeronArchive;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.journal.Journal;
import io.takerflow.journal.JournalSettings;

/**
 * One publishing engine for the tests: two markets (BTC with the Coinbase premium pair, ETH flow only) in compressed
 * windows, the journal when asked, an in-process listener that records every signal, and the fanout. The engine's
 * ticker is off, so the signals depend on the tape only.
 */
final class Rig implements AutoCloseable
{
    private static final int RECORDED_BATCH = 100;

    record Ids(int usdm, int spot, int coinbase, int eth)
    {
    }

    final InstrumentCatalog catalog = new InstrumentCatalog();
    final Ids ids;
    final List<MarketConfig> markets;
    final Journal journal;
    final TakerflowEngine engine;
    final SignalFanout fanout;
    final InputPublisher publisher;
    final Recorder inProcess = new Recorder();
    private AeronArchive archive;

    Rig(final FanoutSettings settings, final Path journalDir)
    {
        final int usdm = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final int spot = catalog.add(Venue.BINANCE_SPOT, "BTCUSDT", 1.0);
        final int coinbase = catalog.add(Venue.COINBASE, "BTC-USD", 1.0);
        final int eth = catalog.add(Venue.BINANCE_USDM, "ETHUSDT", 1.0);
        ids = new Ids(usdm, spot, coinbase, eth);
        markets = List.of(
            compressed(MarketConfig.builder("BTC").flowInstruments(usdm).premiumPair(coinbase, spot)),
            compressed(MarketConfig.builder("ETH").flowInstruments(eth)));
        journal = journalDir == null ? null : Journal.open(JournalSettings.daily(journalDir), catalog, markets);
        final TradePublisher trades = new TradePublisher();
        final EngineConfig.Builder config = EngineConfig.builder(catalog).tickInterval(0, TimeUnit.MILLISECONDS)
            .waitStrategy(WaitStrategyKind.BLOCKING).parallelHandler(trades).listener(inProcess);
        if (journal != null)
        {
            config.parallelHandler(journal.inputWriter()).listener(journal.signalWriter());
        }
        markets.forEach(config::market);
        engine = TakerflowEngine.start(config.build());
        if (journal != null)
        {
            journal.attach(engine);
        }
        fanout = SignalFanout.start(settings, engine, trades);
        publisher = engine.newPublisher();
    }

    private static MarketConfig compressed(final MarketConfig.Builder builder)
    {
        return builder.window(2, TimeUnit.SECONDS).bucket(100, TimeUnit.MILLISECONDS)
            .samplePeriod(500, TimeUnit.MILLISECONDS).historyCapacity(100).minHistorySamples(3)
            .premiumHalfLife(1, TimeUnit.SECONDS).premiumStaleAfter(2, TimeUnit.SECONDS)
            .gapHold(500, TimeUnit.MILLISECONDS).minWindowTrades(20).minRegimeDwell(200, TimeUnit.MILLISECONDS)
            .build();
    }

    /**
     * Plays trades in batches the archive keeps up with: after each batch, waits until the engine has taken it and
     * the recording holds everything published. The publisher never waits (it conflates when back-pressured, by
     * design), and the recorder is one of its subscribers, so on a busy machine a burst larger than the publication
     * window would lose signals at the source; a test of a catch-up without gaps must not cause that itself.
     *
     * @param tape   the trades.
     * @param trades how many to play.
     */
    void playRecorded(final Tape tape, final int trades)
    {
        for (int left = trades; left > 0; left -= RECORDED_BATCH)
        {
            tape.play(publisher, Math.min(RECORDED_BATCH, left));
            await("the engine to take the trades", () -> consumed() == tape.played(), null);
            await(() -> "the archive to record what was published: " + archive().getRecordingPosition(
                fanout.recordingId()) + " of " + fanout.position(),
                () -> archive().getRecordingPosition(fanout.recordingId()) >= fanout.position(), null);
        }
    }

    private AeronArchive archive()
    {
        if (archive == null)
        {
            archive = fanout.link().connectArchive(null, null);
        }
        return archive;
    }

    /**
     * @return events the signal handler has consumed.
     */
    long consumed()
    {
        return engine.counters().events.get();
    }

    long signalsSent()
    {
        return fanout.counters().signalsSent.get();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(archive, fanout, engine, journal);
    }

    /**
     * Polls until the condition holds, with a generous deadline; fails naming what it waited for.
     */
    static void await(final String what, final BooleanSupplier condition, final Runnable poll)
    {
        await(() -> what, condition, poll);
    }

    static void await(final java.util.function.Supplier<String> what, final BooleanSupplier condition,
        final Runnable poll)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            if (poll != null)
            {
                poll.run();
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    /**
     * Keeps every signal it sees as a list of its fields (doubles as raw bits), regime changes the same way.
     */
    static final class Recorder implements SignalListener
    {
        final List<List<Object>> signals = new ArrayList<>();
        final List<List<Object>> changes = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();

        @Override
        public synchronized void onSignal(final SignalView signal)
        {
            signals.add(fields(signal));
            if (signal instanceof RemoteSignalView)
            {
                sequences.add(((RemoteSignalView)signal).sequence());
            }
        }

        @Override
        public synchronized void onRegimeChange(final RegimeChange change, final SignalView signal)
        {
            changes.add(List.of(change.timeNs(), signal.market(), change.from(), change.to(), change.reason()));
        }

        synchronized int signalCount()
        {
            return signals.size();
        }

        synchronized List<List<Object>> signals()
        {
            return new ArrayList<>(signals);
        }

        synchronized List<List<Object>> changes()
        {
            return new ArrayList<>(changes);
        }
    }

    static List<Object> fields(final SignalView s)
    {
        return List.of(s.market(), s.marketIndex(), s.timeNs(), bits(s.buyVolume()), bits(s.sellVolume()),
            bits(s.imbalance()), bits(s.buyRatio()), bits(s.sellRatio()), bits(s.zScore()), s.historySamples(),
            bits(s.premiumPct()), bits(s.premiumSmoothedPct()), s.flowState(), s.spotState(), s.regime(), s.flags(),
            s.windowTrades(), s.eventSequence(), s.backfilledTrades());
    }

    static long bits(final double value)
    {
        return Double.doubleToLongBits(value);
    }
}
