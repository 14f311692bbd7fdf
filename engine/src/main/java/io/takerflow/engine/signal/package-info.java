/**
 * The signal state, single-threaded and O(1) per event: per market a rolling taker {@link
 * io.takerflow.engine.signal.FlowWindow}, its Z-score against {@link io.takerflow.engine.signal.FlowHistory}, the
 * Coinbase {@link io.takerflow.engine.signal.PremiumIndex} and the {@link io.takerflow.engine.signal.RegimeClassifier}
 * with hysteresis, driven by {@link io.takerflow.engine.signal.SignalHandler} and delivered to
 * {@link io.takerflow.engine.signal.SignalListener}s (on the signal thread, or through an
 * {@link io.takerflow.engine.signal.AsyncSubscription}) as a {@link io.takerflow.engine.signal.SignalView}. Each
 * market's values live in one binary layout ({@link io.takerflow.engine.signal.SignalLayout}): listeners read them
 * through a {@link io.takerflow.engine.signal.SignalFlyweight}, a {@link io.takerflow.engine.signal.SignalSnapshot}
 * is a byte copy, and the journal's signal record holds the same bytes.
 * <p>
 * May use {@code engine.input} (the slot contract) and Agrona; never the engine that assembles it
 * ({@code io.takerflow.engine}): the handler takes its {@link io.takerflow.engine.signal.SignalCounters}, so a replay
 * runs it without an engine.
 */
package io.takerflow.engine.signal;
