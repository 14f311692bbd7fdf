package io.takerflow.feeds.json;

import org.agrona.DirectBuffer;

import io.takerflow.engine.ScaledDecimal;

/**
 * A forward-only JSON reader over the bytes of one frame: no String, no allocation, no exception on bad input.
 * Any problem (bad syntax, a value of the wrong type, reading past the frame) sets {@link #failed()} and makes
 * every later call return false, so a decoder checks once at the end.
 * <p>
 * Usage: {@code wrap}, {@code beginObject}, then loop {@code nextField} and for each key either read its value
 * ({@code readString}, {@code readDecimal}, {@code readLong}, {@code readBoolean}, {@code beginObject},
 * {@code beginArray}) or {@link #skipValue()}. Strings are not unescaped: keys and symbols never need it.
 */
public final class JsonCursor
{
    private static final int MAX_DEPTH = 32;
    private static final long TOO_MANY_DIGITS = 100_000_000_000_000_000L;

    private DirectBuffer buffer;
    private int position;
    private int limit;
    private boolean failed;
    private int depth;
    private final boolean[] first = new boolean[MAX_DEPTH];
    private int stringOffset;
    private int stringLength;
    private long mantissa;
    private int scale;

    /**
     * @param buffer holds the frame.
     * @param offset its first byte.
     * @param length its length.
     * @return this.
     */
    public JsonCursor wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
        this.failed = offset < 0 || length < 0 || offset + length > buffer.capacity();
        this.depth = 0;
        return this;
    }

    /**
     * @return the offset of the next significant byte, e.g. to come back to a value with {@link #wrap} later.
     */
    public int position()
    {
        skipWhitespace();
        return position;
    }

    /**
     * @return the offset just past the frame.
     */
    public int limit()
    {
        return limit;
    }

    /**
     * @return the buffer being read, e.g. to look up a string's bytes.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return true once anything was wrong; the frame is malformed.
     */
    public boolean failed()
    {
        return failed;
    }

    /**
     * @return true if only whitespace is left.
     */
    public boolean atEnd()
    {
        skipWhitespace();
        return position >= limit;
    }

    /**
     * @return the next significant byte without consuming it, or 0 at the end.
     */
    public byte peek()
    {
        skipWhitespace();
        return position < limit ? buffer.getByte(position) : 0;
    }

    /**
     * @return true if the next value is an object, now entered.
     */
    public boolean beginObject()
    {
        return begin('{');
    }

    /**
     * @return true if the next value is an array, now entered.
     */
    public boolean beginArray()
    {
        return begin('[');
    }

    /**
     * Advances to the next key of the current object.
     *
     * @return true with the key readable through {@link #keyEquals}; false at the object's end (consumed) or failure.
     */
    public boolean nextField()
    {
        if (!nextMember('}'))
        {
            return false;
        }
        if (!readString())
        {
            return false;
        }
        skipWhitespace();
        if (position >= limit || buffer.getByte(position) != ':')
        {
            return fail();
        }
        position++;
        return true;
    }

    /**
     * Advances to the next element of the current array.
     *
     * @return true if there is one; false at the array's end (consumed) or failure.
     */
    public boolean nextElement()
    {
        return nextMember(']');
    }

    /**
     * @param key the expected key, ASCII.
     * @return true if the last string read equals it.
     */
    public boolean stringEquals(final byte[] key)
    {
        if (failed || stringLength != key.length)
        {
            return false;
        }
        for (int i = 0; i < key.length; i++)
        {
            if (buffer.getByte(stringOffset + i) != key[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param key a one-character key.
     * @return true if the last string read is exactly that character.
     */
    public boolean stringIs(final char key)
    {
        return !failed && stringLength == 1 && buffer.getByte(stringOffset) == key;
    }

    /**
     * Reads a string value; its bytes (without quotes, escapes left as they are) are at
     * {@link #stringOffset()} for {@link #stringLength()} bytes.
     *
     * @return true if the next value was a string.
     */
    public boolean readString()
    {
        skipWhitespace();
        if (failed || position >= limit || buffer.getByte(position) != '"')
        {
            return fail();
        }
        final int start = position + 1;
        int i = start;
        while (i < limit)
        {
            final byte b = buffer.getByte(i);
            if (b == '"')
            {
                stringOffset = start;
                stringLength = i - start;
                position = i + 1;
                return true;
            }
            if (b == '\\')
            {
                i++;
            }
            else if (b >= 0 && b < 0x20)
            {
                return fail();
            }
            i++;
        }
        return fail();
    }

    public int stringOffset()
    {
        return stringOffset;
    }

    public int stringLength()
    {
        return stringLength;
    }

    /**
     * Reads an exact decimal from a number or a quoted decimal string ({@code "61685.99000000"}), into
     * {@link #mantissa()} and {@link #scale()}. Exponents are rejected; trailing fractional zeros are dropped only
     * when needed to fit 18 digits.
     *
     * @return true if the value was a plain decimal that fits.
     */
    public boolean readDecimal()
    {
        skipWhitespace();
        if (failed || position >= limit)
        {
            return fail();
        }
        if (buffer.getByte(position) == '"')
        {
            if (!readString())
            {
                return false;
            }
            return parseDecimal(stringOffset, stringOffset + stringLength);
        }
        final int start = position;
        final int end = numberEnd(start);
        position = end;
        return parseDecimal(start, end);
    }

    public long mantissa()
    {
        return mantissa;
    }

    public int scale()
    {
        return scale;
    }

    /**
     * Reads a whole number, bare or quoted ({@code "130639474"}).
     *
     * @return true if it was one; the value is {@link #mantissa()}.
     */
    public boolean readLong()
    {
        return readDecimal() && (scale == 0 || fail());
    }

    /**
     * @return 1 for {@code true}, 0 for {@code false}, -1 (and failed) otherwise.
     */
    public int readBoolean()
    {
        skipWhitespace();
        if (matchLiteral("true"))
        {
            return 1;
        }
        if (matchLiteral("false"))
        {
            return 0;
        }
        fail();
        return -1;
    }

    /**
     * Skips the next value of any type, checking its syntax.
     *
     * @return true if a well-formed value was skipped.
     */
    public boolean skipValue()
    {
        skipWhitespace();
        if (failed || position >= limit)
        {
            return fail();
        }
        final byte b = buffer.getByte(position);
        switch (b)
        {
            case '"':
                return readString();
            case '{':
                beginObject();
                while (nextField())
                {
                    if (!skipValue())
                    {
                        return false;
                    }
                }
                return !failed;
            case '[':
                beginArray();
                while (nextElement())
                {
                    if (!skipValue())
                    {
                        return false;
                    }
                }
                return !failed;
            case 't':
                return matchLiteral("true") || fail();
            case 'f':
                return matchLiteral("false") || fail();
            case 'n':
                return matchLiteral("null") || fail();
            default:
                if (b == '-' || (b >= '0' && b <= '9'))
                {
                    final int end = numberEnd(position);
                    if (end == position)
                    {
                        return fail();
                    }
                    position = end;
                    return true;
                }
                return fail();
        }
    }

    /**
     * @return true if the next value is {@code null}, now consumed.
     */
    public boolean readNullIfPresent()
    {
        skipWhitespace();
        return matchLiteral("null");
    }

    private boolean begin(final char open)
    {
        skipWhitespace();
        if (failed || position >= limit || buffer.getByte(position) != open || depth >= MAX_DEPTH)
        {
            return fail();
        }
        position++;
        first[depth++] = true;
        return true;
    }

    private boolean nextMember(final char close)
    {
        if (failed || depth == 0)
        {
            return fail();
        }
        skipWhitespace();
        if (position >= limit)
        {
            return fail();
        }
        final byte b = buffer.getByte(position);
        if (b == close)
        {
            position++;
            depth--;
            return false;
        }
        if (first[depth - 1])
        {
            first[depth - 1] = false;
        }
        else if (b == ',')
        {
            position++;
        }
        else
        {
            return fail();
        }
        return true;
    }

    private int numberEnd(final int start)
    {
        int i = start;
        while (i < limit)
        {
            final byte b = buffer.getByte(i);
            if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E')
            {
                i++;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    private boolean parseDecimal(final int start, final int end)
    {
        int i = start;
        final boolean negative = i < end && buffer.getByte(i) == '-';
        if (negative)
        {
            i++;
        }
        long value = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit >= 0 && digit <= 9)
            {
                if (value >= TOO_MANY_DIGITS)
                {
                    return parseLongDecimal(start, end);
                }
                value = value * 10 + digit;
                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (digit == '.' - '0' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return fail();
            }
        }
        if (digits == 0 || fraction == 0 || fraction > ScaledDecimal.MAX_SCALE)
        {
            return fail();
        }
        mantissa = negative ? -value : value;
        scale = fraction < 0 ? 0 : fraction;
        return true;
    }

    /**
     * The rare decimal with more than 17 significant digits: trailing fractional zeros are dropped until it fits.
     */
    private boolean parseLongDecimal(final int start, final int end)
    {
        int i = start;
        boolean negative = false;
        if (i < end && buffer.getByte(i) == '-')
        {
            negative = true;
            i++;
        }
        int last = end;
        int point = -1;
        for (int j = i; j < end; j++)
        {
            if (buffer.getByte(j) == '.')
            {
                point = j;
                break;
            }
        }
        if (point >= 0)
        {
            while (last - 1 > point && buffer.getByte(last - 1) == '0' && significantDigits(i, last) > 18)
            {
                last--;
            }
        }
        long value = 0;
        int digits = 0;
        int fraction = -1;
        for (int j = i; j < last; j++)
        {
            final byte b = buffer.getByte(j);
            if (b >= '0' && b <= '9')
            {
                if (value > (Long.MAX_VALUE - 9) / 10)
                {
                    return fail();
                }
                value = value * 10 + (b - '0');
                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (b == '.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return fail();
            }
        }
        if (digits == 0 || fraction == 0 || fraction > ScaledDecimal.MAX_SCALE)
        {
            return fail();
        }
        mantissa = negative ? -value : value;
        scale = fraction < 0 ? 0 : fraction;
        return true;
    }

    private int significantDigits(final int start, final int end)
    {
        int count = 0;
        boolean leading = true;
        for (int j = start; j < end; j++)
        {
            final byte b = buffer.getByte(j);
            if (b >= '1' && b <= '9')
            {
                leading = false;
            }
            if (b >= '0' && b <= '9' && !leading)
            {
                count++;
            }
        }
        return count;
    }

    private boolean matchLiteral(final String literal)
    {
        final int length = literal.length();
        if (failed || position + length > limit)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(position + i) != literal.charAt(i))
            {
                return false;
            }
        }
        position += length;
        return true;
    }

    private void skipWhitespace()
    {
        while (position < limit)
        {
            final byte b = buffer.getByte(position);
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t')
            {
                position++;
            }
            else
            {
                return;
            }
        }
    }

    private boolean fail()
    {
        failed = true;
        return false;
    }
}
