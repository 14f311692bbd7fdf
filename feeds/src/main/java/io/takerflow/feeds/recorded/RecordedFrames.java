package io.takerflow.feeds.recorded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads recorded WebSocket traffic, one frame per line, in the formats found in the shared fixtures and in
 * plain captures: {@code <epoch seconds.fraction>: <json>} (cryptofeed), {@code <epoch ns> <json>}
 * (hftbacktest, gzip), a bare frame, or one JSON document pretty-printed over several lines (nautilus test data,
 * a saved REST reply). Lines the client sent ({@code wss://.. <- ..}) and connection headers
 * ({@code wss://.. <-> ..}) are skipped. Not a hot path: it allocates a String per line.
 */
public final class RecordedFrames
{
    private RecordedFrames()
    {
    }

    /**
     * Receives each frame of a recording.
     */
    @FunctionalInterface
    public interface FrameConsumer
    {
        /**
         * @param receiveTimeNs the recorded receive time in epoch ns, or 0 when the line has none.
         * @param frame         the frame text.
         * @param lineNumber    1-based line number, for messages.
         */
        void onFrame(long receiveTimeNs, String frame, long lineNumber);
    }

    /**
     * @param file a recording; {@code .gz} files are decompressed.
     * @param consumer receives every received frame in order.
     * @throws IOException if the file cannot be read.
     */
    public static void read(final Path file, final FrameConsumer consumer) throws IOException
    {
        try (InputStream raw = Files.newInputStream(file);
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw)
        {
            read(in, consumer);
        }
    }

    /**
     * @param in       a recording's bytes.
     * @param consumer receives every received frame in order.
     * @throws IOException if the stream cannot be read.
     */
    public static void read(final InputStream in, final FrameConsumer consumer) throws IOException
    {
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        long lineNumber = 0;
        long documentLine = 0;
        final StringBuilder document = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null)
        {
            lineNumber++;
            if (document.length() > 0 || (documentLine == 0 && opensDocument(line)))
            {
                documentLine = documentLine == 0 ? lineNumber : documentLine;
                document.append(line.strip()).append('\n');
                if (balanced(document))
                {
                    consumer.onFrame(0, document.toString().strip(), documentLine);
                    document.setLength(0);
                    documentLine = 0;
                }
                continue;
            }
            parseLine(line, lineNumber, consumer);
        }
        if (document.length() > 0)
        {
            consumer.onFrame(0, document.toString().strip(), documentLine);
        }
    }

    /**
     * A line that opens a JSON value it does not close (a pretty-printed document such as a saved REST reply or
     * nautilus' test data) starts a frame that runs over several lines.
     */
    private static boolean opensDocument(final String line)
    {
        final String trimmed = line.strip();
        return (trimmed.startsWith("{") || trimmed.startsWith("[")) && !balanced(trimmed);
    }

    private static boolean balanced(final CharSequence text)
    {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{' || c == '[')
            {
                depth++;
            }
            else if (c == '}' || c == ']')
            {
                depth--;
            }
        }
        return depth <= 0;
    }

    static void parseLine(final String line, final long lineNumber, final FrameConsumer consumer)
    {
        final String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("wss://") || trimmed.startsWith("ws://"))
        {
            return;
        }
        final char first = trimmed.charAt(0);
        if (first < '0' || first > '9')
        {
            consumer.onFrame(0, trimmed, lineNumber);
            return;
        }
        int end = 0;
        while (end < trimmed.length() && (Character.isDigit(trimmed.charAt(end)) || trimmed.charAt(end) == '.'))
        {
            end++;
        }
        if (end == trimmed.length())
        {
            consumer.onFrame(0, trimmed, lineNumber);
            return;
        }
        final String stamp = trimmed.substring(0, end);
        int frameStart = end;
        if (trimmed.charAt(frameStart) == ':')
        {
            frameStart++;
        }
        if (frameStart >= trimmed.length() || trimmed.charAt(frameStart) != ' ')
        {
            consumer.onFrame(0, trimmed, lineNumber);
            return;
        }
        consumer.onFrame(toEpochNanos(stamp), trimmed.substring(frameStart + 1), lineNumber);
    }

    private static long toEpochNanos(final String stamp)
    {
        try
        {
            final int point = stamp.indexOf('.');
            if (point >= 0)
            {
                final long seconds = Long.parseLong(stamp.substring(0, point));
                final String fraction = (stamp.substring(point + 1) + "000000000").substring(0, 9);
                return seconds * 1_000_000_000L + Long.parseLong(fraction);
            }
            final long value = Long.parseLong(stamp);
            if (stamp.length() >= 17)
            {
                return value;
            }
            if (stamp.length() >= 14)
            {
                return value * 1_000L;
            }
            if (stamp.length() >= 11)
            {
                return value * 1_000_000L;
            }
            return value * 1_000_000_000L;
        }
        catch (final NumberFormatException ex)
        {
            throw new UncheckedIOException(new IOException("bad receive time '" + stamp + "'"));
        }
    }
}
