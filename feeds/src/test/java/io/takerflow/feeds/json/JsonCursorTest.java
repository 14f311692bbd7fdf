package io.takerflow.feeds.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class JsonCursorTest
{
    @Test
    void decimalsAreExactAgainstBigDecimal()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final JsonCursor cursor = new JsonCursor();
        for (int i = 0; i < 20_000; i++)
        {
            final BigDecimal expected = BigDecimal.valueOf(random.nextLong(0, 1L << 50), random.nextInt(0, 12));
            final String text = "\"" + expected.toPlainString() + "\"";
            final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
            assertThat(cursor.wrap(buffer, 0, buffer.capacity()).readDecimal()).as(text).isTrue();
            assertThat(BigDecimal.valueOf(cursor.mantissa(), cursor.scale())).isEqualTo(expected);
        }
        for (final String bad : new String[] {"\"\"", "\"1e5\"", "\"1.\"", "\"..1\"", "\"-\"", "\"12a\"",
            "\"99999999999999999999\""})
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bad.getBytes(StandardCharsets.US_ASCII));
            assertThat(cursor.wrap(buffer, 0, buffer.capacity()).readDecimal()).as(bad).isFalse();
            assertThat(cursor.failed()).isTrue();
        }
        final UnsafeBuffer long19 =
            new UnsafeBuffer("\"0.1234567890123456780000\"".getBytes(StandardCharsets.US_ASCII));
        assertThat(cursor.wrap(long19, 0, long19.capacity()).readDecimal()).isTrue();
        assertThat(BigDecimal.valueOf(cursor.mantissa(), cursor.scale()))
            .isEqualTo(new BigDecimal("0.123456789012345678"));
    }

    @Test
    void everyShapeOfDecimalReadsExactly()
    {
        final JsonCursor cursor = new JsonCursor();
        for (final String[] pair : new String[][] {
            {"123", "123"}, {"\"0.5\"", "0.5"}, {"-42.25", "-42.25"}, {"123456789012345678", "123456789012345678"},
            {"\"1234567890.123456780\"", "1234567890.12345678"}, {"\"0.000000000000000001\"", "0.000000000000000001"},
            {"\"00000000000000000001.5\"", "1.5"}, {"7]", "7"}})
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(pair[0].getBytes(StandardCharsets.US_ASCII));
            assertThat(cursor.wrap(buffer, 0, buffer.capacity()).readDecimal()).as(pair[0]).isTrue();
            assertThat(BigDecimal.valueOf(cursor.mantissa(), cursor.scale())).as(pair[0])
                .isEqualByComparingTo(new BigDecimal(pair[1]));
        }
        for (final String bad : new String[] {"1.2.3", "\"1.2.3\"", "12e3", "-", "\"5", "1.",
            "\"12345678901234567890\""})
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bad.getBytes(StandardCharsets.US_ASCII));
            assertThat(cursor.wrap(buffer, 0, buffer.capacity()).readDecimal()).as(bad).isFalse();
        }
    }

    @Test
    void everyBrokenCharacterOfAnIsoTimeIsRefusedAndEveryFractionLengthRead()
    {
        final String good = "2025-11-25T08:00:00.123456789Z";
        for (int i = 0; i < good.length(); i++)
        {
            for (final char bad : new char[] {'/', ':', 'a', '-', 'T', ' ', '.', 'Z'})
            {
                if (bad == good.charAt(i))
                {
                    continue;
                }
                final String text = good.substring(0, i) + bad + good.substring(i + 1);
                final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
                assertThat(IsoTime.parseEpochNanos(buffer, 0, buffer.capacity())).as(text).isEqualTo(IsoTime.INVALID);
            }
        }
        for (int digits = 0; digits <= 9; digits++)
        {
            final String fraction = digits == 0 ? "" : "." + "987654321".substring(0, digits);
            final String text = "2025-11-25T08:00:59" + fraction + "Z";
            final Instant instant = Instant.parse(text);
            final byte[] bytes = ("xx" + text + "\"}").getBytes(StandardCharsets.US_ASCII);
            final UnsafeBuffer direct = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(bytes.length));
            direct.putBytes(0, bytes);
            for (final UnsafeBuffer buffer : new UnsafeBuffer[] {new UnsafeBuffer(bytes), direct})
            {
                assertThat(IsoTime.parseEpochNanos(buffer, 2, text.length())).as(text)
                    .isEqualTo(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
            }
        }
        for (final String bad : new String[] {"2025-11-25T08:00:00.Z", "2025-11-25T08:00:00.1234567890Z",
            "2025-11-25T24:00:00Z", "2025-11-25T08:60:00Z", "2025-00-25T08:00:00Z", "2025-11-32T08:00:00Z",
            "2025-11-25T08:00:00", "2025-11-25"})
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bad.getBytes(StandardCharsets.US_ASCII));
            assertThat(IsoTime.parseEpochNanos(buffer, 0, buffer.capacity())).as(bad).isEqualTo(IsoTime.INVALID);
        }
    }

    @Test
    void anIsoTimeReaderThatKeepsTheLastSecondReadsEveryTimeAsTheStaticParser()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final IsoTime reader = new IsoTime();
        long epochNanos = 1_764_057_599_000_000_000L;
        for (int i = 0; i < 20_000; i++)
        {
            final long step = random.nextInt(4) == 0 ?
                random.nextLong(0, 90_000_000_000_000L) : random.nextLong(0, 300_000);
            epochNanos += step;
            final Instant instant = Instant.ofEpochSecond(0, epochNanos);
            String text = instant.toString();
            if (random.nextInt(50) == 0)
            {
                text = text.substring(0, text.length() - 1) + (random.nextBoolean() ? "x" : ".Z");
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
            final long expected = IsoTime.parseEpochNanos(buffer, 0, buffer.capacity());
            assertThat(reader.epochNanos(buffer, 0, buffer.capacity())).as(text).isEqualTo(expected);
            if (!text.endsWith("Z") || text.endsWith(".Z"))
            {
                assertThat(expected).as(text).isEqualTo(IsoTime.INVALID);
            }
            else
            {
                assertThat(expected).as(text).isEqualTo(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
            }
        }
    }

    @Test
    void isoTimesMatchJavaTime()
    {
        final SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 10_000; i++)
        {
            final Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L),
                random.nextInt(1_000_000_000));
            final String text = instant.toString();
            final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
            assertThat(IsoTime.parseEpochNanos(buffer, 0, buffer.capacity())).as(text)
                .isEqualTo(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
        }
        final UnsafeBuffer bad = new UnsafeBuffer("2021-13-17T16:43:37.089723Z".getBytes(StandardCharsets.US_ASCII));
        assertThat(IsoTime.parseEpochNanos(bad, 0, bad.capacity())).isEqualTo(IsoTime.INVALID);
    }

    @Test
    void skipsNestedValuesAndRejectsBrokenSyntax()
    {
        final JsonCursor cursor = new JsonCursor();
        final String ok = "{\"a\":[1,{\"b\":\"x\\\"y\"},[],null,true,-2.5e3],\"c\":{}}";
        UnsafeBuffer buffer = new UnsafeBuffer(ok.getBytes(StandardCharsets.US_ASCII));
        assertThat(cursor.wrap(buffer, 0, buffer.capacity()).skipValue()).isTrue();
        assertThat(cursor.atEnd()).isTrue();
        for (final String bad : new String[] {"{\"a\":[1,}", "{\"a\" 1}", "{\"a\":1,,\"b\":2}", "[1 2]", "{\"a\":tru}",
            "\"abc"})
        {
            buffer = new UnsafeBuffer(bad.getBytes(StandardCharsets.US_ASCII));
            assertThat(cursor.wrap(buffer, 0, buffer.capacity()).skipValue() && cursor.atEnd()).as(bad).isFalse();
        }
    }
}
