package io.takerflow.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.RegimeThresholds;
import io.takerflow.fanout.FanoutSettings;

/**
 * Every setting of the live configuration file, defined once: its name, its default as written in the file, a
 * one-line description and the parser that applies a value. {@link LiveConfig} parses through this table (an
 * unknown key, or a value a parser refuses, stops the start with a message naming the key: exit code 2), and
 * {@code LiveSettingsTest} checks that the README lists every name here.
 * <p>
 * To add a setting: add one {@link Setting} to {@link #RUN} (or {@link #MARKET} for a per-market
 * {@code market.<NAME>.*} setting), with a field in {@link LiveConfig} (or a {@link MarketConfig.Builder} call) for
 * the parser to write, and add the key to the README's properties example under "Live". Where another object owns
 * the default (the engine's builder, the feed settings), the field stays unset until the file sets it, so the
 * owner's default applies; the default here only documents it.
 */
final class LiveSettings
{
    /**
     * Applies one value.
     *
     * @param <T> what the value is written to.
     */
    @FunctionalInterface
    interface Parser<T>
    {
        /**
         * @param target what the value is written to.
         * @param key    the full key, for messages that name it.
         * @param value  the value, trimmed.
         * @throws IllegalArgumentException saying what is wrong with the value (the caller adds the key).
         */
        void apply(T target, String key, String value);
    }

    /**
     * One setting.
     *
     * @param name         the key in the file; a market setting's name follows {@code market.<NAME>.}.
     * @param defaultValue the default as it would be written in the file.
     * @param doc          what it does, in one line.
     * @param parser       applies a value.
     * @param <T>          what the value is written to.
     */
    record Setting<T>(String name, String defaultValue, String doc, Parser<T> parser)
    {
    }

    /**
     * What a market setting writes to: the market's builder and its eight regime thresholds (in the order of
     * {@link RegimeThresholds}'s components), which are validated together when the market is built.
     */
    static final class MarketTarget
    {
        final MarketConfig.Builder builder;
        final double[] thresholds = {
            RegimeThresholds.DEFAULT.sellersEnterZ(), RegimeThresholds.DEFAULT.sellersExitZ(),
            RegimeThresholds.DEFAULT.buyersEnterZ(), RegimeThresholds.DEFAULT.buyersExitZ(),
            RegimeThresholds.DEFAULT.absentEnterPct(), RegimeThresholds.DEFAULT.absentExitPct(),
            RegimeThresholds.DEFAULT.presentEnterPct(), RegimeThresholds.DEFAULT.presentExitPct()};

        MarketTarget(final MarketConfig.Builder builder)
        {
            this.builder = builder;
        }

        RegimeThresholds thresholds()
        {
            return new RegimeThresholds(thresholds[0], thresholds[1], thresholds[2], thresholds[3],
                thresholds[4], thresholds[5], thresholds[6], thresholds[7]);
        }
    }

    /** Engine, journal, feed and history settings. */
    static final List<Setting<LiveConfig>> RUN = List.of(
        new Setting<>("engine.waitStrategy", "yielding", "how the engine's threads wait: blocking, yielding, busy-spin",
            (c, k, v) -> c.waitStrategy = WaitStrategyKind.parse(v)),
        new Setting<>("engine.ringSize", "65536", "ring slots, a power of two",
            (c, k, v) -> c.ringSize = positiveInt(v)),
        new Setting<>("engine.tickInterval", "100ms", "clock ticks close buckets when no trade arrives",
            (c, k, v) -> c.tickIntervalNs = DurationSetting.parseNanos(null, v)),
        new Setting<>("journal.dir", "takerflow-journal", "where the journal is written (--journal overrides it)",
            (c, k, v) -> c.journalDir = Path.of(v)),
        new Setting<>("journal.rollCycle", "daily",
            "weekly, daily, six-hourly, hourly, half-hourly, ten-minutely, five-minutely",
            (c, k, v) -> c.rollCycle = rollCycle(v)),
        new Setting<>("journal.retainCycles", "30", "cycles kept per queue; 0 keeps everything",
            (c, k, v) -> c.retainCycles = nonNegativeInt(v)),
        new Setting<>("feeds.staleAfter", "30s", "no market data for this long and a feed is STALE and reconnected",
            (c, k, v) -> c.staleAfterNs = DurationSetting.parseNanos(null, v)),
        new Setting<>("feeds.maxFrameBytes", "1048576", "largest WebSocket frame accepted",
            (c, k, v) -> c.maxFrameBytes = positiveInt(v)),
        new Setting<>("feeds.trustStore", "", "extra trust (PKCS12 or JKS) added to the JDK's own",
            (c, k, v) -> c.trustStore = Path.of(v)),
        new Setting<>("feeds.trustStorePassword", "", "the trust store's password",
            (c, k, v) -> c.trustStorePassword = v),
        new Setting<>("history.warmup", "true", "seed the Z-score from Binance USD-M klines at start",
            (c, k, v) -> c.historyWarmup = bool(v)),
        new Setting<>("history.url", "https://fapi.binance.com", "the klines REST base",
            (c, k, v) -> c.historyUrl = historyUrl(v)),
        new Setting<>("history.interval", "1h", "the klines' bar length",
            (c, k, v) -> c.historyInterval = interval(k, v)),
        new Setting<>("history.days", "90", "how many days of klines",
            (c, k, v) -> c.historyDays = positiveInt(v)));

    /**
     * Publishing over Aeron ({@code publish.*}, {@code aeron.*}, {@code archive.*}). Each value is checked here and
     * kept as written; they are applied together once the channel is known (the file's {@code publish.channel} or
     * {@code --publish}), and without a channel the others are refused. The README lists them in the table under
     * "Beyond one machine".
     */
    static final List<Setting<LiveConfig>> PUBLISH = List.of(
        new Setting<>("publish.channel", "", "the Aeron channel signals are published on; unset: none",
            LiveSettings::keep),
        new Setting<>("publish.streamId", Integer.toString(FanoutSettings.DEFAULT_STREAM_ID), "the stream id",
            (c, k, v) -> keep(c, k, Integer.toString(positiveInt(v)))),
        new Setting<>("publish.trades", "false", "also publish every input trade and feed status",
            (c, k, v) -> keep(c, k, Boolean.toString(bool(v)))),
        new Setting<>("aeron.dir", "", "an external media driver's directory; unset: an embedded driver",
            LiveSettings::keep),
        new Setting<>("archive.enabled", "false", "record the stream in an embedded Aeron Archive",
            (c, k, v) -> keep(c, k, Boolean.toString(bool(v)))),
        new Setting<>("archive.dir", "", "where recordings are kept; unset: a temporary directory",
            LiveSettings::keep),
        new Setting<>("archive.controlChannel", "", "the archive's control channel, for replay from other machines",
            LiveSettings::keep));

    /** Per-market settings, {@code market.<NAME>.<name>}; {@code flow}, {@code premium}, {@code reference} aside. */
    static final List<Setting<MarketTarget>> MARKET = List.of(
        duration("window", "1h", "the taker-flow window", (b, ns) -> b.window(ns, TimeUnit.NANOSECONDS)),
        duration("bucket", "1m", "the window's bucket size", (b, ns) -> b.bucket(ns, TimeUnit.NANOSECONDS)),
        duration("samplePeriod", "1h", "one Z-score sample per period",
            (b, ns) -> b.samplePeriod(ns, TimeUnit.NANOSECONDS)),
        new Setting<>("historyCapacity", "2160", "Z-score samples kept",
            (m, k, v) -> m.builder.historyCapacity(positiveInt(v))),
        new Setting<>("minHistorySamples", "168", "samples needed before z is published",
            (m, k, v) -> m.builder.minHistorySamples(positiveInt(v))),
        duration("premiumHalfLife", "60s", "half-life of the premium's EWMA",
            (b, ns) -> b.premiumHalfLife(ns, TimeUnit.NANOSECONDS)),
        duration("premiumStaleAfter", "10s", "a premium leg without trades for this long is stale",
            (b, ns) -> b.premiumStaleAfter(ns, TimeUnit.NANOSECONDS)),
        duration("gapHold", "the window", "how long a trade-id gap on a flow leg keeps the market DEGRADED",
            (b, ns) -> b.gapHold(ns, TimeUnit.NANOSECONDS)),
        new Setting<>("minWindowTrades", "100", "fewer trades in the window: THIN, no z, nothing changes",
            (m, k, v) -> m.builder.minWindowTrades(positiveInt(v))),
        new Setting<>("minWindowVolume", "0", "likewise for taker volume, base units (0: off)",
            (m, k, v) -> m.builder.minWindowVolume(number(v))),
        new Setting<>("recoveryFailZ", "-1.0", "RECOVERING fails when z falls below this",
            (m, k, v) -> m.builder.recoveryFailZ(number(v))),
        duration("recoveryMaxAge", "6h", "RECOVERING ends when spot buyers have not come back by then",
            (b, ns) -> b.recoveryMaxAge(ns, TimeUnit.NANOSECONDS)),
        duration("minRegimeDwell", "5m", "every regime is held at least this long",
            (b, ns) -> b.minRegimeDwell(ns, TimeUnit.NANOSECONDS)),
        threshold("sellersEnterZ", 0, "z at or below which sellers dominate"),
        threshold("sellersExitZ", 1, "z above which sellers no longer dominate"),
        threshold("buyersEnterZ", 2, "z at or above which buyers dominate"),
        threshold("buyersExitZ", 3, "z below which buyers no longer dominate"),
        threshold("absentEnterPct", 4, "premium (%) at or below which spot buyers are absent"),
        threshold("absentExitPct", 5, "premium (%) above which spot buyers are no longer absent"),
        threshold("presentEnterPct", 6, "premium (%) at or above which spot buyers are present"),
        threshold("presentExitPct", 7, "premium (%) below which spot buyers are no longer present"));

    private static final Map<String, Setting<LiveConfig>> RUN_BY_NAME = byName(RUN);
    private static final Map<String, Setting<MarketTarget>> MARKET_BY_NAME = byName(MARKET);
    private static final Map<String, Setting<LiveConfig>> PUBLISH_BY_NAME = byName(PUBLISH);

    private LiveSettings()
    {
    }

    /**
     * @param key a full key.
     * @return its run-level setting, or null.
     */
    static Setting<LiveConfig> run(final String key)
    {
        return RUN_BY_NAME.get(key);
    }

    /**
     * @param key a file key.
     * @return the publishing setting of that name, or null.
     */
    static Setting<LiveConfig> publish(final String key)
    {
        return PUBLISH_BY_NAME.get(key);
    }

    private static void keep(final LiveConfig config, final String key, final String value)
    {
        config.fanoutKeys.put(key, value);
    }

    /**
     * @param name a market setting's name (after {@code market.<NAME>.}).
     * @return the setting, or null.
     */
    static Setting<MarketTarget> market(final String name)
    {
        return MARKET_BY_NAME.get(name);
    }

    /**
     * @return the names of the market settings, for the message that refuses an unknown one.
     */
    static List<String> marketNames()
    {
        final List<String> names = new ArrayList<>(List.of("flow", "premium", "reference"));
        names.addAll(MARKET_BY_NAME.keySet());
        return names;
    }

    private static <T> Map<String, Setting<T>> byName(final List<Setting<T>> settings)
    {
        final Map<String, Setting<T>> map = new LinkedHashMap<>();
        for (final Setting<T> setting : settings)
        {
            if (map.put(setting.name(), setting) != null)
            {
                throw new IllegalStateException("setting defined twice: " + setting.name());
            }
        }
        return map;
    }

    private interface DurationApplier
    {
        void apply(MarketConfig.Builder builder, long nanos);
    }

    private static Setting<MarketTarget> duration(
        final String name, final String defaultValue, final String doc, final DurationApplier applier)
    {
        return new Setting<>(name, defaultValue, doc,
            (m, k, v) -> applier.apply(m.builder, DurationSetting.parseNanos(null, v)));
    }

    private static Setting<MarketTarget> threshold(final String name, final int index, final String doc)
    {
        final double[] defaults = new MarketTarget(null).thresholds;
        return new Setting<>(name, String.valueOf(defaults[index]), doc, (m, k, v) -> m.thresholds[index] = number(v));
    }

    static int positiveInt(final String value)
    {
        final int parsed = wholeNumber(value);
        if (parsed <= 0)
        {
            throw new IllegalArgumentException("'" + value + "' is not a positive whole number");
        }
        return parsed;
    }

    static int nonNegativeInt(final String value)
    {
        final int parsed = wholeNumber(value);
        if (parsed < 0)
        {
            throw new IllegalArgumentException("'" + value + "' is not a whole number >= 0");
        }
        return parsed;
    }

    private static int wholeNumber(final String value)
    {
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + value + "' is not a positive whole number");
        }
    }

    private static double number(final String value)
    {
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
    }

    private static boolean bool(final String value)
    {
        if (!value.equals("true") && !value.equals("false"))
        {
            throw new IllegalArgumentException("'" + value + "' must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static String rollCycle(final String value)
    {
        io.takerflow.journal.JournalSettings.rollCycle(value);
        return value;
    }

    private static String interval(final String key, final String value)
    {
        DurationSetting.parseNanos(null, value);
        return value;
    }

    private static URI historyUrl(final String value)
    {
        return io.takerflow.feeds.history.KlineHistory.checkBase(URI.create(value), "history.url");
    }
}
