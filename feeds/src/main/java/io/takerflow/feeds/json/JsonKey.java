package io.takerflow.feeds.json;

import java.nio.charset.StandardCharsets;

/**
 * A key (or a short value such as a side label) that decoders look for, prepared once: its ASCII bytes and its first
 * eight bytes packed into a long, so {@link JsonCursor#stringEquals(JsonKey)} decides most keys with one length and
 * one long comparison against what the cursor packed while it scanned the string, instead of a byte loop per
 * candidate key.
 */
public final class JsonKey
{
    /** Bytes packed into {@link #head()}. */
    public static final int HEAD_BYTES = 8;

    private final byte[] bytes;
    private final long head;

    private JsonKey(final byte[] bytes)
    {
        this.bytes = bytes;
        this.head = head(bytes, 0, bytes.length);
    }

    /**
     * @param ascii the key, printable ASCII without quotes or escapes.
     * @return the prepared key.
     * @throws IllegalArgumentException if it is empty or holds a byte a key would have escaped.
     */
    public static JsonKey of(final String ascii)
    {
        final byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0)
        {
            throw new IllegalArgumentException("a JSON key to look for cannot be empty");
        }
        for (final byte b : bytes)
        {
            if (b < ' ' || b == '"' || b == '\\' || b > '~')
            {
                throw new IllegalArgumentException("not a plain ASCII key: " + ascii);
            }
        }
        return new JsonKey(bytes);
    }

    /**
     * @return its length in bytes.
     */
    public int length()
    {
        return bytes.length;
    }

    /**
     * @return its first {@link #HEAD_BYTES} bytes, the first in the lowest byte, zeros after a shorter key.
     */
    public long head()
    {
        return head;
    }

    /**
     * @param index from 0.
     * @return the byte there.
     */
    public byte byteAt(final int index)
    {
        return bytes[index];
    }

    /**
     * Packs up to {@link #HEAD_BYTES} bytes the way {@link #head()} does.
     *
     * @param bytes  the bytes.
     * @param offset the first.
     * @param length how many there are (only the first eight are packed).
     * @return the packed head.
     */
    static long head(final byte[] bytes, final int offset, final int length)
    {
        long head = 0;
        for (int i = 0, n = Math.min(length, HEAD_BYTES); i < n; i++)
        {
            head |= (long)(bytes[offset + i] & 0xFF) << (i << 3);
        }
        return head;
    }

    @Override
    public String toString()
    {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
