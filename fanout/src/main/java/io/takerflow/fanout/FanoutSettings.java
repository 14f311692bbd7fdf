package io.takerflow.fanout;

import java.nio.file.Path;

import io.aeron.ChannelUri;

/**
 * Where the signals go and how: the Aeron channel and stream, whether trades go too, which media driver and whether an
 * Aeron Archive records the stream. Validated by {@link Builder#build()} with messages that name the setting.
 * <table>
 * <caption>Settings</caption>
 * <tr><td>{@code aeron.dir}</td><td>an external media driver's directory; unset: an embedded driver in a temporary
 * directory, deleted on close</td></tr>
 * <tr><td>{@code publish.channel}</td><td>{@code aeron:ipc} (same machine) or {@code
 * aeron:udp?endpoint=host:port}</td></tr>
 * <tr><td>{@code publish.streamId}</td><td>the stream id, default {@value #DEFAULT_STREAM_ID}</td></tr>
 * <tr><td>{@code publish.trades}</td><td>also publish every input trade and feed status, default false</td></tr>
 * <tr><td>{@code archive.enabled}</td><td>record the stream in an embedded Aeron Archive, default false</td></tr>
 * <tr><td>{@code archive.dir}</td><td>where recordings are kept; unset: a temporary directory deleted on
 * close</td></tr>
 * <tr><td>{@code archive.controlChannel}</td><td>UDP endpoint other machines send archive requests to, e.g.
 * {@code aeron:udp?endpoint=10.0.0.5:8010}; unset: only clients of the same media driver (IPC)</td></tr>
 * <tr><td>{@code archive.replayChannel}</td><td>(subscriber) where the archive sends a replay, default {@code
 * aeron:ipc}; from another machine {@code aeron:udp?endpoint=my-host:0}</td></tr>
 * </table>
 */
public final class FanoutSettings
{
    /** Default stream id of the signal stream. */
    public static final int DEFAULT_STREAM_ID = 1001;
    /** Default stream id replays are sent on. */
    public static final int DEFAULT_REPLAY_STREAM_ID = 1002;
    /** Control stream of an archive reached over IPC (Aeron's default local control stream). */
    public static final int ARCHIVE_LOCAL_CONTROL_STREAM_ID = 10;
    /** Control stream of an archive reached over UDP (Aeron's default control stream). */
    public static final int ARCHIVE_CONTROL_STREAM_ID = 10;

    private final Path aeronDir;
    private final String channel;
    private final int streamId;
    private final boolean publishTrades;
    private final boolean archiveEnabled;
    private final Path archiveDir;
    private final String archiveControlChannel;
    private final String replayChannel;
    private final int replayStreamId;

    private FanoutSettings(final Builder builder)
    {
        this.aeronDir = builder.aeronDir;
        this.channel = builder.channel;
        this.streamId = builder.streamId;
        this.publishTrades = builder.publishTrades;
        this.archiveEnabled = builder.archiveEnabled;
        this.archiveDir = builder.archiveDir;
        this.archiveControlChannel = builder.archiveControlChannel;
        this.replayChannel = builder.replayChannel;
        this.replayStreamId = builder.replayStreamId;
    }

    /**
     * @param channel the Aeron channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=10.0.0.5:40123}.
     * @return a builder with the defaults above.
     */
    public static Builder builder(final String channel)
    {
        return new Builder(channel);
    }

    /**
     * @return the external media driver's directory, or null for an embedded driver.
     */
    public Path aeronDir()
    {
        return aeronDir;
    }

    /**
     * @return the Aeron channel signals are published on.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * @return the stream id within the channel.
     */
    public int streamId()
    {
        return streamId;
    }

    /**
     * @return whether input trades and feed statuses are published beside the signals.
     */
    public boolean publishTrades()
    {
        return publishTrades;
    }

    /**
     * @return whether an embedded archive records the stream (publisher side).
     */
    public boolean archiveEnabled()
    {
        return archiveEnabled;
    }

    /**
     * @return where recordings are kept, or null for a temporary directory deleted on close.
     */
    public Path archiveDir()
    {
        return archiveDir;
    }

    /**
     * @return the archive's UDP control endpoint, or null when it is reached over IPC only.
     */
    public String archiveControlChannel()
    {
        return archiveControlChannel;
    }

    /**
     * @return where a subscriber asks the archive to send a replay.
     */
    public String replayChannel()
    {
        return replayChannel;
    }

    /**
     * @return the stream id replays are sent on (differs from the live stream's).
     */
    public int replayStreamId()
    {
        return replayStreamId;
    }

    @Override
    public String toString()
    {
        return "publish.channel=" + channel + " publish.streamId=" + streamId + " publish.trades=" + publishTrades +
            " aeron.dir=" + (aeronDir == null ? "(embedded)" : aeronDir) + " archive.enabled=" + archiveEnabled;
    }

    /**
     * Collects the settings.
     */
    public static final class Builder
    {
        private final String channel;
        private Path aeronDir;
        private int streamId = DEFAULT_STREAM_ID;
        private boolean publishTrades;
        private boolean archiveEnabled;
        private Path archiveDir;
        private String archiveControlChannel;
        private String replayChannel = "aeron:ipc";
        private int replayStreamId = DEFAULT_REPLAY_STREAM_ID;

        private Builder(final String channel)
        {
            this.channel = channel;
        }

        /**
         * @param dir an external media driver's directory, or null for an embedded one.
         * @return this.
         */
        public Builder aeronDir(final Path dir)
        {
            this.aeronDir = dir;
            return this;
        }

        /**
         * @param streamId the stream id, non-zero.
         * @return this.
         */
        public Builder streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        /**
         * @param publishTrades also publish every input trade and feed status.
         * @return this.
         */
        public Builder publishTrades(final boolean publishTrades)
        {
            this.publishTrades = publishTrades;
            return this;
        }

        /**
         * @param enabled record the stream in an embedded Aeron Archive.
         * @return this.
         */
        public Builder archiveEnabled(final boolean enabled)
        {
            this.archiveEnabled = enabled;
            return this;
        }

        /**
         * @param dir where recordings are kept (and survive), or null for a temporary directory.
         * @return this.
         */
        public Builder archiveDir(final Path dir)
        {
            this.archiveDir = dir;
            return this;
        }

        /**
         * @param channel the archive's UDP control endpoint, or null for IPC only.
         * @return this.
         */
        public Builder archiveControlChannel(final String channel)
        {
            this.archiveControlChannel = channel;
            return this;
        }

        /**
         * @param channel where a subscriber asks the archive to send a replay.
         * @return this.
         */
        public Builder replayChannel(final String channel)
        {
            this.replayChannel = channel;
            return this;
        }

        /**
         * @param streamId the replay's stream id, different from the live one.
         * @return this.
         */
        public Builder replayStreamId(final int streamId)
        {
            this.replayStreamId = streamId;
            return this;
        }

        /**
         * @return the validated settings.
         * @throws IllegalArgumentException naming the first bad setting.
         */
        public FanoutSettings build()
        {
            requireChannel("publish.channel", channel);
            if (streamId == 0)
            {
                throw new IllegalArgumentException("publish.streamId must not be 0");
            }
            if (archiveControlChannel != null)
            {
                requireChannel("archive.controlChannel", archiveControlChannel);
                if (!archiveControlChannel.startsWith("aeron:udp"))
                {
                    throw new IllegalArgumentException(
                        "archive.controlChannel must be an aeron:udp channel, was '" + archiveControlChannel + "'");
                }
            }
            requireChannel("archive.replayChannel", replayChannel);
            if (replayStreamId == streamId || replayStreamId == 0)
            {
                throw new IllegalArgumentException("archive.replayStreamId must be non-zero and differ from " +
                    "publish.streamId (" + streamId + "), was " + replayStreamId);
            }
            return new FanoutSettings(this);
        }

        private static void requireChannel(final String key, final String value)
        {
            if (value == null || value.isBlank())
            {
                throw new IllegalArgumentException(key +
                    " must be set, e.g. aeron:ipc or aeron:udp?endpoint=host:port");
            }
            final ChannelUri uri;
            try
            {
                uri = ChannelUri.parse(value);
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException(key + ": '" + value + "' is not an Aeron channel: " +
                    ex.getMessage(), ex);
            }
            if (!uri.isIpc() && !uri.isUdp())
            {
                throw new IllegalArgumentException(key + ": '" + value + "' must be aeron:ipc or aeron:udp?...");
            }
            if (uri.isUdp() && uri.get("endpoint") == null && uri.get("control") == null)
            {
                throw new IllegalArgumentException(key + ": '" + value + "' needs endpoint=host:port (or control=)");
            }
        }
    }
}
