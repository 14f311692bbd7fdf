package io.takerflow.bench.fanout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.aeron.Publication;
import io.takerflow.engine.EngineCounters;
import io.takerflow.engine.signal.FlowState;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.engine.signal.SpotState;
import io.takerflow.fanout.AeronLink;
import io.takerflow.fanout.FanoutCounters;
import io.takerflow.fanout.RemoteSignals;
import io.takerflow.fanout.SignalPublisher;

/**
 * The cost of one signal through the fanout on one thread, for {@code -prof gc}: the in-process listener call
 * (baseline), and {@link SignalPublisher#onSignal} (SBE encode and offer to an Aeron IPC publication) followed by
 * {@link RemoteSignals#poll()} (read and decode through the flyweight view into the same listener). The
 * listener reads every field, as a strategy would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanoutBenchmark
{
    private final SignalSnapshot signal = new SignalSnapshot();
    private AeronLink link;
    private Publication publication;
    private SignalPublisher publisher;
    private RemoteSignals client;
    private SignalListener strategy;
    private long time;

    /**
     * Starts the Aeron link, the publication and the client.
     *
     * @param blackhole sinks the received signals.
     * @throws InterruptedException if interrupted while connecting.
     */
    @Setup(Level.Trial)
    public void setUp(final Blackhole blackhole) throws InterruptedException
    {
        strategy = new SignalListener()
        {
            @Override
            public void onSignal(final SignalView view)
            {
                blackhole.consume(view.timeNs());
                blackhole.consume(view.imbalance());
                blackhole.consume(view.zScore());
                blackhole.consume(view.premiumSmoothedPct());
                blackhole.consume(view.regime());
                blackhole.consume(view.flags());
                blackhole.consume(view.market());
            }
        };
        link = AeronLink.open(null, false, null, null);
        publication = link.aeron().addPublication("aeron:ipc", 1001);
        client = RemoteSignals.builder(link.aeron(), "aeron:ipc", 1001).listener(strategy).build();
        publisher = new SignalPublisher(publication, List.of(MarketConfig.builder("BTC").flowInstruments(0).build()),
            new FanoutCounters(EngineCounters.inMemory()));
        while (!publication.isConnected() || !client.isConnected())
        {
            Thread.sleep(1);
        }
    }

    /** Closes the client, the publication and the link. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        CloseHelper.closeAll(client, publication, link);
    }

    private SignalSnapshot next()
    {
        return signal.set("BTC", 0, ++time, 12.5 + (time & 7), 10.25, 0.75, 400, 0, time, 40, 0.0123, 0.0101,
            FlowState.BALANCED, SpotState.FLAT, Regime.NEUTRAL, 0);
    }

    /** Hands one signal to an in-process listener (the baseline). */
    @Benchmark
    public void inProcessCallback()
    {
        strategy.onSignal(next());
    }

    /**
     * @return signals received after publishing one over Aeron IPC.
     */
    @Benchmark
    public int publishAndReceiveOverIpc()
    {
        publisher.onSignal(next());
        return client.poll();
    }
}
