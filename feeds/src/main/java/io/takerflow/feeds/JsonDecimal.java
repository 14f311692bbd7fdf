package io.takerflow.feeds;

import org.agrona.DirectBuffer;

import io.takerflow.engine.input.ScaledDecimal;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Reads an exact decimal that a venue may write with an exponent ({@code 5e-7}, {@code 1.1E-7}: Bitfinex and Bitstamp
 * write small sizes and prices as JSON numbers the way their languages print them) into a mantissa and a scale, as
 * {@link JsonCursor#readDecimal()} does for plain decimals. Bare or quoted; no allocation; used by one thread.
 */
public final class JsonDecimal
{
    private static final int MAX_DIGITS = 18;

    private long mantissa;
    private int scale;

    /**
     * Reads the value at the cursor and moves past it.
     *
     * @param json positioned before a number or a quoted number.
     * @return false if it is not a decimal that fits 18 significant digits and a scale of at most 18.
     */
    public boolean read(final JsonCursor json)
    {
        final byte first = json.peek();
        if (first == '"')
        {
            return json.readString() &&
                parse(json.buffer(), json.stringOffset(), json.stringOffset() + json.stringLength());
        }
        if (first != '-' && (first < '0' || first > '9'))
        {
            json.skipValue();
            return false;
        }
        final int start = json.position();
        return json.skipValue() && parse(json.buffer(), start, json.position());
    }

    /**
     * @return the value's digits, signed.
     */
    public long mantissa()
    {
        return mantissa;
    }

    /**
     * @return digits after the decimal point.
     */
    public int scale()
    {
        return scale;
    }

    private boolean parse(final DirectBuffer buffer, final int start, final int end)
    {
        int p = start;
        while (p < end && buffer.getByte(p) <= ' ')
        {
            p++;
        }
        final boolean negative = p < end && buffer.getByte(p) == '-';
        if (negative)
        {
            p++;
        }
        long value = 0;
        int digits = 0;
        int fraction = 0;
        boolean point = false;
        boolean any = false;
        for (; p < end; p++)
        {
            final byte b = buffer.getByte(p);
            if (b >= '0' && b <= '9')
            {
                any = true;
                if (value == 0 && b == '0')
                {
                    fraction += point ? 1 : 0;
                    continue;
                }
                if (++digits > MAX_DIGITS)
                {
                    return false;
                }
                value = value * 10 + (b - '0');
                fraction += point ? 1 : 0;
            }
            else if (b == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }
        if (!any)
        {
            return false;
        }
        int exponent = 0;
        if (p < end && (buffer.getByte(p) == 'e' || buffer.getByte(p) == 'E'))
        {
            p++;
            final boolean negativeExponent = p < end && buffer.getByte(p) == '-';
            if (p < end && (buffer.getByte(p) == '-' || buffer.getByte(p) == '+'))
            {
                p++;
            }
            final int exponentStart = p;
            while (p < end && buffer.getByte(p) >= '0' && buffer.getByte(p) <= '9' && exponent < 1000)
            {
                exponent = exponent * 10 + (buffer.getByte(p++) - '0');
            }
            if (p == exponentStart)
            {
                return false;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        while (p < end && buffer.getByte(p) <= ' ')
        {
            p++;
        }
        if (p != end)
        {
            return false;
        }
        int newScale = fraction - exponent;
        while (newScale < 0)
        {
            if (digits++ >= MAX_DIGITS)
            {
                return false;
            }
            value *= 10;
            newScale++;
        }
        while (newScale > ScaledDecimal.MAX_SCALE && value % 10 == 0 && value != 0)
        {
            value /= 10;
            newScale--;
        }
        if (value == 0)
        {
            newScale = 0;
        }
        if (newScale > ScaledDecimal.MAX_SCALE)
        {
            return false;
        }
        mantissa = negative ? -value : value;
        scale = newScale;
        return true;
    }
}
