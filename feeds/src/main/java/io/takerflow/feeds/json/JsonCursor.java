package io.takerflow.feeds.json;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.ScaledDecimal;

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
    private byte[] bytes;
    private int base;
    private byte[] scratch = new byte[1 << 12];
    private int position;
    private int limit;
    private boolean failed;
    private int depth;
    private final boolean[] first = new boolean[MAX_DEPTH];
    private int stringOffset;
    private int stringLength;
    private long mantissa;
    private int scale;
    private int digitCount;
    private int fractionDigits;

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
        if (failed)
        {
            limit = position;
            return this;
        }
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            bytes = array;
            base = buffer.wrapAdjustment();
        }
        else
        {
            if (scratch.length < length)
            {
                scratch = new byte[Integer.highestOneBit(length) << 1];
            }
            buffer.getBytes(offset, scratch, 0, length);
            bytes = scratch;
            base = -offset;
        }
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
        return position < limit ? at(position) : 0;
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
        final int limit = this.limit;
        final int p = skipWhitespace(position, limit);
        if (p >= limit || at(p) != '"')
        {
            return fail();
        }
        final int end = stringEnd(p + 1, limit);
        if (end < 0)
        {
            return fail();
        }
        stringOffset = p + 1;
        stringLength = end - p - 1;
        final int colon = skipWhitespace(end + 1, limit);
        if (colon >= limit || at(colon) != ':')
        {
            return fail();
        }
        position = colon + 1;
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
            if (at(stringOffset + i) != key[i])
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
        return !failed && stringLength == 1 && at(stringOffset) == key;
    }

    /**
     * Reads a string value; its bytes (without quotes, escapes left as they are) are at
     * {@link #stringOffset()} for {@link #stringLength()} bytes.
     *
     * @return true if the next value was a string.
     */
    public boolean readString()
    {
        if (failed)
        {
            return false;
        }
        final int p = skipWhitespace(position, limit);
        if (p >= limit || at(p) != '"')
        {
            return fail();
        }
        final int end = stringEnd(p + 1, limit);
        if (end < 0)
        {
            return fail();
        }
        stringOffset = p + 1;
        stringLength = end - p - 1;
        position = end + 1;
        return true;
    }

    /**
     * @return the index of the closing quote of a string whose content starts at {@code start}, or -1 if the
     * string is unterminated or holds a raw control character.
     */
    private int stringEnd(final int start, final int limit)
    {
        final byte[] bytes = this.bytes;
        final int base = this.base;
        for (int i = start; i < limit; i++)
        {
            final byte b = bytes[base + i];
            if (b == '"')
            {
                return i;
            }
            if (b == '\\')
            {
                i++;
            }
            else if ((b & 0xE0) == 0)
            {
                return -1;
            }
        }
        return -1;
    }

    private int skipWhitespace(final int start, final int limit)
    {
        final byte[] bytes = this.bytes;
        final int base = this.base;
        int p = start;
        while (p < limit)
        {
            final byte b = bytes[base + p];
            if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t'))
            {
                return p;
            }
            p++;
        }
        return p;
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
        if (failed)
        {
            return false;
        }
        final int limit = this.limit;
        int p = skipWhitespace(position, limit);
        if (p >= limit)
        {
            return fail();
        }
        final boolean quoted = at(p) == '"';
        if (quoted)
        {
            p++;
        }
        final int start = p;
        final boolean negative = p < limit && at(p) == '-';
        if (negative)
        {
            p++;
        }
        p = digits(p, limit, TOO_MANY_DIGITS - 1);
        if (p < 0)
        {
            return readLongDecimal(start, quoted);
        }
        final long value = mantissa;
        final int digits = digitCount;
        final int fraction = fractionDigits;
        if (quoted)
        {
            if (p >= limit || at(p) != '"')
            {
                return fail();
            }
            p++;
        }
        else if (p < limit && isNumberTail(at(p)))
        {
            return fail();
        }
        if (digits == 0 || fraction == 0 || fraction > ScaledDecimal.MAX_SCALE)
        {
            return fail();
        }
        position = p;
        mantissa = negative ? -value : value;
        scale = fraction < 0 ? 0 : fraction;
        return true;
    }

    private static boolean isNumberTail(final byte b)
    {
        return b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
    }

    /**
     * The rare decimal with more than 18 significant digits, by the trimming parser.
     */
    private boolean readLongDecimal(final int start, final boolean quoted)
    {
        final int end;
        if (quoted)
        {
            end = stringEnd(start, limit);
            if (end < 0)
            {
                return fail();
            }
            position = end + 1;
        }
        else
        {
            end = numberEnd(start);
            position = end;
        }
        return parseLongDecimal(start, end);
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
        final byte b = at(position);
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
        if (failed || position >= limit || at(position) != open || depth >= MAX_DEPTH)
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
        final byte b = at(position);
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

    /**
     * The one digit loop: reads digits and at most one decimal point from {@code start}, stopping at the first other
     * byte or {@code end}, into {@link #mantissa} (unsigned), {@link #digitCount} and {@link #fractionDigits} (-1
     * without a point).
     *
     * @param start          first byte.
     * @param end            limit.
     * @param maxBeforeDigit largest value that may take one more digit (18 places on the fast path, a long's
     *                       range on the trimming path).
     * @return where it stopped, or -1 if the digits do not fit.
     */
    private int digits(final int start, final int end, final long maxBeforeDigit)
    {
        long value = 0;
        int digits = 0;
        int fraction = -1;
        int p = start;
        for (; p < end; p++)
        {
            final byte b = at(p);
            final int digit = b - '0';
            if (digit >= 0 && digit <= 9)
            {
                if (value > maxBeforeDigit)
                {
                    return -1;
                }
                value = value * 10 + digit;
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
                break;
            }
        }
        mantissa = value;
        digitCount = digits;
        fractionDigits = fraction;
        return p;
    }

    private int numberEnd(final int start)
    {
        int i = start;
        while (i < limit)
        {
            final byte b = at(i);
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

    /**
     * The rare decimal with more than 18 significant digits: trailing fractional zeros are dropped until it fits.
     */
    private boolean parseLongDecimal(final int start, final int end)
    {
        int i = start;
        boolean negative = false;
        if (i < end && at(i) == '-')
        {
            negative = true;
            i++;
        }
        int last = end;
        int point = -1;
        for (int j = i; j < end; j++)
        {
            if (at(j) == '.')
            {
                point = j;
                break;
            }
        }
        if (point >= 0)
        {
            while (last - 1 > point && at(last - 1) == '0' && significantDigits(i, last) > 18)
            {
                last--;
            }
        }
        if (digits(i, last, (Long.MAX_VALUE - 9) / 10) != last)
        {
            return fail();
        }
        final long value = mantissa;
        final int digits = digitCount;
        final int fraction = fractionDigits;
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
            final byte b = at(j);
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
            if (at(position + i) != literal.charAt(i))
            {
                return false;
            }
        }
        position += length;
        return true;
    }

    private void skipWhitespace()
    {
        position = skipWhitespace(position, limit);
    }

    private byte at(final int index)
    {
        return bytes[base + index];
    }

    private boolean fail()
    {
        failed = true;
        return false;
    }
}
