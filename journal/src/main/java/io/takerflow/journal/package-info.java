/**
 * The journal: every ring event and every signal on disk, in two Chronicle Queues, so a run replays bit for bit.
 * {@link io.takerflow.journal.Journal} writes (its input writer runs in parallel with the signal handler; its signal
 * writer is a listener), {@link io.takerflow.journal.RecordLayout} is the one description of the binary records,
 * {@link io.takerflow.journal.JournalReader} reads them back, {@link io.takerflow.journal.Replay} re-drives a signal
 * handler from them and verifies, {@link io.takerflow.journal.JournalDump} prints them as CSV or JSON lines. Uses the
 * engine's {@code input} and {@code signal} packages and Chronicle; nothing of feeds or the app.
 */
package io.takerflow.journal;
