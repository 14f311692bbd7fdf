package io.takerflow.feeds.json;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Parses ISO-8601 UTC timestamps as Coinbase writes them ({@code 2021-04-17T16:43:37.089723Z}, 0 to 9 fraction
 * digits) straight from the bytes into epoch nanoseconds, without java.time or allocation. The static methods read
 * one time; an instance ({@link #epochNanos}), used by one thread, keeps the last second it read, so times within
 * one second skip the date.
 */
public final class IsoTime
{
    /** Returned for text that is not such a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** {@code YYYY-MM-}: the dashes at 4 and 7, digits at 0 to 3, 5 and 6. */
    private static final long SEPARATORS_DATE = 0xFF00_00FF_0000_0000L;
    private static final long DASHES = 0x2D00_002D_0000_0000L;
    private static final long DIGITS_DATE = 0x00FF_FF00_FFFF_FFFFL;
    /** {@code DDTHH:MM} from 8: the T at 10, digits at 8, 9, 11, 12, 14 and 15 (the colon at 13 is checked below). */
    private static final long SEPARATOR_T = 0x0000_0000_00FF_0000L;
    private static final long LETTER_T = 0x0000_0000_0054_0000L;
    private static final long DIGITS_MIDDLE = 0xFFFF_00FF_FF00_FFFFL;
    /** {@code HH:MM:SS} from 11: the colons at 13 and 16, digits at 17 and 18. */
    private static final long SEPARATORS_TIME = 0x0000_FF00_00FF_0000L;
    private static final long COLONS = 0x0000_3A00_003A_0000L;
    private static final long DIGITS_TIME = 0xFFFF_0000_0000_0000L;
    private static final long[] NANO_SCALE = {1, 100_000_000L, 10_000_000L, 1_000_000L, 100_000L, 10_000L, 1_000L,
        100L, 10L, 1L};

    private long lastDate;
    private long lastMiddle;
    private long lastTime;
    private long lastSeconds = INVALID;

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
        if (!fits(buffer, offset, length))
        {
            return INVALID;
        }
        final byte[] array = buffer.byteArray();
        final long address = buffer.addressOffset() + offset;
        final long seconds = epochSeconds(Swar.word(array, address), Swar.word(array, address + 8),
            Swar.word(array, address + 11));
        return withFraction(seconds, array, address, length);
    }

    /**
     * Like {@link #parseEpochNanos}, for one thread reading times in order: the date and time to the second
     * ({@code 2025-11-25T08:00:00}) are kept from the last call, so a time in the same second as the one before,
     * as most trades are, only reads its fraction.
     *
     * @param buffer holds the text.
     * @param offset its first byte.
     * @param length its length.
     * @return epoch nanoseconds, or {@link #INVALID}.
     */
    public long epochNanos(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!fits(buffer, offset, length))
        {
            return INVALID;
        }
        final byte[] array = buffer.byteArray();
        final long address = buffer.addressOffset() + offset;
        final long date = Swar.word(array, address);
        final long middle = Swar.word(array, address + 8);
        final long time = Swar.word(array, address + 11);
        if (date != lastDate || middle != lastMiddle || time != lastTime || lastSeconds == INVALID)
        {
            lastSeconds = epochSeconds(date, middle, time);
            lastDate = date;
            lastMiddle = middle;
            lastTime = time;
        }
        return withFraction(lastSeconds, array, address, length);
    }

    /**
     * @return true if the text is long enough to be such a time and lies inside the buffer, so its bytes may be read
     * without a check each ({@code array} null for off-heap memory at an absolute address).
     */
    private static boolean fits(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= 20 && offset >= 0 && offset + length <= buffer.capacity();
    }

    private static long withFraction(final long seconds, final byte[] array, final long address, final int length)
    {
        final long nanos = seconds == INVALID ? -1 : nanosOfSecond(array, address, length);
        return nanos < 0 ? INVALID : seconds * NANOS_PER_SECOND + nanos;
    }

    /**
     * @return the epoch second of {@code YYYY-MM-DDTHH:MM:SS} held in three words (bytes 0 to 7, 8 to 15, 11 to 18),
     * or {@link #INVALID}.
     */
    private static long epochSeconds(final long date, final long middle, final long time)
    {
        if ((date & SEPARATORS_DATE) != DASHES || (middle & SEPARATOR_T) != LETTER_T ||
            (time & SEPARATORS_TIME) != COLONS || (Swar.notDigits(date) & DIGITS_DATE) != 0 ||
            (Swar.notDigits(middle) & DIGITS_MIDDLE) != 0 || (Swar.notDigits(time) & DIGITS_TIME) != 0)
        {
            return INVALID;
        }
        final int year = twoDigits(date, 0) * 100 + twoDigits(date, 2);
        final int month = twoDigits(date, 5);
        final int day = twoDigits(middle, 0);
        final int hour = twoDigits(middle, 3);
        final int minute = twoDigits(middle, 6);
        final int second = twoDigits(time, 6);
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        {
            return INVALID;
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    }

    /**
     * @return the nanoseconds of the optional fraction after the seconds ({@code .123456}) up to the closing
     * {@code Z}, or -1 if that part is malformed.
     */
    private static long nanosOfSecond(final byte[] array, final long address, final int length)
    {
        final int fractionEnd = length - 1;
        if (at(array, address, fractionEnd) != 'Z')
        {
            return -1;
        }
        int i = 19;
        if (i == fractionEnd)
        {
            return 0;
        }
        final int fractionDigits = fractionEnd - i - 1;
        if (at(array, address, i) != '.' || fractionDigits > 9 || fractionDigits < 1)
        {
            return -1;
        }
        i++;
        long fraction = 0;
        for (; i < fractionEnd; i++)
        {
            final int digit = at(array, address, i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            fraction = fraction * 10 + digit;
        }
        return fraction * NANO_SCALE[fractionDigits];
    }

    private static int twoDigits(final long word, final int index)
    {
        return (int)((word >>> (index << 3)) & 0x0F) * 10 + (int)((word >>> ((index + 1) << 3)) & 0x0F);
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
}
