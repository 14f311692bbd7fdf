/**
 * The slot contract: what travels on the engine's input ring, and the reference data that gives it meaning. Everything
 * upstream writes these types, everything downstream reads them, and this package depends on nothing else of
 * Takerflow (only Agrona and the Disruptor).
 * <pre>
 *   exchange frame (Netty WebSocket, bytes)
 *        |  FrameDecoder.decode(buffer, offset, length, receiveTimeNs, sink)      feeds, one decoder per venue
 *        v
 *   InputEvent (a decoder's scratch slot: Venue, instrument, ScaledDecimal price and size, TakerSide, trade id)
 *        |  FrameSink.onTrade(trade) -> TradeGate (duplicates, gaps, rotation)     feeds.net
 *        v
 *   InputPublisher.publish(event)  copies into the ring slot              this package
 *        |  Disruptor ring of InputEvent (single consumer sequence)
 *        +--> SignalHandler.onEvent   O(1) state per market                engine.signal
 *        |        +--> SignalListener.onSignal / onRegimeChange (same thread, or AsyncSubscription)
 *        +--> Journal input writer, in parallel on the same sequence         journal
 * </pre>
 * <ul>
 *   <li>{@link io.takerflow.engine.input.InputEvent}: the mutable ring slot (a trade, a feed status, a clock tick, a
 *       history sample: {@link io.takerflow.engine.input.EventType}).</li>
 *   <li>{@link io.takerflow.engine.input.Venue}, {@link io.takerflow.engine.input.TakerSide},
 *       {@link io.takerflow.engine.input.FeedState}: the codes a slot carries.</li>
 *   <li>{@link io.takerflow.engine.input.Instrument}, {@link io.takerflow.engine.input.InstrumentCatalog},
 *       {@link io.takerflow.engine.input.SizeConvention}: which instrument an id names and how its sizes convert to
 *       the base asset.</li>
 *   <li>{@link io.takerflow.engine.input.ScaledDecimal}: exact decimal prices and sizes as mantissa and scale.</li>
 *   <li>{@link io.takerflow.engine.input.InputPublisher}: the only way onto the ring, one per publishing thread.</li>
 * </ul>
 */
package io.takerflow.engine.input;
