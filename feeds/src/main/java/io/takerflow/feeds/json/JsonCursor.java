package io.takerflow.feeds.json;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

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
    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;
    private static final long[] POWERS_OF_TEN = new long[19];
    private static final int TRUE = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;
    private static final int FALS = 'f' | 'a' << 8 | 'l' << 16 | 's' << 24;

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private DirectBuffer buffer;
    private byte[] bytes;
    private long address;
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
    private long runValue;
    private boolean shapes = true;
    private long matched;
    private final long[] slotMantissa = new long[JsonShape.MAX_SLOTS];
    private final int[] slotOffset = new int[JsonShape.MAX_SLOTS];
    private final int[] slotSize = new int[JsonShape.MAX_SLOTS];

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
            address = buffer.addressOffset();
        }
        else
        {
            if (scratch.length < length)
            {
                scratch = new byte[Integer.highestOneBit(length) << 1];
            }
            buffer.getBytes(offset, scratch, 0, length);
            bytes = scratch;
            address = BufferUtil.ARRAY_BASE_OFFSET - offset;
        }
        return this;
    }

    /**
     * Reads the whole frame as the given shape, if it has exactly that layout; call it right after {@link #wrap}.
     * On a match the slots hold the values and the cursor is at the frame's end; otherwise nothing has moved and the
     * frame is read with the general calls ({@link #beginObject}, {@link #nextField}, ...), which also settle whether
     * it is malformed.
     *
     * @param shape   the layout expected.
     * @param handler called after each element of the shape's {@code %[ %]} array, or null if it has none.
     * @return true if the frame matched the shape.
     */
    public boolean match(final JsonShape shape, final JsonShape.ElementHandler handler)
    {
        if (!shapes || failed || depth != 0)
        {
            return false;
        }
        final int limit = this.limit;
        final int[] literals = shape.stepLiterals;
        final int[] ops = shape.ops;
        final int[] args = shape.args;
        int p = position;
        int step = 0;
        while (step < ops.length)
        {
            final int literal = literals[step];
            if (literal >= 0 && (p = matchText(shape, literal, p, limit)) < 0)
            {
                return false;
            }
            final int arg = args[step];
            switch (ops[step])
            {
                case JsonShape.STRING:
                {
                    final int end = stringEnd(p, limit);
                    slotOffset[arg] = p;
                    slotSize[arg] = end - p;
                    p = end;
                    break;
                }
                case JsonShape.SKIP_STRING:
                    p = stringEnd(p, limit);
                    break;
                case JsonShape.DECIMAL:
                    p = slotNumber(p, limit, arg, true);
                    break;
                case JsonShape.WHOLE:
                    p = slotNumber(p, limit, arg, false);
                    break;
                case JsonShape.BOOLEAN:
                    p = slotBoolean(p, limit, arg);
                    break;
                case JsonShape.SKIP_NUMBER:
                    p = p < limit && (at(p) == '-' || isDigit(at(p))) ?
                        numberEnd(skipDigits(p, limit)) : -1;
                    break;
                case JsonShape.ELEMENT_END:
                    if (!handler.onElement(this))
                    {
                        return false;
                    }
                    if (p < limit && at(p) == ',')
                    {
                        p++;
                        step = arg;
                        continue;
                    }
                    break;
                default:
                    break;
            }
            if (p < 0)
            {
                return false;
            }
            step++;
        }
        if (p != limit)
        {
            return false;
        }
        position = p;
        matched++;
        return true;
    }

    /**
     * @return how many frames matched a shape through this cursor: with the frames decoded, how often the fast path
     * was taken.
     */
    public long matched()
    {
        return matched;
    }

    /**
     * For comparing a decoder's shapes with its general field loop: false makes {@link #match} never match.
     *
     * @param enabled whether {@link #match} may match.
     * @return this.
     */
    public JsonCursor shapes(final boolean enabled)
    {
        shapes = enabled;
        return this;
    }

    /**
     * @param slot a slot of the shape last matched.
     * @return the digits of its decimal or whole number, or 1 for {@code true} and 0 for {@code false}.
     */
    public long slotMantissa(final int slot)
    {
        return slotMantissa[slot];
    }

    /**
     * @param slot a decimal slot of the shape last matched.
     * @return its scale.
     */
    public int slotScale(final int slot)
    {
        return slotSize[slot];
    }

    /**
     * @param slot a string slot of the shape last matched.
     * @return the offset of its first byte in the buffer.
     */
    public int slotOffset(final int slot)
    {
        return slotOffset[slot];
    }

    /**
     * @param slot a string slot of the shape last matched.
     * @return its length in bytes.
     */
    public int slotLength(final int slot)
    {
        return slotSize[slot];
    }

    /**
     * @param slot  a string slot of the shape last matched.
     * @param value the expected text, ASCII.
     * @return true if the slot's string equals it.
     */
    public boolean slotEquals(final int slot, final byte[] value)
    {
        return textEquals(slotOffset[slot], slotSize[slot], value);
    }

    private boolean textEquals(final int offset, final int length, final byte[] value)
    {
        if (length != value.length)
        {
            return false;
        }
        for (int i = 0; i < value.length; i++)
        {
            if (at(offset + i) != value[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares the text at {@code p} with a literal of the shape, a word at a time: the whole words, then its last
     * eight bytes as one (overlapping) word, or for a literal shorter than a word, a masked word.
     */
    private int matchText(final JsonShape shape, final int literal, final int p, final int limit)
    {
        final int length = shape.literalLengths[literal];
        final int end = p + length;
        if (end > limit)
        {
            return -1;
        }
        final byte[] bytes = this.bytes;
        final long address = this.address;
        if (length >= Long.BYTES)
        {
            final long[] words = shape.literalWords[literal];
            for (int i = 0, w = 0; i + Long.BYTES <= length; i += Long.BYTES, w++)
            {
                if (Swar.word(bytes, address + p + i) != words[w])
                {
                    return -1;
                }
            }
            return (length & (Long.BYTES - 1)) == 0 || Swar.word(bytes, address + end - Long.BYTES) ==
                shape.literalTails[literal] ? end : -1;
        }
        final long expected = shape.literalTails[literal];
        if (p + Long.BYTES <= limit)
        {
            return (Swar.word(bytes, address + p) & ((1L << (length << 3)) - 1)) == expected ? end : -1;
        }
        for (int k = 0; k < length; k++)
        {
            if (at(p + k) != (byte)(expected >>> (k << 3)))
            {
                return -1;
            }
        }
        return end;
    }

    /**
     * An unsigned number of at most 18 digits, with a decimal point if {@code decimal}, into a slot; anything else
     * (a sign, an exponent, more digits, a bare point) is left to the general reading.
     */
    private int slotNumber(final int start, final int limit, final int slot, final boolean decimal)
    {
        if (decimal && start + Long.BYTES <= limit)
        {
            final int end = shortDecimal(start, limit, slot);
            if (end > 0)
            {
                return end;
            }
        }
        int p = digitRun(start, limit);
        final int wholeDigits = p - start;
        long value = runValue;
        int fraction = 0;
        if (decimal && p < limit && at(p) == '.')
        {
            final int end = digitRun(p + 1, limit);
            fraction = end - p - 1;
            if (fraction == 0 || fraction > ScaledDecimal.MAX_SCALE || wholeDigits + fraction > 18)
            {
                return -1;
            }
            value = value * POWERS_OF_TEN[fraction] + runValue;
            p = end;
        }
        if (wholeDigits == 0 || wholeDigits > 18)
        {
            return -1;
        }
        slotMantissa[slot] = value;
        slotSize[slot] = fraction;
        return p;
    }

    /**
     * The common decimal, point included in one word ({@code 86530.55}, {@code 0.00513}): the point is taken out of
     * the word and all its digits are read at once.
     *
     * @return where the decimal ends, or -1 if it is not of that form (the caller then reads it run by run).
     */
    private int shortDecimal(final int start, final int limit, final int slot)
    {
        final long word = Swar.word(bytes, address + start);
        final long notDigits = Swar.notDigits(word);
        final int point = Long.numberOfTrailingZeros(notDigits) >>> 3;
        if (point == 0 || point >= Long.BYTES - 1 || (byte)(word >>> (point << 3)) != '.')
        {
            return -1;
        }
        final int end = Long.numberOfTrailingZeros(notDigits & (-1L << ((point + 1) << 3))) >>> 3;
        final int fraction = end - point - 1;
        if (fraction == 0 || (end == Long.BYTES && start + end < limit && isDigit(at(start + end))))
        {
            return -1;
        }
        final long whole = word & ((1L << (point << 3)) - 1);
        final long digits = whole | ((word >>> 8) & ~((1L << (point << 3)) - 1));
        final int count = point + fraction;
        slotMantissa[slot] = Swar.eightDigits(digits << ((Long.BYTES - count) << 3));
        slotSize[slot] = fraction;
        return start + end;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    /**
     * Reads the run of decimal digits from {@code start}, eight at a time: returns where it ends and leaves its value
     * in {@link #runValue} (meaningless if the run is longer than 18 digits, which callers refuse).
     */
    private int digitRun(final int start, final int limit)
    {
        final byte[] bytes = this.bytes;
        long value = 0;
        int p = start;
        while (p + Long.BYTES <= limit)
        {
            final long word = Swar.word(bytes, address + p);
            final long notDigits = Swar.notDigits(word);
            final int run = Long.numberOfTrailingZeros(notDigits) >>> 3;
            if (run == 0)
            {
                runValue = value;
                return p;
            }
            value = value * POWERS_OF_TEN[run] + Swar.eightDigits(word << ((Long.BYTES - run) << 3));
            p += run;
            if (run < Long.BYTES || p - start > 18)
            {
                runValue = value;
                return p;
            }
        }
        for (; p < limit; p++)
        {
            final int digit = at(p) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            value = value * 10 + digit;
        }
        runValue = value;
        return p;
    }

    /**
     * @return where the run of decimal digits from {@code start} ends, found eight bytes at a time.
     */
    private int skipDigits(final int start, final int limit)
    {
        final byte[] bytes = this.bytes;
        int p = start;
        while (p + Long.BYTES <= limit)
        {
            final long word = Swar.word(bytes, address + p);
            final long notDigits = Swar.notDigits(word);
            if (notDigits != 0)
            {
                return p + (Long.numberOfTrailingZeros(notDigits) >>> 3);
            }
            p += Long.BYTES;
        }
        while (p < limit && isDigit(at(p)))
        {
            p++;
        }
        return p;
    }

    private int slotBoolean(final int p, final int limit, final int slot)
    {
        if (p + Integer.BYTES > limit)
        {
            return -1;
        }
        final int text = Swar.intWord(bytes, address + p);
        if (text == TRUE)
        {
            slotMantissa[slot] = 1;
            return p + Integer.BYTES;
        }
        if (text == FALS && p + Integer.BYTES < limit && at(p + Integer.BYTES) == 'e')
        {
            slotMantissa[slot] = 0;
            return p + Integer.BYTES + 1;
        }
        return -1;
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
     * @return true with the key readable through {@link #stringEquals(byte[])}; false at the object's end (consumed) or failure.
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
        return !failed && textEquals(stringOffset, stringLength, key);
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
        final long address = this.address;
        int i = start;
        while (i < limit)
        {
            if (i + Long.BYTES <= limit)
            {
                final long word = Swar.word(bytes, address + i);
                final long stops = Swar.zeroBytes(word ^ QUOTES) | Swar.zeroBytes(word ^ BACKSLASHES) |
                    Swar.controlBytes(word);
                if (stops == 0)
                {
                    i += Long.BYTES;
                    continue;
                }
                i += Long.numberOfTrailingZeros(stops) >>> 3;
            }
            final byte b = at(i);
            if (b == '"')
            {
                return i;
            }
            if (b == '\\')
            {
                i += 2;
            }
            else if ((b & 0xE0) == 0)
            {
                return -1;
            }
            else
            {
                i++;
            }
        }
        return -1;
    }

    private int skipWhitespace(final int start, final int limit)
    {
        int p = start;
        while (p < limit)
        {
            final byte b = at(p);
            if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t'))
            {
                return p;
            }
            p++;
        }
        return p;
    }

    /**
     * @return offset of the last string value read (after the opening quote).
     */
    public int stringOffset()
    {
        return stringOffset;
    }

    /**
     * @return length in bytes of the last string value read (without quotes).
     */
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

    /**
     * @return the unscaled digits of the last decimal read.
     */
    public long mantissa()
    {
        return mantissa;
    }

    /**
     * @return the decimal scale of the last decimal read.
     */
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
        return UnsafeApi.getByte(bytes, address + index);
    }

    private boolean fail()
    {
        failed = true;
        return false;
    }
}
