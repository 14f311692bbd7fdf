/**
 * Signals beyond one machine: the engine's signals (and, when asked, its input trades and feed statuses) as SBE
 * messages on an Aeron publication, recorded by Aeron Archive when configured, and {@link
 * io.takerflow.fanout.RemoteSignals}, the client that hands them to the same {@code SignalListener} on another
 * machine, catching up from the archive first when asked.
 * <p>
 * Uses the engine's public API, Aeron, Aeron Archive and the codecs that SbeTool generates from
 * {@code src/main/resources/sbe/takerflow-fanout.xml} into {@code io.takerflow.fanout.sbe}. Knows nothing of the
 * feeds or the journal.
 */
package io.takerflow.fanout;
