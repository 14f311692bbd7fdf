package io.takerflow.feeds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class JsonShapeTest
{
    private static final JsonShape TRADE = JsonShape.of(
        "{\"s\":\"%S0\",\"p\":\"%D1\",\"q\":%D2,\"t\":%L3,\"m\":%B4,\"x\":\"%s\",\"n\":%n}");

    @Test
    void decimalSlotsAgreeWithTheGeneralReaderOnEveryNumber()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final JsonShape price = JsonShape.of("{\"p\":\"%D0\"}");
        final JsonCursor shape = new JsonCursor();
        final JsonCursor general = new JsonCursor();
        int matched = 0;
        for (int i = 0; i < 50_000; i++)
        {
            final String number = randomNumberText(random);
            final UnsafeBuffer frame = ascii("{\"p\":\"" + number + "\"}");
            final boolean generalOk = general.wrap(frame, 0, frame.capacity()).beginObject() && general.nextField() &&
                general.readDecimal() && !general.nextField() && general.atEnd() && !general.failed();
            if (shape.wrap(frame, 0, frame.capacity()).match(price, null))
            {
                matched++;
                assertThat(generalOk).as(number).isTrue();
                assertThat(shape.slotMantissa(0)).as(number).isEqualTo(general.mantissa());
                assertThat(shape.slotScale(0)).as(number).isEqualTo(general.scale());
                assertThat(BigDecimal.valueOf(shape.slotMantissa(0), shape.slotScale(0)))
                    .isEqualByComparingTo(new BigDecimal(number));
            }
        }
        assertThat(matched).as("most random numbers take the fast path").isGreaterThan(25_000);
        for (final String refused : new String[] {"-1.5", "1e5", "1.", ".5", "", "1.2.3", "1234567890123456789",
            "123456789.0123456789", "12a"})
        {
            final UnsafeBuffer frame = ascii("{\"p\":\"" + refused + "\"}");
            assertThat(shape.wrap(frame, 0, frame.capacity()).match(price, null)).as(refused).isFalse();
        }
    }

    @Test
    void everyFieldLandsInItsSlot()
    {
        final String text = "{\"s\":\"BTC\\\"USDT\",\"p\":\"86512.30\",\"q\":0.015,\"t\":1764057600121,\"m\":false," +
            "\"x\":\"ac928c66-ca53-498f-9c13-a110027a60e8\",\"n\":-1.5e3}";
        for (final UnsafeBuffer frame : new UnsafeBuffer[] {ascii(text), direct(text)})
        {
            final JsonCursor json = new JsonCursor().wrap(frame, 0, frame.capacity());
            assertThat(json.match(TRADE, null)).isTrue();
            assertThat(frame.getStringWithoutLengthAscii(json.slotOffset(0), json.slotLength(0)))
                .isEqualTo("BTC\\\"USDT");
            assertThat(BigDecimal.valueOf(json.slotMantissa(1), json.slotScale(1)))
                .isEqualTo(new BigDecimal("86512.30"));
            assertThat(BigDecimal.valueOf(json.slotMantissa(2), json.slotScale(2))).isEqualTo(new BigDecimal("0.015"));
            assertThat(json.slotMantissa(3)).isEqualTo(1764057600121L);
            assertThat(json.slotMantissa(4)).isZero();
            assertThat(json.atEnd()).isTrue();
        }
    }

    @Test
    void aFrameOfAnotherLayoutDoesNotMatchAndLeavesTheCursorWhereItWas()
    {
        final String text = "{\"s\":\"BTCUSDT\",\"p\":\"86512.30\",\"q\":0.015,\"t\":1764057600121,\"m\":true," +
            "\"x\":\"a\"," +
            "\"n\":1}";
        final int symbol = text.indexOf("BTCUSDT");
        final int skipped = text.indexOf("\"a\"") + 1;
        final JsonCursor json = new JsonCursor();
        final UnsafeBuffer good = ascii(text);
        assertThat(json.wrap(good, 0, good.capacity()).match(TRADE, null)).isTrue();
        for (int i = 0; i < text.length(); i++)
        {
            for (final char replacement : new char[] {' ', 'X', '"', '\u0001'})
            {
                if (text.charAt(i) == replacement || (replacement == 'X' && Character.isLetter(text.charAt(i))))
                {
                    continue;
                }
                final String changed = text.substring(0, i) + replacement + text.substring(i + 1);
                final UnsafeBuffer frame = ascii(changed);
                if (json.wrap(frame, 0, frame.capacity()).match(TRADE, null))
                {
                    final boolean insideAString = (i >= symbol && i < symbol + "BTCUSDT".length()) || i == skipped;
                    assertThat(insideAString && (replacement == ' ' || replacement == 'X'))
                        .as("only a printable change inside a string value still matches: " + changed).isTrue();
                    continue;
                }
                assertThat(json.position()).as(changed).isEqualTo(changed.charAt(0) == ' ' ? 1 : 0);
                assertThat(json.failed()).isFalse();
            }
        }
        final UnsafeBuffer withSpace = ascii(text.replace(",\"q\"", ", \"q\""));
        assertThat(json.wrap(withSpace, 0, withSpace.capacity()).match(TRADE, null)).isFalse();
        assertThat(json.beginObject() && json.nextField() && json.stringIs('s')).as("the field loop goes on").isTrue();
    }

    @Test
    void readsOnlyInsideTheFrameNotTheBytesAroundIt()
    {
        final String text = "{\"s\":\"BTC\",\"p\":\"1.5\",\"q\":2,\"t\":3,\"m\":true,\"x\":\"\",\"n\":4}";
        final UnsafeBuffer padded = ascii("0123456789" + text + "5678\"}]]]]]]]]");
        final JsonCursor json = new JsonCursor();
        assertThat(json.wrap(padded, 10, text.length()).match(TRADE, null)).isTrue();
        assertThat(json.slotMantissa(3)).isEqualTo(3);
        final UnsafeBuffer cut = ascii(text);
        for (int length = 0; length < text.length(); length++)
        {
            assertThat(json.wrap(cut, 0, length).match(TRADE, null)).as("first %d bytes", length).isFalse();
        }
    }

    @Test
    void anArrayOfElementsCallsTheHandlerForEach()
    {
        final JsonShape shape = JsonShape.of("{\"data\":[%[{\"p\":\"%D0\",\"id\":%L1}%]]}");
        final JsonCursor json = new JsonCursor();
        final List<String> seen = new ArrayList<>();
        final JsonShape.ElementHandler handler = (cursor) ->
        {
            seen.add(BigDecimal.valueOf(cursor.slotMantissa(0), cursor.slotScale(0)) + "#" + cursor.slotMantissa(1));
            return true;
        };
        final UnsafeBuffer three =
            ascii("{\"data\":[{\"p\":\"1.5\",\"id\":7},{\"p\":\"2\",\"id\":8},{\"p\":\"0.25\",\"id\":9}]}");
        assertThat(json.wrap(three, 0, three.capacity()).match(shape, handler)).isTrue();
        assertThat(seen).containsExactly("1.5#7", "2#8", "0.25#9");
        seen.clear();
        final UnsafeBuffer empty = ascii("{\"data\":[]}");
        assertThat(json.wrap(empty, 0, empty.capacity()).match(shape, handler)).isFalse();
        final UnsafeBuffer trailingComma = ascii("{\"data\":[{\"p\":\"1.5\",\"id\":7},]}");
        assertThat(json.wrap(trailingComma, 0, trailingComma.capacity()).match(shape, handler)).isFalse();
        final UnsafeBuffer one = ascii("{\"data\":[{\"p\":\"1.5\",\"id\":7}]}");
        assertThat(json.wrap(one, 0, one.capacity()).match(shape, (cursor) -> false)).as("a handler may refuse")
            .isFalse();
        assertThat(json.shapes(false).wrap(one, 0, one.capacity()).match(shape, handler)).as("switched off").isFalse();
    }

    @Test
    void badPatternsAreRefusedWhenCompiled()
    {
        for (final String bad : new String[] {"{%", "{%x}", "[%[{}", "{}%]", "[%[%[{}%]%]]", "%D16"})
        {
            assertThatThrownBy(() -> JsonShape.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(JsonShape.of("{\"a\":\"100%%\"}").toString()).isEqualTo("{\"a\":\"100%%\"}");
    }

    private static String randomNumberText(final SplittableRandom random)
    {
        final int whole = random.nextInt(0, 14);
        final int fraction = random.nextInt(-1, 11);
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < whole; i++)
        {
            text.append((char)('0' + random.nextInt(10)));
        }
        if (fraction >= 0)
        {
            text.append('.');
            for (int i = 0; i < fraction; i++)
            {
                text.append((char)('0' + random.nextInt(10)));
            }
        }
        return text.length() == 0 ? "0" : text.toString();
    }

    private static UnsafeBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static UnsafeBuffer direct(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }
}
