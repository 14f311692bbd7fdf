package io.takerflow.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;

import io.aeron.archive.client.AeronArchive;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;

/**
 * What a remote subscriber sees when it is slow, joins late, outlives a publisher restart, or starts from the
 * archive while the engine keeps publishing.
 */
final class SubscriberFaultsTest
{
    @Test
    void aStalledSubscriberNeverSlowsTheEngineAndEndsWithEachMarketsLatestSignal()
    {
        final FanoutSettings settings = FanoutSettings.builder("aeron:ipc?term-length=65536").publishTrades(true)
            .build();
        final Rig.Recorder remote = new Rig.Recorder();
        try (Rig rig = new Rig(settings, null);
            RemoteSignals stalled = RemoteSignals.builder(rig.fanout.link().aeron(), settings.channel(),
                settings.streamId()).listener(remote).build())
        {
            Rig.await("the subscriber to connect", () -> stalled.isConnected() && rig.fanout.isConnected(), null);
            final Tape tape = new Tape(rig.ids);
            tape.play(rig.publisher, 20_000);
            Rig.await("the engine to take every trade while the subscriber does not read",
                () -> rig.consumed() == tape.played(), null);

            final FanoutCounters counters = rig.fanout.counters();
            assertThat(rig.engine.counters().ringWaits.get()).isZero();
            assertThat(counters.backPressured.get()).isPositive();
            assertThat(counters.signalsConflated.get()).isPositive();
            assertThat(counters.inputsDropped.get()).isPositive();
            assertThat(counters.failures.get()).isZero();

            // the subscriber wakes up; the next trades flush each market's conflated signal, then the new ones
            for (int round = 0; round < 100 && !sameLatestPerMarket(remote, rig.inProcess); round++)
            {
                Rig.await("the subscriber to drain", () -> stalled.poll() == 0 && stalled.poll() == 0, null);
                tape.play(rig.publisher, 5);
                Rig.await("the engine to take the trades", () -> rig.consumed() == tape.played(), null);
                Rig.await("the subscriber to drain", () -> stalled.poll() == 0 && stalled.poll() == 0, null);
            }
            assertThat(latestPerMarket(remote)).isEqualTo(latestPerMarket(rig.inProcess));
            final long published = rig.inProcess.signalCount();
            assertThat(stalled.signalsReceived() + stalled.signalsMissed()).isEqualTo(published);
            assertThat(stalled.signalsMissed()).isGreaterThanOrEqualTo(counters.signalsConflated.get());
            assertThat(remote.sequences).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aLateJoinerIsToldWhatItMissedAndAPublisherRestartIsANewSession()
    {
        final Events events = new Events();
        final Rig.Recorder remote = new Rig.Recorder();
        try (AeronLink driver = AeronLink.open(null, false, null, null))
        {
            final FanoutSettings settings = FanoutSettings.builder("aeron:ipc")
                .aeronDir(Path.of(driver.aeronDirectoryName())).build();
            final List<List<Object>> expected = new ArrayList<>();
            final int firstSession;
            RemoteSignals client = null;
            try (Rig first = new Rig(settings, null))
            {
                firstSession = first.fanout.sessionId();
                final Tape tape = new Tape(first.ids);
                tape.play(first.publisher, 200);
                Rig.await("the engine to take the trades", () -> first.consumed() == tape.played(), null);
                assertThat(first.fanout.counters().signalsNotConnected.get()).isEqualTo(200);

                client = RemoteSignals.builder(driver.aeron(), settings.channel(), settings.streamId())
                    .listener(remote).events(events).build();
                final RemoteSignals joined = client;
                Rig.await("the late joiner to connect", () -> joined.isConnected() && first.fanout.isConnected(), null);
                tape.play(first.publisher, 200);
                Rig.await("the late joiner to get the new signals", () -> remote.signalCount() == 200, joined::poll);
                expected.addAll(first.inProcess.signals().subList(200, 400));
                assertThat(events.seen).containsExactly("join " + firstSession + " late");
                assertThat(client.signalsMissed()).isEqualTo(200);
                assertThat(client.lateJoins()).isEqualTo(1);
            }
            try (Rig second = new Rig(settings, null))
            {
                final RemoteSignals restarted = client;
                assertThat(second.fanout.sessionId()).isNotEqualTo(firstSession);
                Rig.await("the new publisher to connect", () -> second.fanout.isConnected(), restarted::poll);
                final Tape tape = new Tape(second.ids);
                tape.play(second.publisher, 300);
                Rig.await("the signals of the restarted publisher", () -> remote.signalCount() == 500, restarted::poll);
                expected.addAll(second.inProcess.signals());
                assertThat(events.seen).containsExactly("join " + firstSession + " late",
                    "restart " + firstSession + " -> " + second.fanout.sessionId());
                assertThat(restarted.restarts()).isEqualTo(1);
                assertThat(restarted.signalsMissed()).as("nothing missed after the restart").isEqualTo(200);
                assertThat(remote.signals()).isEqualTo(expected);
            }
            finally
            {
                CloseHelper.close(client);
            }
        }
    }

    @Test
    void aSubscriberStartingFromTheArchiveSwitchesToLiveWithNoGapAndNoDuplicate()
    {
        final FanoutSettings settings = FanoutSettings.builder("aeron:ipc").archiveEnabled(true).build();
        final Events events = new Events();
        final Rig.Recorder remote = new Rig.Recorder();
        try (Rig rig = new Rig(settings, null))
        {
            assertThat(rig.fanout.recordingId()).isNotNegative();
            final Tape tape = new Tape(rig.ids);
            rig.playRecorded(tape, 3_000);
            try (AeronArchive archive = rig.fanout.link().connectArchive(null, null);
                RemoteSignals client = RemoteSignals.builder(rig.fanout.link().aeron(), settings.channel(),
                    settings.streamId()).listener(remote).events(events)
                    .fromArchive(archive, Long.MIN_VALUE, "aeron:ipc", settings.replayStreamId()).build())
            {
                // the engine keeps publishing while the subscriber catches up and switches
                int batchesAfterLive = 0;
                while (batchesAfterLive < 20 && tape.played() < 20_000)
                {
                    rig.playRecorded(tape, 20);
                    // a subscriber drains what has arrived, as a strategy's poll loop would
                    while (client.poll() > 0)
                    {
                        Thread.onSpinWait();
                    }
                    if (client.isLive())
                    {
                        batchesAfterLive++;
                    }
                }
                Rig.await(() -> "the subscriber to get every signal: " + client, () -> remote.signalCount() >=
                    rig.inProcess.signalCount(), client::poll);
                assertThat(client.isLive()).isTrue();
                assertThat(events.seen).containsExactly("join " + rig.fanout.sessionId(), "live");
                assertThat(client.signalsMissed()).isZero();
                assertThat(rig.fanout.counters().signalsConflated.get()).isZero();
                assertThat(remote.sequences).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, rig.inProcess.signalCount()).boxed().toList());
                assertThat(remote.signals()).isEqualTo(rig.inProcess.signals());
                assertThat(remote.changes()).isEqualTo(rig.inProcess.changes());
            }

            // --from T: the same recording, only signals stamped at or after T
            final long fromNs = Tape.START_NS + 2_000 * 10_000_000L;
            final Rig.Recorder fromT = new Rig.Recorder();
            try (AeronArchive archive = rig.fanout.link().connectArchive(null, null);
                RemoteSignals client = RemoteSignals.builder(rig.fanout.link().aeron(), settings.channel(),
                    settings.streamId()).listener(fromT)
                    .fromArchive(archive, fromNs, "aeron:ipc", settings.replayStreamId()).build())
            {
                final List<List<Object>> expected = rig.inProcess.signals().stream()
                    .filter(signal -> (Long)signal.get(2) >= fromNs).toList();
                Rig.await("the signals from T", () -> fromT.signalCount() == expected.size(), client::poll);
                Rig.await("the switch to live", client::isLive, client::poll);
                assertThat(fromT.signals()).isEqualTo(expected);
                assertThat(expected.size()).isLessThan(rig.inProcess.signalCount() - 1_000);
            }
        }
    }

    @Test
    void aStrategyThatSavedItsPositionResumesFromTheArchiveWithNothingTwiceAndNothingSkipped()
    {
        final FanoutSettings settings = FanoutSettings.builder("aeron:ipc").archiveEnabled(true).build();
        final int stopAfter = 1_234;
        try (Rig rig = new Rig(settings, null))
        {
            final Tape tape = new Tape(rig.ids);
            rig.playRecorded(tape, 3_000);
            assertThat(rig.inProcess.signalCount()).isGreaterThan(stopAfter);

            // a strategy reads from the start of the recording and saves where it is after its 1,234th signal
            final long[] saved = {Long.MIN_VALUE};
            final RemoteSignals[] first = new RemoteSignals[1];
            final Rig.Recorder before = new Rig.Recorder();
            final SignalListener stopping = new SignalListener()
            {
                @Override
                public void onSignal(final SignalView signal)
                {
                    if (before.signalCount() < stopAfter)
                    {
                        before.onSignal(signal);
                        if (before.signalCount() == stopAfter)
                        {
                            saved[0] = first[0].position();
                        }
                    }
                }

                @Override
                public void onRegimeChange(final RegimeChange change, final SignalView signal)
                {
                    if (before.signalCount() < stopAfter)
                    {
                        before.onRegimeChange(change, signal);
                    }
                }
            };
            try (AeronArchive archive = rig.fanout.link().connectArchive(null, null))
            {
                first[0] = RemoteSignals.builder(rig.fanout.link().aeron(), settings.channel(), settings.streamId())
                    .listener(stopping).fromArchive(archive, Long.MIN_VALUE, "aeron:ipc", settings.replayStreamId())
                    .build();
                Rig.await("the first 1,234 signals", () -> saved[0] != Long.MIN_VALUE, first[0]::poll);
                assertThat(first[0].positionSessionId()).isEqualTo(rig.fanout.sessionId());
                first[0].close();
            }

            // it is down while the engine publishes more, then starts again from the saved position
            rig.playRecorded(tape, 2_000);
            assertThat(rig.fanout.counters().signalsConflated.get()).as("the publisher kept up").isZero();
            final Events events = new Events();
            final Rig.Recorder after = new Rig.Recorder();
            try (AeronArchive archive = rig.fanout.link().connectArchive(null, null);
                RemoteSignals resumed = RemoteSignals.builder(rig.fanout.link().aeron(), settings.channel(),
                    settings.streamId()).listener(after).events(events)
                    .fromArchivePosition(archive, saved[0], "aeron:ipc", settings.replayStreamId()).build())
            {
                final int total = rig.inProcess.signalCount();
                Rig.await(() -> "the signals after the saved position: " + after.signalCount() + " of " +
                    (total - stopAfter) + ", " + resumed,
                    () -> after.signalCount() == total - stopAfter && resumed.isLive(),
                    resumed::poll);
                final List<List<Object>> all = rig.inProcess.signals();
                assertThat(before.signals()).isEqualTo(all.subList(0, stopAfter));
                assertThat(after.signals()).isEqualTo(all.subList(stopAfter, total));
                assertThat(after.sequences).containsExactlyElementsOf(
                    LongStream.rangeClosed(stopAfter + 1, total).boxed().toList());
                assertThat(resumed.signalsMissed()).as("what came before the position was seen, not missed").isZero();
                assertThat(events.seen).containsExactly("join " + rig.fanout.sessionId(), "live");
            }

            // a position that is not a message boundary of the recording is refused: off the frame alignment, inside
            // a message (32 bytes into one of over 100), or past what the recording holds
            for (final long wrong : new long[] {saved[0] + 8, saved[0] + 32, saved[0] + (1L << 40)})
            {
                try (AeronArchive archive = rig.fanout.link().connectArchive(null, null))
                {
                    assertThatThrownBy(() -> RemoteSignals.builder(
                        rig.fanout.link().aeron(), settings.channel(), settings.streamId()).listener(after)
                        .fromArchivePosition(archive, wrong, "aeron:ipc", settings.replayStreamId()).build())
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a message boundary");
                }
            }
        }
    }

    private static boolean sameLatestPerMarket(final Rig.Recorder a, final Rig.Recorder b)
    {
        return latestPerMarket(a).equals(latestPerMarket(b));
    }

    private static Map<Object, List<Object>> latestPerMarket(final Rig.Recorder recorder)
    {
        final Map<Object, List<Object>> latest = new HashMap<>();
        for (final List<Object> signal : recorder.signals())
        {
            latest.put(signal.get(0), signal);
        }
        return latest;
    }
}
