package io.takerflow.fanout;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ArchiveException;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import io.aeron.protocol.DataHeaderFlyweight;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.fanout.sbe.FeedStatusDecoder;
import io.takerflow.fanout.sbe.MessageHeaderDecoder;
import io.takerflow.fanout.sbe.SignalDecoder;
import io.takerflow.fanout.sbe.TradeDecoder;

/**
 * Signals from another machine through the same {@link SignalListener} a strategy uses in-process: moving a strategy
 * from {@code engine.signals().addListener(strategy)} to {@code RemoteSignals.builder(aeron, channel, stream)
 * .listener(strategy).build()} is the one line that changes. Callbacks run on the thread that calls {@link #poll()}
 * (or {@link #doWork()} when run by an Agrona {@code AgentRunner}), with a {@link RemoteSignalView} over the received
 * bytes: nothing is copied or allocated per message.
 * <p>
 * What a subscriber sees:
 * <ul>
 * <li>Every signal, in order per market, as long as it keeps up. When it is slow the publisher conflates: the latest
 * values of each market arrive, the skipped ones are counted here from the sequence numbers
 * ({@link StreamEvents#onSignalsMissed}).</li>
 * <li>A publisher restart is a new Aeron session: {@link StreamEvents#onPublisherRestart}; sequences start again.</li>
 * <li>Joining a running stream is reported as a late join ({@link StreamEvents#onJoin}). To see what was published
 * before, start from the archive ({@link Builder#fromArchive}): the recording is replayed (following it while it
 * grows), and when the replay is close to the live stream the client joins live, keeps replaying until it has passed
 * the point where the live stream joined, then switches, dropping what the replay already delivered: no gap and no
 * duplicate at the switch ({@link StreamEvents#onLive}).</li>
 * </ul>
 */
public final class RemoteSignals implements Agent, AutoCloseable
{
    /** How close (bytes) a replay must be to the recording's live end before the client joins the live stream. */
    public static final long MERGE_WINDOW = 64 * 1024;
    private static final int FRAGMENT_LIMIT = 64;
    private static final int NO_SESSION = Integer.MIN_VALUE;
    private static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private enum Phase
    {
        REPLAY, JOINING, MERGING, LIVE, CLOSED
    }

    private final Aeron aeron;
    private final String channel;
    private final int streamId;
    private final SignalListener listener;
    private final InputListener inputs;
    private final StreamEvents events;
    private final long fromTimeNs;
    private final long fromPosition;
    private final AeronArchive archive;
    private final RemoteSignalView view = new RemoteSignalView();
    private final RegimeChange change = new RegimeChange();
    private final InputEvent input = new InputEvent();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final FeedStatusDecoder feedStatus = new FeedStatusDecoder();
    private final FragmentHandler liveHandler = this::onLiveFragment;
    private final FragmentHandler replayHandler = this::onReplayFragment;

    private Phase phase;
    private Subscription live;
    private Subscription replay;
    private long replaySessionId;
    private long recordingId = Aeron.NULL_VALUE;
    private int recordingSessionId = NO_SESSION;
    private boolean recordingActive;
    private long recordingStopPosition;
    private long replayedPosition;
    private long joinPosition;
    private long lastCheckNs;
    private int mergedSessionId = NO_SESSION;
    private long mergedPosition;

    private int sessionId = NO_SESSION;
    private int previousSessionId = NO_SESSION;
    private long lastSignalSequence;
    private long lastInputSequence;
    private boolean resumed;
    private long position = Aeron.NULL_VALUE;
    private int positionSessionId = NO_SESSION;

    private long signalsReceived;
    private long signalsMissed;
    private long inputsReceived;
    private long inputsMissed;
    private long restarts;
    private long lateJoins;
    private long duplicatesSkipped;
    private long malformed;

    private RemoteSignals(final Builder builder)
    {
        this.aeron = builder.aeron;
        this.channel = builder.channel;
        this.streamId = builder.streamId;
        this.listener = builder.listener;
        this.inputs = builder.inputs;
        this.events = builder.events;
        this.fromTimeNs = builder.fromTimeNs;
        this.fromPosition = builder.fromPosition;
        this.archive = builder.archive;
        if (archive == null)
        {
            live = aeron.addSubscription(channel, streamId);
            phase = Phase.LIVE;
        }
        else
        {
            startReplay(builder.replayChannel, builder.replayStreamId);
        }
    }

    /**
     * @param aeron    a connected Aeron client (of a driver on this machine).
     * @param channel  the publisher's channel, e.g. {@code aeron:udp?endpoint=10.0.0.5:40123} or {@code aeron:ipc}.
     * @param streamId the publisher's stream.
     * @return a builder.
     */
    public static Builder builder(final Aeron aeron, final String channel, final int streamId)
    {
        return new Builder(aeron, channel, streamId);
    }

    private void startReplay(final String replayChannel, final int replayStreamId)
    {
        final String fragment = channelFragment(channel);
        final long[] found = {Aeron.NULL_VALUE, 0, 0, 0};
        final int[] session = {NO_SESSION};
        archive.listRecordingsForUri(0, Integer.MAX_VALUE, fragment, streamId,
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
            originalChannel, sourceIdentity) ->
            {
                if (recordingId > found[0])
                {
                    found[0] = recordingId;
                    found[1] = startPosition;
                    found[2] = stopPosition;
                    session[0] = sessionId;
                }
            });
        if (found[0] == Aeron.NULL_VALUE)
        {
            throw new IllegalArgumentException("the archive has no recording of " + channel + " stream " + streamId);
        }
        recordingId = found[0];
        recordingSessionId = session[0];
        recordingActive = found[2] == AeronArchive.NULL_POSITION;
        recordingStopPosition = found[2];
        final long start = fromPosition == Aeron.NULL_VALUE ? found[1] : resumePosition(found[1]);
        resumed = start > found[1];
        replayedPosition = start;
        try
        {
            replaySessionId = archive.startReplay(recordingId, start,
                recordingActive ? AeronArchive.REPLAY_ALL_AND_FOLLOW : AeronArchive.REPLAY_ALL_AND_STOP,
                replayChannel, replayStreamId);
        }
        catch (final ArchiveException ex)
        {
            if (fromPosition == Aeron.NULL_VALUE)
            {
                throw ex;
            }
            // the archive checks that a frame starts there
            throw notABoundary(found[1], ex);
        }
        replay = aeron.addSubscription(ChannelUri.addSessionId(replayChannel, (int)replaySessionId), replayStreamId);
        phase = Phase.REPLAY;
    }

    /**
     * Checks a position to resume from against the recording: frame-aligned, between the recording's start and what
     * it holds now (the archive then checks that a frame starts there).
     */
    private long resumePosition(final long recordingStart)
    {
        final long recorded = recordingActive ? archive.getRecordingPosition(recordingId) : recordingStopPosition;
        if (fromPosition < recordingStart || fromPosition > recorded ||
            (fromPosition & (FrameDescriptor.FRAME_ALIGNMENT - 1)) != 0)
        {
            throw notABoundary(recordingStart, null);
        }
        return fromPosition;
    }

    private IllegalArgumentException notABoundary(final long recordingStart, final ArchiveException cause)
    {
        return new IllegalArgumentException("position " + fromPosition + " is not a message boundary in the " +
            "archive's latest recording of " + channel + " stream " + streamId + " (recording " + recordingId +
            " from " + recordingStart + "): resume from a position() this client reported for that publisher session",
            cause);
    }

    private static String channelFragment(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        if (uri.isIpc())
        {
            return "aeron:ipc";
        }
        final String endpoint = uri.get("endpoint");
        return endpoint != null ? "endpoint=" + endpoint : "control=" + uri.get("control");
    }

    /**
     * Delivers what has arrived, up to a batch, and moves a catch-up from the archive on.
     *
     * @return the number of fragments handled (0 when idle).
     */
    public int poll()
    {
        switch (phase)
        {
            case LIVE:
                return live.poll(liveHandler, FRAGMENT_LIMIT);
            case REPLAY:
                return pollReplay();
            case JOINING:
                return pollJoining();
            case MERGING:
                return pollMerging();
            default:
                return 0;
        }
    }

    private int pollReplay()
    {
        final int work = replay.poll(replayHandler, FRAGMENT_LIMIT);
        if (!recordingActive)
        {
            if (replayedPosition >= recordingStopPosition)
            {
                closeReplay();
                live = aeron.addSubscription(channel, streamId);
                goLive(replayedPosition);
            }
            return work;
        }
        final long now = System.nanoTime();
        if (work == 0 && now - lastCheckNs > CHECK_INTERVAL_NS)
        {
            lastCheckNs = now;
            if (checkRecordingStopped())
            {
                return work;
            }
            final long recorded = archive.getRecordingPosition(recordingId);
            if (recorded - replayedPosition <= MERGE_WINDOW)
            {
                live = aeron.addSubscription(channel, streamId);
                phase = Phase.JOINING;
            }
        }
        return work;
    }

    private int pollJoining()
    {
        final int work = replay.poll(replayHandler, FRAGMENT_LIMIT);
        final Image image = live.imageBySessionId(recordingSessionId);
        if (image != null)
        {
            joinPosition = image.joinPosition();
            phase = Phase.MERGING;
        }
        else
        {
            final long now = System.nanoTime();
            if (now - lastCheckNs > CHECK_INTERVAL_NS)
            {
                lastCheckNs = now;
                checkRecordingStopped();
            }
        }
        return work;
    }

    private int pollMerging()
    {
        if (replayedPosition < joinPosition)
        {
            return replay.poll(replayHandler, FRAGMENT_LIMIT);
        }
        closeReplay();
        mergedSessionId = recordingSessionId;
        mergedPosition = replayedPosition;
        goLive(replayedPosition);
        return 1;
    }

    private boolean checkRecordingStopped()
    {
        final long recorded = archive.getRecordingPosition(recordingId);
        if (recorded == AeronArchive.NULL_POSITION)
        {
            recordingActive = false;
            recordingStopPosition = archive.getStopPosition(recordingId);
            phase = Phase.REPLAY;
            return true;
        }
        return false;
    }

    private void goLive(final long position)
    {
        phase = Phase.LIVE;
        events.onLive(position);
    }

    private void closeReplay()
    {
        CloseHelper.quietClose(replay);
        replay = null;
        try
        {
            archive.stopReplay(replaySessionId);
        }
        catch (final RuntimeException ex)
        {
            // the replay has already ended (a stopped recording replayed to its end): nothing to stop
        }
    }

    @Override
    public int doWork()
    {
        return poll();
    }

    /**
     * @return where the client stands, for a log line or a test's failure message: its phase, the positions of the
     * catch-up and what it received and missed (read from this object only, no call to the archive).
     */
    @Override
    public String toString()
    {
        return "RemoteSignals{phase=" + phase + ", recording=" + recordingId + (recordingActive ? " active" : "") +
            ", replayed=" + replayedPosition + ", join=" + joinPosition + ", merged=" +
            mergedPosition + ", position=" + position + ", replayImage=" + (replay == null ? "none" :
            replay.imageCount() + " images" + (replay.imageCount() > 0 ? " at " + replay.imageAtIndex(0).position() +
            (replay.imageAtIndex(0).isClosed() ? " closed" : "") + (replay.imageAtIndex(0).isEndOfStream() ?
            " end" : "") : "")) + ", signals=" + signalsReceived() + ", missed=" + signalsMissed + ", lastSequence=" +
            lastSignalSequence + ", duplicatesSkipped=" + duplicatesSkipped + "}";
    }

    @Override
    public String roleName()
    {
        return "takerflow-remote-signals";
    }

    private void onLiveFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int session = header.sessionId();
        if (session == mergedSessionId && header.position() <= mergedPosition)
        {
            duplicatesSkipped++;
            return;
        }
        position = header.position();
        positionSessionId = session;
        onMessage(buffer, offset, length, session, header.position() - frameLength(length));
    }

    private void onReplayFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        replayedPosition = header.position();
        position = header.position();
        positionSessionId = recordingSessionId;
        onMessage(buffer, offset, length, recordingSessionId, header.position() - frameLength(length));
    }

    private static int frameLength(final int length)
    {
        return BitUtil.align(length + DataHeaderFlyweight.HEADER_LENGTH, FrameDescriptor.FRAME_ALIGNMENT);
    }

    private void onMessage(
        final DirectBuffer buffer, final int offset, final int length, final int session, final long startPosition)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            malformed++;
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != SignalDecoder.SCHEMA_ID ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength())
        {
            malformed++;
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (session != sessionId)
        {
            if (session == previousSessionId)
            {
                return;
            }
            onNewSession(session, startPosition, buffer.getLong(bodyOffset, ByteOrder.LITTLE_ENDIAN));
        }
        switch (header.templateId())
        {
            case SignalDecoder.TEMPLATE_ID:
                onSignal(buffer, bodyOffset, header.blockLength(), header.version());
                break;
            case TradeDecoder.TEMPLATE_ID:
                trade.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                inputSequence(trade.sequence());
                final Venue tradeVenue = FanoutCodes.VENUES.constant(trade.venue());
                final TakerSide side = FanoutCodes.SIDES.constant(trade.takerSide());
                if (tradeVenue == null || side == null)
                {
                    malformed++;
                }
                else if (trade.receiveTimeNs() >= fromTimeNs && inputs != null)
                {
                    input.trade()
                        .venue(tradeVenue)
                        .instrumentId(trade.instrumentId())
                        .exchangeTimeNs(trade.exchangeTimeNs())
                        .receiveTimeNs(trade.receiveTimeNs())
                        .priceMantissa(trade.priceMantissa())
                        .priceScale(trade.priceScale())
                        .quantityMantissa(trade.quantityMantissa())
                        .quantityScale(trade.quantityScale())
                        .takerSide(side)
                        .tradeId(trade.tradeId());
                    inputs.onInput(input);
                }
                break;
            case FeedStatusDecoder.TEMPLATE_ID:
                feedStatus.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                inputSequence(feedStatus.sequence());
                final Venue statusVenue = FanoutCodes.VENUES.constant(feedStatus.venue());
                final FeedState state = FanoutCodes.FEED_STATES.constant(feedStatus.feedState());
                if (statusVenue == null || state == null)
                {
                    malformed++;
                }
                else if (feedStatus.receiveTimeNs() >= fromTimeNs && inputs != null)
                {
                    input.feedStatus().venue(statusVenue).instrumentId(feedStatus.instrumentId()).feedState(state)
                        .missingCount(feedStatus.missingCount()).receiveTimeNs(feedStatus.receiveTimeNs());
                    inputs.onInput(input);
                }
                break;
            default:
                malformed++;
                break;
        }
    }

    private void onSignal(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final RemoteSignalView view = this.view.wrap(buffer, offset, blockLength, version);
        if (!view.codesKnown())
        {
            malformed++;
            return;
        }
        final long sequence = view.sequence();
        final long missed = resumed && lastSignalSequence == 0 ? 0 : sequence - lastSignalSequence - 1;
        lastSignalSequence = sequence;
        if (missed > 0)
        {
            signalsMissed += missed;
            events.onSignalsMissed(missed);
        }
        signalsReceived++;
        if (view.timeNs() < fromTimeNs)
        {
            return;
        }
        if (view.regimeChanged())
        {
            listener.onRegimeChange(
                change.set(view.previousRegime(), view.regime(), view.regimeReason(), view.changeTimeNs()), view);
        }
        listener.onSignal(view);
    }

    private void inputSequence(final long sequence)
    {
        final long missed = resumed && lastInputSequence == 0 ? 0 : sequence - lastInputSequence - 1;
        lastInputSequence = sequence;
        if (missed > 0)
        {
            inputsMissed += missed;
            events.onInputsMissed(missed);
        }
        inputsReceived++;
    }

    private void onNewSession(final int session, final long startPosition, final long firstSequence)
    {
        final int previous = sessionId;
        previousSessionId = previous;
        sessionId = session;
        lastSignalSequence = 0;
        lastInputSequence = 0;
        if (previous == NO_SESSION)
        {
            final boolean late = !resumed && (startPosition > 0 || firstSequence > 1);
            if (late)
            {
                lateJoins++;
            }
            events.onJoin(session, late);
        }
        else
        {
            restarts++;
            resumed = false;
            events.onPublisherRestart(previous, session);
        }
    }

    /**
     * @return whether messages now come from the live stream (not, or no longer, from the archive).
     */
    public boolean isLive()
    {
        return phase == Phase.LIVE;
    }

    /**
     * @return whether the live stream has a publisher connected.
     */
    public boolean isConnected()
    {
        return live != null && live.isConnected();
    }

    /**
     * @return the current publisher session, or {@link Integer#MIN_VALUE} before the first message.
     */
    public int sessionId()
    {
        return sessionId;
    }

    /**
     * Where this client is in the stream: the position after the last message it handled (inside a listener
     * callback, after the message being delivered), of the publisher session {@link #positionSessionId()}. A
     * strategy that saves it with its own state can start again from there with {@link Builder#fromArchivePosition}:
     * no message it handled is delivered twice, none after it is skipped.
     *
     * @return the stream position after the last message handled, or {@link Aeron#NULL_VALUE} before the first.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return the publisher session {@link #position()} belongs to, or {@link Integer#MIN_VALUE} before the first
     * message.
     */
    public int positionSessionId()
    {
        return positionSessionId;
    }

    /**
     * @return signals received (including those before a {@code --from} time, which are not delivered).
     */
    public long signalsReceived()
    {
        return signalsReceived;
    }

    /**
     * @return signals not seen: conflated or dropped by the publisher, or published before this subscriber joined.
     */
    public long signalsMissed()
    {
        return signalsMissed;
    }

    /**
     * @return trades and feed statuses received.
     */
    public long inputsReceived()
    {
        return inputsReceived;
    }

    /**
     * @return trades and feed statuses not seen: dropped by the publisher or published before this subscriber joined.
     */
    public long inputsMissed()
    {
        return inputsMissed;
    }

    /**
     * @return publisher restarts seen (new sessions after the first).
     */
    public long restarts()
    {
        return restarts;
    }

    /**
     * @return joins to a stream that had published before (0 or 1).
     */
    public long lateJoins()
    {
        return lateJoins;
    }

    /**
     * @return live messages dropped at the switch from the archive because the replay had delivered them.
     */
    public long duplicatesSkipped()
    {
        return duplicatesSkipped;
    }

    /**
     * @return messages that were not Takerflow fanout messages (wrong schema, too short, unknown template).
     */
    public long malformed()
    {
        return malformed;
    }

    /**
     * Stops a replay in progress and closes the subscriptions (not the Aeron client nor the archive client).
     */
    @Override
    public void close()
    {
        if (phase == Phase.CLOSED)
        {
            return;
        }
        if (replay != null)
        {
            closeReplay();
        }
        CloseHelper.quietClose(live);
        phase = Phase.CLOSED;
    }

    @Override
    public void onClose()
    {
        close();
    }

    /**
     * What to deliver, where to, and where to start.
     */
    public static final class Builder
    {
        private final Aeron aeron;
        private final String channel;
        private final int streamId;
        private SignalListener listener;
        private InputListener inputs;
        private StreamEvents events = new StreamEvents()
        {
        };
        private long fromTimeNs = Long.MIN_VALUE;
        private long fromPosition = Aeron.NULL_VALUE;
        private AeronArchive archive;
        private String replayChannel = "aeron:ipc";
        private int replayStreamId = FanoutSettings.DEFAULT_REPLAY_STREAM_ID;

        private Builder(final Aeron aeron, final String channel, final int streamId)
        {
            this.aeron = aeron;
            this.channel = channel;
            this.streamId = streamId;
        }

        /**
         * @param listener the strategy; called on the polling thread.
         * @return this.
         */
        public Builder listener(final SignalListener listener)
        {
            this.listener = listener;
            return this;
        }

        /**
         * @param inputs receives trades and feed statuses when the publisher sends them.
         * @return this.
         */
        public Builder inputs(final InputListener inputs)
        {
            this.inputs = inputs;
            return this;
        }

        /**
         * @param events told about joins, restarts, gaps and the switch to live.
         * @return this.
         */
        public Builder events(final StreamEvents events)
        {
            this.events = events;
            return this;
        }

        /**
         * Starts from the archive's latest recording of the stream instead of the live stream, and switches to live
         * without a gap or a duplicate once caught up.
         *
         * @param archive        a connected archive client.
         * @param fromTimeNs     deliver messages stamped at or after this time (epoch ns); {@link Long#MIN_VALUE}
         *                       for the whole recording.
         * @param replayChannel  where the archive sends the replay ({@code aeron:ipc} on the archive's machine).
         * @param replayStreamId the replay's stream id.
         * @return this.
         */
        public Builder fromArchive(final AeronArchive archive, final long fromTimeNs, final String replayChannel,
            final int replayStreamId)
        {
            this.archive = archive;
            this.fromTimeNs = fromTimeNs;
            this.fromPosition = Aeron.NULL_VALUE;
            this.replayChannel = replayChannel;
            this.replayStreamId = replayStreamId;
            return this;
        }

        /**
         * Starts from a position in the archive's latest recording of the stream (one this client's
         * {@link RemoteSignals#position()} reported for that recording's publisher session, so a restarted strategy
         * resumes where it stopped), and switches to live without a gap or a duplicate once caught up. What came
         * before the position is not counted as missed.
         *
         * @param archive        a connected archive client.
         * @param position       the stream position to resume from: a message boundary.
         * @param replayChannel  where the archive sends the replay.
         * @param replayStreamId the replay's stream id.
         * @return this.
         * @throws IllegalArgumentException from {@link #build()} if the position is not a message boundary inside the
         *                                  latest recording.
         */
        public Builder fromArchivePosition(final AeronArchive archive, final long position,
            final String replayChannel, final int replayStreamId)
        {
            this.archive = archive;
            this.fromTimeNs = Long.MIN_VALUE;
            this.fromPosition = position;
            this.replayChannel = replayChannel;
            this.replayStreamId = replayStreamId;
            return this;
        }

        /**
         * @return the client, subscribed (and replaying, when started from the archive).
         * @throws IllegalArgumentException when the archive has no recording of the stream.
         */
        public RemoteSignals build()
        {
            if (listener == null)
            {
                throw new IllegalArgumentException("a SignalListener is required");
            }
            return new RemoteSignals(this);
        }
    }
}
