package io.takerflow.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.feeds.json.JsonCursor;

/**
 * Exact decimals from JSON numbers as Bitfinex (JavaScript) and Bitstamp (Python) print them, checked against
 * {@link BigDecimal}'s own reading of the same text.
 */
class JsonDecimalTest
{
    @Test
    void plainExponentAndQuotedNumbersReadExactly()
    {
        for (final String number : new String[] {"5e-7", "1.1e-7", "2.5E-7", "5e-05", "-0.00023057", "60410", "0",
            "-692.4561076", "1e+2", "3.0", "0.076540", "7245.3", "\"0.00005000\"", "\"1.5e-3\"", "9.1e-7"})
        {
            final JsonDecimal decimal = new JsonDecimal();
            final JsonCursor json = cursor("[" + number + ",1]");
            json.beginArray();
            json.nextElement();
            assertThat(decimal.read(json)).as(number).isTrue();
            assertThat(BigDecimal.valueOf(decimal.mantissa(), decimal.scale()))
                .as(number).isEqualByComparingTo(new BigDecimal(number.replace("\"", "")));
            assertThat(json.nextElement() && json.readLong() && json.mantissa() == 1).as(number + " then the next")
                .isTrue();
        }
    }

    @Test
    void whatIsNotAnExactDecimalIsRefused()
    {
        for (final String number : new String[] {"1e-30", "123e-20", "12345678901234567890", "\"x\"", "true", "\"1e\"",
            "1e400"})
        {
            final JsonCursor json = cursor("[" + number + "]");
            json.beginArray();
            json.nextElement();
            assertThat(new JsonDecimal().read(json)).as(number).isFalse();
        }
    }

    private static JsonCursor cursor(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
