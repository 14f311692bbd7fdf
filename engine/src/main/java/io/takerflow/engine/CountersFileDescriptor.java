package io.takerflow.engine;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The layout of a counters file ({@link EngineCounters#mapFile}, read by {@link EngineCounters#readFile} and
 * {@code takerflow stat} from another process), in the style of Aeron's {@code CncFileDescriptor}: a header with
 * each field at a named offset, then the Agrona counters metadata, then the counter values.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     magic (int, offset 0)                     |
 *  +---------------------------------------------------------------+
 *  |                metadata length (int, offset 4)                |
 *  +---------------------------------------------------------------+
 *  |                 values length (int, offset 8)                 |
 *  +---------------------------------------------------------------+
 *  |              padding to {@link #HEADER_LENGTH} (64)           |
 *  +---------------------------------------------------------------+
 *  |               counters metadata (metadata length)            ...
 *  +---------------------------------------------------------------+
 *  |                 counter values (values length)               ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The writer fills the lengths first and the magic last (an ordered write), so a reader that sees the magic sees
 * the lengths too. Ints in the machine's byte order: the file is shared between processes on one machine only.
 */
public final class CountersFileDescriptor
{
    /** First int of a counters file, so a reader can tell it opened the right thing: "NCFT". */
    public static final int MAGIC = 0x5446434E;
    /** Header: magic (int). */
    public static final int MAGIC_OFFSET = 0;
    /** Header: length of the counters metadata section (int). */
    public static final int METADATA_LENGTH_OFFSET = 4;
    /** Header: length of the counter values section (int). */
    public static final int VALUES_LENGTH_OFFSET = 8;
    /** Bytes of the header: a cache line, so the sections that follow stay aligned. */
    public static final int HEADER_LENGTH = 64;
    /** Where the counters metadata section starts. */
    public static final int METADATA_OFFSET = HEADER_LENGTH;

    private CountersFileDescriptor()
    {
    }

    /**
     * @param metaDataLength bytes of counters metadata.
     * @param valuesLength   bytes of counter values.
     * @return bytes of the whole file.
     */
    public static int fileLength(final int metaDataLength, final int valuesLength)
    {
        return HEADER_LENGTH + metaDataLength + valuesLength;
    }

    /**
     * Writes the section lengths, then the magic with an ordered write: call once the sections are ready.
     *
     * @param header         the file's header ({@link #HEADER_LENGTH} bytes or more).
     * @param metaDataLength bytes of counters metadata.
     * @param valuesLength   bytes of counter values.
     */
    public static void fillHeader(final UnsafeBuffer header, final int metaDataLength, final int valuesLength)
    {
        header.putInt(METADATA_LENGTH_OFFSET, metaDataLength);
        header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        header.putIntOrdered(MAGIC_OFFSET, MAGIC);
    }

    /**
     * @param header a file's first bytes.
     * @return true if they start a complete counters file header (magic written).
     */
    public static boolean isCountersFile(final UnsafeBuffer header)
    {
        return header.capacity() >= HEADER_LENGTH && header.getIntVolatile(MAGIC_OFFSET) == MAGIC;
    }

    /**
     * @param header a counters file's header.
     * @return the length of its metadata section.
     */
    public static int metaDataLength(final DirectBuffer header)
    {
        return header.getInt(METADATA_LENGTH_OFFSET);
    }

    /**
     * @param header a counters file's header.
     * @return the length of its values section.
     */
    public static int valuesLength(final DirectBuffer header)
    {
        return header.getInt(VALUES_LENGTH_OFFSET);
    }

    /**
     * @param file           the mapped file.
     * @param metaDataLength its metadata length.
     * @return a buffer over the metadata section.
     */
    public static UnsafeBuffer metaDataBuffer(final ByteBuffer file, final int metaDataLength)
    {
        return new UnsafeBuffer(file, METADATA_OFFSET, metaDataLength);
    }

    /**
     * @param file           the mapped file.
     * @param metaDataLength its metadata length.
     * @param valuesLength   its values length.
     * @return a buffer over the values section.
     */
    public static UnsafeBuffer valuesBuffer(final ByteBuffer file, final int metaDataLength, final int valuesLength)
    {
        return new UnsafeBuffer(file, METADATA_OFFSET + metaDataLength, valuesLength);
    }

    /**
     * @param file the mapped file.
     * @return a buffer over its header.
     */
    public static UnsafeBuffer headerBuffer(final ByteBuffer file)
    {
        return new UnsafeBuffer(file, 0, Math.min(HEADER_LENGTH, file.capacity()));
    }

    /**
     * @param header a counters file's header.
     * @param file   the file's size.
     * @return null if the sections it names fit in the file, else why not.
     */
    static String checkLengths(final DirectBuffer header, final long file)
    {
        final long metaData = metaDataLength(header);
        final long values = valuesLength(header);
        if (metaData < 0 || values < 0 || HEADER_LENGTH + metaData + values > file)
        {
            return "its header names " + metaData + " bytes of metadata and " + values + " of values, the file " +
                "holds " + file;
        }
        return null;
    }
}
