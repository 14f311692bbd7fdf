package io.takerflow.fanout;

import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.Publication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.takerflow.engine.TakerflowEngine;

/**
 * A running engine's signals on an Aeron stream: the media driver (embedded or external), the publication, the
 * archive recording when configured, and the publishers attached to the engine.
 * <pre>{@code
 * TradePublisher trades = new TradePublisher();                 // only if publish.trades
 * EngineConfig config = builder.parallelHandler(trades).build();
 * try (TakerflowEngine engine = TakerflowEngine.start(config);
 *      SignalFanout fanout = SignalFanout.start(settings, engine, trades)) { ... }
 * }</pre>
 */
public final class SignalFanout implements AutoCloseable
{
    private static final long RECORDING_START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final FanoutSettings settings;
    private final TakerflowEngine engine;
    private final AeronLink link;
    private final AeronArchive archive;
    private final Publication publication;
    private final SignalPublisher signals;
    private final FanoutCounters counters;
    private final long recordingId;
    private final TradePublisher trades;

    private SignalFanout(final FanoutSettings settings, final TakerflowEngine engine, final AeronLink link,
        final AeronArchive archive, final Publication publication, final SignalPublisher signals,
        final FanoutCounters counters, final long recordingId, final TradePublisher trades)
    {
        this.trades = trades;
        this.settings = settings;
        this.engine = engine;
        this.link = link;
        this.archive = archive;
        this.publication = publication;
        this.signals = signals;
        this.counters = counters;
        this.recordingId = recordingId;
    }

    /**
     * Opens the media driver (and archive), starts recording if configured, adds the publication and attaches the
     * publishers to the engine. Signals from now on are published.
     *
     * @param settings the fanout settings.
     * @param engine   a started engine.
     * @param trades   the trade publisher registered as a parallel handler, or null when trades are not published.
     * @return the running fanout; close it before the engine.
     * @throws IllegalArgumentException naming the setting that cannot be used.
     */
    public static SignalFanout start(final FanoutSettings settings, final TakerflowEngine engine,
        final TradePublisher trades)
    {
        if (settings.publishTrades() && trades == null)
        {
            throw new IllegalArgumentException("publish.trades is true but no TradePublisher runs on the engine's " +
                "ring");
        }
        final AeronLink link = AeronLink.open(
            settings.aeronDir(), settings.archiveEnabled(), settings.archiveDir(), settings.archiveControlChannel());
        AeronArchive archive = null;
        Publication publication = null;
        try
        {
            final Aeron aeron = link.aeron();
            if (settings.archiveEnabled())
            {
                archive = link.connectArchive(null, null);
                archive.startRecording(settings.channel(), settings.streamId(), SourceLocation.LOCAL);
            }
            publication = aeron.addPublication(settings.channel(), settings.streamId());
            long recordingId = Aeron.NULL_VALUE;
            if (archive != null)
            {
                recordingId = awaitRecording(aeron.countersReader(), publication.sessionId(), archive.archiveId());
            }
            final FanoutCounters counters = new FanoutCounters(engine.counters());
            final SignalPublisher signals = new SignalPublisher(publication, engine.config().markets(), counters);
            if (trades != null && settings.publishTrades())
            {
                trades.attach(publication, counters);
            }
            engine.signals().addListener(signals);
            return new SignalFanout(settings, engine, link, archive, publication, signals, counters, recordingId,
                settings.publishTrades() ? trades : null);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(publication, archive, link);
            throw ex;
        }
    }

    private static long awaitRecording(final CountersReader counters, final int sessionId, final long archiveId)
    {
        final long deadline = System.nanoTime() + RECORDING_START_TIMEOUT_NS;
        int counterId;
        while ((counterId = RecordingPos.findCounterIdBySession(counters, sessionId, archiveId)) == Aeron.NULL_VALUE)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("archive: the recording of " + ChannelUri.addSessionId(
                    "", sessionId) + " did not start within 10 s");
            }
            sleepMillis(1);
        }
        return RecordingPos.getRecordingId(counters, counterId);
    }

    static void sleepMillis(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * @return the settings it runs with.
     */
    public FanoutSettings settings()
    {
        return settings;
    }

    /**
     * @return what the publishers did with each message.
     */
    public FanoutCounters counters()
    {
        return counters;
    }

    /**
     * @return the media driver side, e.g. for its directory.
     */
    public AeronLink link()
    {
        return link;
    }

    /**
     * @return the publication's session id: a subscriber sees a new one when the publisher restarts.
     */
    public int sessionId()
    {
        return publication.sessionId();
    }

    /**
     * @return whether at least one subscriber (or the archive) is connected.
     */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /**
     * @return the recording id of this session's stream in the archive, or -1 when nothing is recorded.
     */
    public long recordingId()
    {
        return recordingId;
    }

    /**
     * @return the publication's position, bytes since the stream started.
     */
    public long position()
    {
        return publication.position();
    }

    /**
     * Detaches from the engine, stops the recording and closes the publication, the archive and the driver.
     */
    @Override
    public void close()
    {
        engine.signals().removeListener(signals);
        if (trades != null)
        {
            trades.attach(null, counters);
        }
        if (archive != null)
        {
            try
            {
                archive.stopRecording(settings.channel(), settings.streamId());
            }
            catch (final RuntimeException ex)
            {
                counters.failures.increment();
            }
        }
        CloseHelper.closeAll(publication, archive, link);
    }
}
