package io.takerflow.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.fanout.AeronLink;
import io.takerflow.fanout.FanoutSettings;
import io.takerflow.fanout.RemoteSignals;
import io.takerflow.fanout.StreamEvents;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Listen: a running engine's signals from an Aeron channel (another terminal, another machine), shown like the
 * demo's live view, optionally caught up from the publisher's Aeron Archive first.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = "Show the signals an engine publishes on an Aeron channel (takerflow live/demo --publish), " +
        "live or caught up from its archive first.")
final class ListenCommand implements Callable<Integer>
{
    private static final String POSITION = "position:";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--channel", paramLabel = "CHANNEL", required = true,
        description = "the publisher's channel, e.g. aeron:udp?endpoint=10.0.0.5:40123 or aeron:ipc")
    private String channel;

    @Option(names = "--stream", paramLabel = "ID", description =
        "the publisher's stream id (default: ${DEFAULT-VALUE})",
        defaultValue = "" + FanoutSettings.DEFAULT_STREAM_ID)
    private int streamId;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "use the media driver running in DIR (needed " +
        "for aeron:ipc and for the archive on the same machine; default: an embedded driver, deleted on exit)")
    private Path aeronDir;

    @Option(names = "--from", paramLabel = "T|start|position:P", description = "start from the archive's recording: " +
        "'start' for all of it, a time (2026-11-26T09:30:00Z) to show signals from then on, or position:P to resume " +
        "after the last message an earlier listen showed (its summary prints P); then switch to live")
    private String from;

    @Option(names = "--archive-control", paramLabel = "CHANNEL", description = "a remote archive's control channel " +
        "(its archive.controlChannel; default: the archive on --aeron-dir's driver)")
    private String archiveControl;

    @Option(names = "--archive-response", paramLabel = "CHANNEL", description = "with --archive-control: where the " +
        "archive answers, e.g. aeron:udp?endpoint=my-host:0")
    private String archiveResponse;

    @Option(names = "--replay-channel", paramLabel = "CHANNEL", description = "where the archive sends the replay " +
        "(default: aeron:ipc; from another machine aeron:udp?endpoint=my-host:0)", defaultValue = "aeron:ipc")
    private String replayChannel;

    @Option(names = "--seconds", paramLabel = "N", description = "stop after N seconds (default: until Ctrl-C)",
        defaultValue = "0")
    private int seconds;

    @Override
    public Integer call() throws Exception
    {
        if (seconds < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be >= 0");
        }
        final long fromPosition = from != null && from.startsWith(POSITION) ? parsePosition(from) : Aeron.NULL_VALUE;
        final long fromNs = from == null || fromPosition != Aeron.NULL_VALUE ? Long.MIN_VALUE : parseFrom(from);
        final FanoutSettings settings = FanoutSettings.builder(channel).streamId(streamId)
            .replayChannel(replayChannel).build();
        if (archiveControl != null && archiveResponse == null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--archive-control needs --archive-response");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final ListenView view = new ListenView(out);
        AeronArchive archive = null;
        RemoteSignals client = null;
        try (AeronLink link = AeronLink.open(aeronDir, false, null, null))
        {
            if (from != null)
            {
                archive = link.connectArchive(archiveControl, archiveResponse);
            }
            final RemoteSignals.Builder builder = RemoteSignals.builder(link.aeron(), settings.channel(),
                settings.streamId()).listener(view).events(view);
            if (archive != null && fromPosition != Aeron.NULL_VALUE)
            {
                builder.fromArchivePosition(archive, fromPosition, settings.replayChannel(),
                    settings.replayStreamId());
            }
            else if (archive != null)
            {
                builder.fromArchive(archive, fromNs, settings.replayChannel(), settings.replayStreamId());
            }
            client = builder.build();
            out.println("listening on " + channel + " stream " + streamId +
                (archive != null ? ", from the archive's recording" + (fromNs == Long.MIN_VALUE ? "" : " at " + from) +
                " then live" : ""));
            out.flush();
            run(client, view);
            out.println("summary: " + client.signalsReceived() + " signals received, " + client.signalsMissed() +
                " missed (conflated for a slow subscriber or before joining), " + client.restarts() +
                " publisher restarts, " + view.changes + " regime changes" + (client.position() == Aeron.NULL_VALUE ?
                "" : "; resume with --from " + POSITION + client.position()));
            if (link.errors() > 0)
            {
                out.println("aeron reported " + link.errors() + " error(s), the last: " + link.lastError());
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(client, archive);
        }
        out.flush();
        return 0;
    }

    private void run(final RemoteSignals client, final ListenView view) throws InterruptedException
    {
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            stop.countDown();
            try
            {
                stopped.await(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "takerflow-listen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        final IdleStrategy idle = AeronLink.idle();
        final long endNs = seconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long nextLineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try
        {
            while (stop.getCount() > 0 && System.nanoTime() < endNs)
            {
                idle.idle(client.poll());
                if (System.nanoTime() >= nextLineNs)
                {
                    view.print(client.isLive() ? (client.isConnected() ? "live" : "publisher silent") : "replaying");
                    nextLineNs += TimeUnit.SECONDS.toNanos(1);
                }
            }
        }
        finally
        {
            stopped.countDown();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // Ctrl-C: the hook is running and waits for the loop to end
            }
        }
    }

    private long parsePosition(final String text)
    {
        try
        {
            final long position = Long.parseLong(text.substring(POSITION.length()));
            if (position >= 0)
            {
                return position;
            }
        }
        catch (final NumberFormatException ex)
        {
            // named below
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--from position:P needs a stream position (a whole number >= 0), was '" + text + "'");
    }

    private long parseFrom(final String text)
    {
        if (text.equals("start"))
        {
            return Long.MIN_VALUE;
        }
        try
        {
            final Instant instant = Instant.parse(text);
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
        catch (final DateTimeParseException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--from must be 'start', a UTC time like 2026-11-26T09:30:00Z or position:P, was '" + text + "'");
        }
    }

    /**
     * The demo's live view, fed on the polling thread: the latest values per market, regime changes printed at once,
     * and what happens to the stream.
     */
    private static final class ListenView implements SignalListener, StreamEvents
    {
        private final PrintWriter out;
        private final List<SignalSnapshot> latest = new ArrayList<>();
        private long changes;

        ListenView(final PrintWriter out)
        {
            this.out = out;
        }

        @Override
        public void onSignal(final SignalView signal)
        {
            while (latest.size() <= signal.marketIndex())
            {
                latest.add(null);
            }
            SignalSnapshot snapshot = latest.get(signal.marketIndex());
            if (snapshot == null)
            {
                snapshot = new SignalSnapshot();
                latest.set(signal.marketIndex(), snapshot);
            }
            snapshot.copyFrom(signal);
        }

        @Override
        public void onRegimeChange(final RegimeChange change, final SignalView signal)
        {
            changes++;
            out.println(SignalLine.change(change, signal));
            out.flush();
        }

        @Override
        public void onJoin(final int sessionId, final boolean late)
        {
            out.println("joined publisher session " + sessionId + (late ? " late: earlier signals were not seen here " +
                "(use --from start with the publisher's archive)" : ""));
        }

        @Override
        public void onPublisherRestart(final int previousSessionId, final int sessionId)
        {
            out.println("the publisher restarted: session " + previousSessionId + " -> " + sessionId +
                "; values start afresh");
        }

        @Override
        public void onLive(final long position)
        {
            out.println("caught up with the archive: live from stream position " + position);
        }

        void print(final String health)
        {
            for (final SignalSnapshot snapshot : latest)
            {
                if (snapshot != null)
                {
                    out.println(SignalLine.status(snapshot, health));
                }
            }
            out.flush();
        }
    }
}
