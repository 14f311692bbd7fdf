package io.takerflow.app;

import java.util.concurrent.TimeUnit;

/**
 * Reads durations written the way people write them in configuration: {@code 500ms}, {@code 10s}, {@code 1m},
 * {@code 1h}, {@code 90d}.
 */
final class DurationSetting
{
    private DurationSetting()
    {
    }

    /**
     * @param setting the setting's name, for the error message (null: the caller names it).
     * @param text    the value.
     * @return the duration in nanoseconds.
     * @throws IllegalArgumentException naming the setting when the value is not a positive duration.
     */
    static long parseNanos(final String setting, final String text)
    {
        final String value = text.trim();
        int split = 0;
        while (split < value.length() && (Character.isDigit(value.charAt(split)) || value.charAt(split) == '.'))
        {
            split++;
        }
        if (split == 0 || split == value.length())
        {
            throw invalid(setting, text);
        }
        final double amount;
        try
        {
            amount = Double.parseDouble(value.substring(0, split));
        }
        catch (final NumberFormatException ex)
        {
            throw invalid(setting, text);
        }
        final long unitNanos;
        switch (value.substring(split).trim())
        {
            case "ns":
                unitNanos = 1;
                break;
            case "us":
                unitNanos = TimeUnit.MICROSECONDS.toNanos(1);
                break;
            case "ms":
                unitNanos = TimeUnit.MILLISECONDS.toNanos(1);
                break;
            case "s":
                unitNanos = TimeUnit.SECONDS.toNanos(1);
                break;
            case "m":
                unitNanos = TimeUnit.MINUTES.toNanos(1);
                break;
            case "h":
                unitNanos = TimeUnit.HOURS.toNanos(1);
                break;
            case "d":
                unitNanos = TimeUnit.DAYS.toNanos(1);
                break;
            default:
                throw invalid(setting, text);
        }
        final double nanos = amount * unitNanos;
        if (!(nanos >= 0) || nanos > Long.MAX_VALUE)
        {
            throw invalid(setting, text);
        }
        return Math.round(nanos);
    }

    private static IllegalArgumentException invalid(final String setting, final String text)
    {
        return new IllegalArgumentException((setting == null ? "" : setting + ": ") + "'" + text +
            "' is not a duration (use e.g. 500ms, 10s, 1m, 1h, 7d)");
    }
}
