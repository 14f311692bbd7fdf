package io.takerflow.engine;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.InputEvent;

import com.lmax.disruptor.EventHandler;

import io.takerflow.engine.latency.LatencyTelemetry;
import io.takerflow.engine.signal.SignalHandler;

/**
 * Runs the signal handler on the ring and, outside it, records each trade's stages into the latency telemetry: the
 * clock is read after the handler is done, so no time reaches the handler's state and replays stay deterministic.
 */
final class TimedSignalHandler implements EventHandler<InputEvent>
{
    private final SignalHandler signals;
    private final LatencyTelemetry latency;
    private final org.agrona.concurrent.EpochNanoClock clock;

    TimedSignalHandler(
        final SignalHandler signals, final LatencyTelemetry latency, final org.agrona.concurrent.EpochNanoClock clock)
    {
        this.signals = signals;
        this.latency = latency;
        this.clock = clock;
    }

    @Override
    public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        final boolean trade = event.type() == EventType.TRADE;
        latency.signalSource().set(trade ? event.venue() : null);
        signals.onEvent(event, sequence, endOfBatch);
        if (trade)
        {
            latency.recordTrade(event.venue(), event.exchangeTimeNs(), event.receiveTimeNs(), event.publishedNs(),
                clock.nanoTime());
        }
    }

    @Override
    public void onStart()
    {
        signals.onStart();
    }

    @Override
    public void onShutdown()
    {
        signals.onShutdown();
    }
}
