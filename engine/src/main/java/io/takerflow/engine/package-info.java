/**
 * The engine that assembles the pipeline: {@link io.takerflow.engine.TakerflowEngine} owns the Disruptor ring of
 * {@code engine.input.InputEvent}, the {@code engine.signal.SignalHandler} on it, the handlers that run in parallel
 * (the journal), the clock ticker and the asynchronous subscriptions; {@link io.takerflow.engine.EngineConfig} says
 * how, {@link io.takerflow.engine.EngineCounters} counts it (in a file {@code takerflow stat} reads from another
 * process). May use every engine package; the packages below it never use this one.
 */
package io.takerflow.engine;
