package io.takerflow.feeds.json;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Parses ISO-8601 UTC timestamps as Coinbase writes them ({@code 2021-04-17T16:43:37.089723Z}, 0 to 9 fraction
 * digits) straight from the bytes into epoch nanoseconds, without java.time or allocation.
 */
public final class IsoTime
{
    /** Returned for text that is not such a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private IsoTime()
    {
    }

    /**
     * Reads the cursor's current value as a trade time, in one of the two forms venues send: epoch milliseconds as a
     * JSON number, or an ISO-8601 string.
     *
     * @param json the cursor, on the value.
     * @param iso  true for an ISO-8601 string, false for epoch milliseconds.
     * @return epoch nanoseconds, or {@link #INVALID} when the value is not of that form.
     */
    public static long readEpochNanos(final JsonCursor json, final boolean iso)
    {
        if (iso)
        {
            return json.readString() ?
                parseEpochNanos(json.buffer(), json.stringOffset(), json.stringLength()) : INVALID;
        }
        return json.readLong() ? json.mantissa() * NANOS_PER_MILLI : INVALID;
    }

    /**
     * @param buffer holds the text.
     * @param offset its first byte.
     * @param length its length.
     * @return epoch nanoseconds, or {@link #INVALID}.
     */
    public static long parseEpochNanos(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 20 || offset < 0 || offset + length > buffer.capacity())
        {
            return INVALID;
        }
        final byte[] array = buffer.byteArray();
        return array != null ? parse(array, buffer.addressOffset() + offset, length) :
            parse(null, buffer.addressOffset() + offset, length);
    }

    /**
     * The parser over bytes already bounds-checked ({@code array} null for off-heap memory at an absolute address),
     * read without a check per byte: called with an array or with null, never both at one call site, so each reads
     * as plain heap or plain native memory.
     */
    private static long parse(final byte[] array, final long address, final int length)
    {
        if (at(array, address, 4) != '-' || at(array, address, 7) != '-' || at(array, address, 10) != 'T' ||
            at(array, address, 13) != ':' || at(array, address, 16) != ':' || at(array, address, length - 1) != 'Z')
        {
            return INVALID;
        }
        final int year = digits(array, address, 4);
        final int month = digits(array, address + 5, 2);
        final int day = digits(array, address + 8, 2);
        final int hour = digits(array, address + 11, 2);
        final int minute = digits(array, address + 14, 2);
        final int second = digits(array, address + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
            minute < 0 || minute > 59 || second < 0 || second > 60)
        {
            return INVALID;
        }
        long nanos = 0;
        final int fractionEnd = length - 1;
        int i = 19;
        if (i < fractionEnd)
        {
            if (at(array, address, i) != '.' || fractionEnd - i - 1 > 9 || fractionEnd - i - 1 < 1)
            {
                return INVALID;
            }
            i++;
            int place = 100_000_000;
            for (; i < fractionEnd; i++)
            {
                final int digit = at(array, address, i) - '0';
                if (digit < 0 || digit > 9)
                {
                    return INVALID;
                }
                nanos += (long)digit * place;
                place /= 10;
            }
        }
        final long days = daysFromCivil(year, month, day);
        return ((days * 86_400L + hour * 3_600L + minute * 60L + second) * 1_000_000_000L) + nanos;
    }

    private static byte at(final byte[] array, final long address, final int index)
    {
        return UnsafeApi.getByte(array, address + index);
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
     *
     * @param year  the year.
     * @param month 1 to 12.
     * @param day   1 to 31.
     * @return the day number.
     */
    static long daysFromCivil(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = (y >= 0 ? y : y - 399) / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    private static int digits(final byte[] array, final long address, final int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            final int digit = at(array, address, i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
