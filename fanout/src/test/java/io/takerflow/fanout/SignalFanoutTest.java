package io.takerflow.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.SignalFlags;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.journal.JournalReader;
import io.takerflow.journal.RegimeChangeRecord;
import io.takerflow.engine.signal.SignalSnapshot;

/**
 * The engine's signals over real Aeron (embedded media drivers in temporary directories, on {@code aeron:ipc} and
 * on UDP over 127.0.0.1) arrive at the remote client field for field as the journal recorded them.
 */
final class SignalFanoutTest
{
    private static final int TRADES = 4_000;
    private static final int BATCH = 50;

    @TempDir
    Path dir;

    @Test
    void everySignalArrivesFieldForFieldOverIpc() throws Exception
    {
        final FanoutSettings settings = FanoutSettings.builder("aeron:ipc").publishTrades(true).build();
        try (Rig rig = new Rig(settings, dir.resolve("journal")))
        {
            runAndCompare(rig, rig.fanout.link());
        }
        compareWithJournal();
    }

    @Test
    void everySignalArrivesFieldForFieldOverUdpLoopback() throws Exception
    {
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        final FanoutSettings settings = FanoutSettings.builder(channel).publishTrades(true).build();
        try (Rig rig = new Rig(settings, dir.resolve("journal"));
            AeronLink otherMachine = AeronLink.open(null, false, null, null))
        {
            runAndCompare(rig, otherMachine);
        }
        compareWithJournal();
    }

    @Test
    void theEmbeddedDriverAndArchiveDirectoriesAreDeletedOnClose()
    {
        final Path driverDir;
        final Path archiveDir;
        try (AeronLink link = AeronLink.open(null, true, null, null))
        {
            driverDir = Path.of(link.aeronDirectoryName());
            archiveDir = link.archiveDirectory();
            assertThat(driverDir).isDirectory();
            assertThat(archiveDir).isDirectory();
        }
        assertThat(driverDir).doesNotExist();
        assertThat(archiveDir).doesNotExist();

        final Path kept = dir.resolve("recordings");
        try (AeronLink link = AeronLink.open(null, true, kept, null))
        {
            assertThat(link.archiveDirectory()).isEqualTo(kept);
        }
        assertThat(kept).as("a configured archive.dir is kept").isDirectory();
    }

    private final Rig.Recorder remote = new Rig.Recorder();
    private final List<InputEvent> inputs = new ArrayList<>();
    private List<List<Object>> inProcessSignals;

    private void runAndCompare(final Rig rig, final AeronLink subscriberSide)
    {
        try (RemoteSignals client = RemoteSignals.builder(
            subscriberSide.aeron(), rig.fanout.settings().channel(), rig.fanout.settings().streamId())
            .listener(remote)
            .inputs(event -> inputs.add(new InputEvent().copyFrom(event)))
            .build())
        {
            Rig.await("the subscriber to connect", () -> client.isConnected() && rig.fanout.isConnected(),
                client::poll);
            final Tape tape = new Tape(rig.ids);
            while (tape.played() < TRADES)
            {
                tape.play(rig.publisher, BATCH);
                Rig.await("the engine to take the batch", () -> rig.consumed() == tape.played(), null);
                Rig.await(() -> "the subscriber to catch up: received " + remote.signalCount() + " of " +
                    rig.signalsSent() + " signals sent, " + inputs.size() + " of " + tape.played() + " inputs, " +
                    "not connected " + rig.fanout.counters().signalsNotConnected.get() + ", back-pressured " +
                    rig.fanout.counters().backPressured.get() + ", inputs sent " + rig.fanout.counters()
                        .inputsSent.get() +
                    ", failures " + rig.fanout.counters().failures.get() + ", malformed " + client.malformed(), () ->
                        remote.signalCount() == rig.signalsSent() &&
                    inputs.size() == tape.played(), client::poll);
            }
            // a feed going stale: an input of its own, and a DEGRADED signal for the market that needs it
            final long staleAt = Tape.START_NS + TRADES * 10_000_000L;
            rig.publisher.publish(new io.takerflow.engine.input.InputEvent().feedStatus().venue(Venue.COINBASE)
                .instrumentId(InputEvent.ALL_INSTRUMENTS).feedState(FeedState.STALE).missingCount(0)
                .receiveTimeNs(staleAt));
            Rig.await("the feed status to arrive", () -> inputs.size() == TRADES + 1 &&
                remote.signalCount() == rig.signalsSent(), client::poll);
            final InputEvent status = inputs.get(TRADES);
            assertThat(status.type()).isEqualTo(EventType.FEED_STATUS);
            assertThat(status.venue()).isEqualTo(Venue.COINBASE);
            assertThat(status.instrumentId()).isEqualTo(InputEvent.ALL_INSTRUMENTS);
            assertThat(status.feedState()).isEqualTo(FeedState.STALE);
            assertThat(status.receiveTimeNs()).isEqualTo(staleAt);
            assertThat(client.signalsMissed()).isZero();
            assertThat(client.inputsMissed()).isZero();
            assertThat(client.malformed()).isZero();
            assertThat(client.lateJoins()).isZero();
        }
        assertThat(rig.fanout.counters().signalsConflated.get()).isZero();
        inProcessSignals = rig.inProcess.signals();
        assertThat(remote.signals()).isEqualTo(inProcessSignals);
        assertThat(remote.changes()).isEqualTo(rig.inProcess.changes());
        assertThat(inputs).hasSize(TRADES + 1);
        for (int i = 0; i < TRADES; i++)
        {
            assertThat(inputs.get(i).type()).isEqualTo(EventType.TRADE);
            assertThat(inputs.get(i).tradeId()).isEqualTo(i);
        }
    }

    private void compareWithJournal()
    {
        final List<List<Object>> journaled = new ArrayList<>();
        final List<List<Object>> journaledChanges = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir.resolve("journal")))
        {
            final JournalReader.SignalSink sink = new JournalReader.SignalSink()
            {
                @Override
                public void onSignal(final SignalSnapshot s)
                {
                    journaled.add(Rig.fields(s));
                }

                @Override
                public void onRegimeChange(final RegimeChangeRecord change)
                {
                    journaledChanges.add(List.of(change.timeNs(), change.market(), change.from(), change.to(),
                        change.reason()));
                }
            };
            while (reader.nextSignal(sink) != JournalReader.END)
            {
                // read every record
            }
        }
        assertThat(journaled).as("one signal per trade, one for the stale feed").hasSize(TRADES + 1);
        assertThat((Integer)journaled.get(TRADES).get(15) & SignalFlags.DEGRADED).isNotZero();
        assertThat(journaledChanges).as("the tape drives regime changes").hasSizeGreaterThan(1);
        assertThat(remote.signals()).isEqualTo(journaled);
        assertThat(remote.changes()).isEqualTo(journaledChanges);
    }

    static int freeUdpPort() throws IOException
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
