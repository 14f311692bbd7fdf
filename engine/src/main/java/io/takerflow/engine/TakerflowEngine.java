package io.takerflow.engine;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.Venue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CountedErrorHandler;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import io.takerflow.engine.latency.LatencyTelemetry;
import io.takerflow.engine.signal.AsyncSubscription;
import io.takerflow.engine.signal.OverflowPolicy;
import io.takerflow.engine.signal.SignalHandler;
import io.takerflow.engine.signal.SignalListener;

/**
 * The running engine: a multi-producer Disruptor ring of {@link InputEvent} slots consumed by the
 * {@link SignalHandler} and, in parallel on the same sequence, any configured handlers such as the journal.
 * <pre>{@code
 * try (TakerflowEngine engine = TakerflowEngine.start(config)) {
 *     engine.signals().addListener(view -> ...);       // on the signal thread, must not block
 *     InputPublisher feed = engine.newPublisher();      // one per producer thread
 *     feed.publishEvent((slot, sequence) -> slot.trade().venue(...).instrumentId(...).priceMantissa(...)...);
 * }
 * }</pre>
 */
public final class TakerflowEngine implements AutoCloseable
{
    private final EngineConfig config;
    private final EngineCounters counters;
    private final Disruptor<InputEvent> disruptor;
    private final SignalHandler signals;
    private final EngineErrors errors;
    private final CountedErrorHandler listenerErrors;
    private final AgentRunner ticker;
    private final LatencyTelemetry latency;
    private final List<AsyncSubscription> subscriptions = new ArrayList<>();
    private final List<InputPublisher> publishers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean closed;

    private TakerflowEngine(final EngineConfig config)
    {
        this.config = config;
        this.counters = config.countersFile() == null ?
            EngineCounters.inMemory() : EngineCounters.mapFile(config.countersFile());
        this.errors = config.errorLogFile() == null ? EngineErrors.inMemory(counters.errors, counters.errorsUnlogged) :
            EngineErrors.mapFile(config.errorLogFile(), counters.errors, counters.errorsUnlogged);
        this.listenerErrors = new CountedErrorHandler(errors, counters.handlerErrors);
        this.signals = new SignalHandler(config.instruments(), config.markets(), counters.signal(), listenerErrors);
        for (final SignalListener listener : config.listeners())
        {
            signals.addListener(listener);
        }
        final AtomicInteger threads = new AtomicInteger();
        this.disruptor = new Disruptor<>(
            InputEvent::new,
            config.ringSize(),
            runnable ->
            {
                final Thread thread = new Thread(runnable, "takerflow-consumer-" + threads.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            },
            ProducerType.MULTI,
            config.waitStrategy().consumerWaitStrategy());
        disruptor.setDefaultExceptionHandler(new CountingExceptionHandler(listenerErrors));
        final java.util.Set<Venue> venues = java.util.EnumSet.noneOf(Venue.class);
        for (int i = 0; i < config.instruments().size(); i++)
        {
            venues.add(config.instruments().get(i).venue());
        }
        this.latency = new LatencyTelemetry(venues, config.latencyFile(), config.latencyLog(),
            config.latencyIntervalNs(),
            errors);
        final List<EventHandler<InputEvent>> handlers = new ArrayList<>();
        handlers.add(new TimedSignalHandler(signals, latency, config.clock()));
        handlers.addAll(config.parallelHandlers());
        final CountDownLatch running = new CountDownLatch(handlers.size());
        @SuppressWarnings("unchecked")
        final EventHandler<InputEvent>[] array = new EventHandler[handlers.size()];
        for (int i = 0; i < array.length; i++)
        {
            array[i] = new StartedHandler(handlers.get(i), running);
        }
        disruptor.handleEventsWith(array);
        disruptor.start();
        try
        {
            if (!running.await(30, TimeUnit.SECONDS))
            {
                disruptor.halt();
                latency.close();
                throw new IllegalStateException("the engine's consumer threads did not start within 30 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            disruptor.halt();
            latency.close();
            throw new IllegalStateException("interrupted while starting the engine", ex);
        }
        this.ticker = config.tickIntervalNs() > 0 ? startTicker(config) : null;
    }

    private AgentRunner startTicker(final EngineConfig config)
    {
        final ClockTicker agent = new ClockTicker(newPublisher(), config.clock(), config.tickIntervalNs());
        final AgentRunner runner = new AgentRunner(agent.idleStrategy(), errors, null, agent);
        AgentRunner.startOnThread(runner, runnable ->
        {
            final Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    /**
     * Starts the consumer threads (and the ticker, if configured).
     *
     * @param config a validated configuration.
     * @return the running engine; close it to stop.
     */
    public static TakerflowEngine start(final EngineConfig config)
    {
        return new TakerflowEngine(config);
    }

    /**
     * @return a publisher for one producer thread.
     */
    public InputPublisher newPublisher()
    {
        final InputPublisher publisher = new InputPublisher(
            disruptor.getRingBuffer(), counters.ringWaits, config.waitStrategy().producerIdleStrategy(),
            config.clock());
        publishers.add(publisher);
        return publisher;
    }

    /**
     * @return the signal handler, to add listeners or read values from inside a listener.
     */
    public SignalHandler signals()
    {
        return signals;
    }

    /**
     * Subscribes a slow strategy on its own thread, behind a bounded queue; the ring never waits for it.
     *
     * @param listener the strategy.
     * @param policy   what to lose when it falls behind.
     * @param capacity queue entries.
     * @return the subscription; closed with the engine, or earlier by the caller.
     */
    public synchronized AsyncSubscription subscribeAsync(
        final SignalListener listener, final OverflowPolicy policy, final int capacity)
    {
        final String name = "subscriber-" + subscriptions.size();
        final AsyncSubscription subscription = new AsyncSubscription(listener, policy, capacity, signals.marketCount(),
            counters.subscriberDrops, listenerErrors, "takerflow-" + name, latency.newSubscriber(name),
            latency.signalSource(), config.clock());
        subscriptions.add(subscription);
        signals.addListener(subscription);
        return subscription;
    }

    /**
     * @return the engine's error handler: every error of the run, counted ({@code errors}) and kept in a distinct
     * error log ({@code takerflow stat} reads it from {@link EngineConfig#errorLogFile()}). Hand it to whatever else
     * runs with the engine (feeds, journal) so their errors land in the same place.
     */
    public EngineErrors errors()
    {
        return errors;
    }

    /**
     * @return the engine's counters, readable while it runs.
     */
    public EngineCounters counters()
    {
        return counters;
    }

    /**
     * @return the always-on latency telemetry (per venue and stage, per asynchronous subscriber).
     */
    public LatencyTelemetry latency()
    {
        return latency;
    }

    /**
     * @return the configuration the engine was started with.
     */
    public EngineConfig config()
    {
        return config;
    }

    /**
     * Stops the ticker, lets the consumers finish every event already published, then stops them and the
     * asynchronous subscriptions.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        publishers.forEach(InputPublisher::stop);
        if (ticker != null)
        {
            ticker.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS,
                thread -> errors.onError(new IllegalStateException(thread.getName() + " did not stop in time")));
        }
        try
        {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            disruptor.halt();
        }
        for (final AsyncSubscription subscription : subscriptions)
        {
            signals.removeListener(subscription);
            subscription.close();
        }
        latency.close();
        errors.close();
        counters.close();
    }

    /**
     * Passes events to a handler and says when its thread runs: the Disruptor's shutdown only waits for
     * consumers that are running, so {@link #start} returns only once every consumer is, and an engine closed
     * right after it started still hands every published event to every handler.
     */
    private static final class StartedHandler implements EventHandler<InputEvent>
    {
        private final EventHandler<InputEvent> handler;
        private final CountDownLatch running;

        StartedHandler(final EventHandler<InputEvent> handler, final CountDownLatch running)
        {
            this.handler = handler;
            this.running = running;
        }

        @Override
        public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            handler.onEvent(event, sequence, endOfBatch);
        }

        @Override
        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            handler.onBatchStart(batchSize, queueDepth);
        }

        @Override
        public void onStart()
        {
            handler.onStart();
            running.countDown();
        }

        @Override
        public void onShutdown()
        {
            handler.onShutdown();
        }

        @Override
        public void onTimeout(final long sequence) throws Exception
        {
            handler.onTimeout(sequence);
        }

        @Override
        public void setSequenceCallback(final Sequence sequenceCallback)
        {
            handler.setSequenceCallback(sequenceCallback);
        }
    }

    /**
     * Hands what a ring handler throws to the engine's error handler (counted in {@code handler.errors}, kept in the
     * distinct error log): the event is skipped and the ring carries on. Prints nothing.
     */
    private static final class CountingExceptionHandler implements ExceptionHandler<InputEvent>
    {
        private final ErrorHandler errors;

        CountingExceptionHandler(final ErrorHandler errors)
        {
            this.errors = errors;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final InputEvent event)
        {
            errors.onError(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            throw new IllegalStateException("handler failed to start: " + ex.getMessage(), ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            errors.onError(ex);
        }
    }
}
