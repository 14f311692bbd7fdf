package io.takerflow.app;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.net.ssl.TrustManagerFactory;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.net.AdditionalTrust;
import io.takerflow.feeds.net.Loopback;

/**
 * The {@code live} command's configuration, read from a properties file (format in the README). Every key is
 * checked: an unknown key or a bad value fails at start-up with a message that names the key.
 */
final class LiveConfig
{
    private static final String DEFAULTS = String.join("\n",
        "venue.binance-usdm.symbols = BTCUSDT",
        "venue.binance-spot.symbols = BTCUSDT",
        "venue.coinbase.symbols = BTC-USD",
        "market.BTC.flow = binance-usdm:BTCUSDT",
        "market.BTC.premium = coinbase:BTC-USD",
        "market.BTC.reference = binance-spot:BTCUSDT");

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]+([-_][A-Z0-9]+)*");
    private static final Pattern KRAKEN_PAIR = Pattern.compile("[A-Z0-9]+/[A-Z0-9]+");
    /**
     * One venue connection: where to connect and which symbols to subscribe.
     *
     * @param venue   the venue.
     * @param url     an override of the venue's default endpoint, or null for the default.
     * @param symbols wire symbols to subscribe.
     * @param rest    an override of the venue's REST base for backfills ({@code venue.<id>.rest}), or null.
     */
    record VenueSubscription(Venue venue, URI url, List<String> symbols, URI rest)
    {
    }

    final InstrumentCatalog instruments = new InstrumentCatalog();
    final List<MarketConfig> markets = new ArrayList<>();
    final Map<Venue, VenueSubscription> venues = new EnumMap<>(Venue.class);
    // Settings whose default another object owns (EngineConfig.Builder, FeedSettings.Builder) stay null until the
    // file sets them; EngineRun passes them on only when set. Every setting is defined in LiveSettings.
    WaitStrategyKind waitStrategy;
    Integer ringSize;
    Long tickIntervalNs;
    Path journalDir;
    String rollCycle = "daily";
    int retainCycles = 30;
    Long staleAfterNs;
    Integer maxFrameBytes;
    Path trustStore;
    String trustStorePassword = "";
    TrustManagerFactory trust;
    boolean historyWarmup = true;
    URI historyUrl;
    String historyInterval = "1h";
    int historyDays = 90;
    /** Publishing signals over Aeron: null unless {@code publish.channel} (or {@code --publish}) is set. */
    io.takerflow.fanout.FanoutSettings fanout;
    final Map<String, String> fanoutKeys = new LinkedHashMap<>();
    private String fanoutSource = "";

    private LiveConfig()
    {
    }

    /**
     * @return the defaults: Binance USD-M BTCUSDT aggTrade flow, Coinbase BTC-USD against Binance spot BTCUSDT.
     */
    static LiveConfig defaults()
    {
        return parse(load(new java.io.StringReader(DEFAULTS), "defaults"), "defaults");
    }

    /**
     * @param file a properties file.
     * @return the validated configuration.
     * @throws IllegalArgumentException naming the file and key on any problem.
     */
    static LiveConfig read(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("--config: no such file: " + file);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return parse(load(reader, file.toString()), file.toString());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("--config: cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static Properties load(final Reader reader, final String source)
    {
        try
        {
            final Properties properties = new Properties();
            properties.load(reader);
            return properties;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(source + ": not a properties file: " + ex.getMessage(), ex);
        }
    }

    static LiveConfig parse(final Properties properties, final String source)
    {
        final LiveConfig config = new LiveConfig();
        final Map<String, Map<String, String>> marketSettings = new LinkedHashMap<>();
        for (final String key : new TreeSet<>(properties.stringPropertyNames()))
        {
            final String value = properties.getProperty(key).trim();
            try
            {
                if (key.startsWith("venue."))
                {
                    config.venueSetting(key, value);
                }
                else if (key.startsWith("instrument."))
                {
                    continue;
                }
                else if (key.startsWith("market."))
                {
                    final String[] parts = key.split("\\.", 3);
                    if (parts.length != 3 || !LiveSettings.marketNames().contains(parts[2]))
                    {
                        throw new IllegalArgumentException("unknown market setting (known: " +
                            new TreeSet<>(LiveSettings.marketNames()) + ")");
                    }
                    marketSettings.computeIfAbsent(parts[1], name -> new LinkedHashMap<>()).put(parts[2], value);
                }
                else if (LiveSettings.run(key) != null)
                {
                    LiveSettings.run(key).parser().apply(config, key, value);
                }
                else if (LiveSettings.publish(key) != null)
                {
                    LiveSettings.publish(key).parser().apply(config, key, value);
                }
                else
                {
                    throw new IllegalArgumentException("unknown setting");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(source + ": " + key + ": " + ex.getMessage(), ex);
            }
        }
        for (final Map.Entry<Venue, VenueSubscription> entry : config.venues.entrySet())
        {
            for (final String symbol : entry.getValue().symbols())
            {
                final SizeConvention convention = VenueProtocols.of(entry.getKey()).sizeConvention(symbol);
                config.instruments.add(entry.getKey(), symbol, convention,
                    multiplier(properties, entry.getKey(), symbol, convention, source));
            }
        }
        for (final String key : new TreeSet<>(properties.stringPropertyNames()))
        {
            if (key.startsWith("instrument.") && config.instrumentSettingIsUnused(key))
            {
                throw new IllegalArgumentException(source + ": " + key + ": names no subscribed instrument (expected " +
                    "instrument.<venue>.<symbol>.multiplier or .contractValue with the symbol in " +
                    "venue.<venue>.symbols)");
            }
        }
        if (config.trustStore != null)
        {
            config.trust = trustStore(config.trustStore, config.trustStorePassword, source);
        }
        if (marketSettings.isEmpty())
        {
            throw new IllegalArgumentException(source + ": no market configured (set market.<NAME>.flow)");
        }
        for (final Map.Entry<String, Map<String, String>> market : marketSettings.entrySet())
        {
            config.markets.add(config.market(market.getKey(), market.getValue(), source));
        }
        config.fanout = config.fanoutSettings(null, source);
        config.fanoutSource = source;
        return config;
    }

    private static TrustManagerFactory trustStore(final Path file, final String password, final String source)
    {
        try (var in = Files.newInputStream(file))
        {
            final KeyStore store = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password.toCharArray());
            final TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return AdditionalTrust.withJdkDefaults(factory);
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new IllegalArgumentException(source + ": feeds.trustStore: cannot load " + file + ": " +
                ex.getMessage(), ex);
        }
    }

    private boolean instrumentSettingIsUnused(final String key)
    {
        final String[] parts = key.split("\\.");
        if (parts.length != 4 || !parts[3].equals("multiplier") && !parts[3].equals("contractValue"))
        {
            return true;
        }
        for (final Map.Entry<Venue, VenueSubscription> entry : venues.entrySet())
        {
            if (entry.getKey().id().equals(parts[1]) &&
                entry.getValue().symbols().contains(parts[2].toUpperCase(Locale.ROOT)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The instrument's multiplier: {@code instrument.<venue>.<symbol>.multiplier} (base units per unit of size) for
     * linear and quanto symbols, {@code .contractValue} (quote currency per unit of size) for inverse ones. An
     * inverse symbol without its contract value, or with a multiplier instead, is refused: the size would be read
     * as base units and be off by the price.
     */
    private static double multiplier(final Properties properties, final Venue venue, final String symbol,
        final SizeConvention convention, final String source)
    {
        final boolean inverse = convention == SizeConvention.INVERSE;
        final String wrongKey = settingKey(properties, venue, symbol, inverse ? "multiplier" : "contractValue");
        if (properties.getProperty(wrongKey) != null)
        {
            throw new IllegalArgumentException(source + ": " + wrongKey + ": " + venue.id() + " " + symbol + " is " +
                (inverse ? "inverse (sized in quote currency): set instrument." + venue.id() + "." + symbol +
                ".contractValue instead" : convention.name().toLowerCase(Locale.ROOT) + " (sized in base units or " +
                "contracts): set instrument." + venue.id() + "." + symbol + ".multiplier instead"));
        }
        final String key = settingKey(properties, venue, symbol, inverse ? "contractValue" : "multiplier");
        final String text = properties.getProperty(key);
        if (text == null)
        {
            final String contracts = VenueProtocols.of(venue).contractSizeNeeded(symbol);
            if (contracts != null)
            {
                throw new IllegalArgumentException(source + ": " + key + " must be set: " + contracts);
            }
            return 1.0;
        }
        try
        {
            final double multiplier = Double.parseDouble(text.trim());
            if (!(multiplier > 0) || Double.isInfinite(multiplier))
            {
                throw new NumberFormatException();
            }
            return multiplier;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(source + ": " + key + ": '" + text + "' is not a positive number");
        }
    }

    private static String settingKey(final Properties properties, final Venue venue, final String symbol,
        final String setting)
    {
        String key = "instrument." + venue.id() + "." + symbol + "." + setting;
        for (final String name : properties.stringPropertyNames())
        {
            if (name.equalsIgnoreCase(key) && name.startsWith("instrument." + venue.id() + "."))
            {
                key = name;
            }
        }
        return key;
    }

    private void venueSetting(final String key, final String value)
    {
        final String[] parts = key.split("\\.");
        if (parts.length != 3)
        {
            throw new IllegalArgumentException("expected venue.<venue>.symbols, venue.<venue>.url or " +
                "venue.<venue>.rest");
        }
        final Venue venue = Venue.fromId(parts[1]);
        final VenueSubscription current = venues.getOrDefault(venue, new VenueSubscription(venue, null, List.of(),
            null));
        switch (parts[2])
        {
            case "symbols":
                final List<String> symbols = new ArrayList<>();
                for (final String symbol : value.split(","))
                {
                    if (!symbol.isBlank())
                    {
                        final String normalized = symbol(venue, symbol);
                        if (symbols.contains(normalized))
                        {
                            throw new IllegalArgumentException(normalized + " is listed twice");
                        }
                        symbols.add(normalized);
                    }
                }
                if (symbols.isEmpty())
                {
                    throw new IllegalArgumentException("at least one symbol is needed");
                }
                venues.put(venue, new VenueSubscription(venue, current.url(), List.copyOf(symbols), current.rest()));
                break;
            case "url":
                venues.put(venue, new VenueSubscription(venue, endpoint(value), current.symbols(), current.rest()));
                break;
            case "rest":
                venues.put(venue, new VenueSubscription(venue, current.url(), current.symbols(), restBase(value)));
                break;
            default:
                throw new IllegalArgumentException("expected venue.<venue>.symbols, venue.<venue>.url or " +
                "venue.<venue>.rest");
        }
    }

    /**
     * Venues name instruments in upper case and trades arrive with the venue's own spelling, so a symbol written
     * in another case is normalized here; one that cannot be a symbol of the venue is refused, never subscribed and
     * then silently matched to no trade.
     *
     * @param venue the venue.
     * @param text  a symbol as written in the config.
     * @return the symbol as the venue spells it.
     * @throws IllegalArgumentException saying why the symbol cannot be the venue's.
     */
    static String symbol(final Venue venue, final String text)
    {
        final String symbol = text.trim().toUpperCase(Locale.ROOT);
        if (venue == Venue.KRAKEN)
        {
            return krakenPair(text, symbol);
        }
        if (venue == Venue.BITSTAMP)
        {
            return bitstampPair(text, symbol);
        }
        if (!SYMBOL.matcher(symbol).matches())
        {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a symbol (letters and digits, joined " +
                "by - or _, e.g. BTCUSDT or BTC-USD)");
        }
        final boolean dashed = symbol.indexOf('-') >= 0;
        switch (venue)
        {
            case BINANCE_USDM:
            case BINANCE_SPOT:
                if (dashed)
                {
                    throw new IllegalArgumentException("'" + text.trim() + "' is not a Binance symbol (no dash: " +
                        "e.g. BTCUSDT)");
                }
                break;
            case COINBASE:
            case COINBASE_ADVANCED:
            case OKX:
                if (!dashed)
                {
                    throw new IllegalArgumentException("'" + text.trim() + "' is not a " + venue.id() +
                        " symbol (base-quote with a dash: e.g. " + (venue == Venue.OKX ? "BTC-USDT-SWAP" : "BTC-USD") +
                        ")");
                }
                break;
            default:
                break;
        }
        return symbol;
    }

    /**
     * @param text a REST base URL ({@code venue.<id>.rest}).
     * @return it, if {@code https}, or {@code http} on a loopback address.
     */
    static URI restBase(final String text)
    {
        final URI uri = endpoint(text);
        final String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")))
        {
            throw new IllegalArgumentException("'" + text + "' must be an https:// URL with a host");
        }
        return uri;
    }

    /**
     * Bitstamp writes pairs in lower case without a separator ({@code btcusd}), in its channel names too.
     */
    private static String bitstampPair(final String text, final String symbol)
    {
        if (!symbol.matches("[A-Z0-9]+"))
        {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a bitstamp pair (letters and digits " +
                "without a separator: e.g. btcusd)");
        }
        return symbol.toLowerCase(Locale.ROOT);
    }

    /**
     * Kraken v1 writes pairs base/quote with a slash ({@code XBT/USD}), and calls bitcoin XBT.
     */
    private static String krakenPair(final String text, final String symbol)
    {
        if (!KRAKEN_PAIR.matcher(symbol).matches())
        {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a kraken pair (base/quote with a slash, " +
                "as Kraken writes it: e.g. XBT/USD)");
        }
        return symbol;
    }

    /**
     * @param text a WebSocket URL.
     * @return it, if {@code wss}, or {@code ws} on a loopback address.
     */
    static URI endpoint(final String text)
    {
        final URI uri;
        try
        {
            uri = URI.create(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a URL");
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("wss") || scheme.equals("ws") ||
            scheme.equals("https") || scheme.equals("http")))
        {
            throw new IllegalArgumentException("'" + text + "' must be a wss:// (or https://) URL with a host");
        }
        final String refusal = Loopback.plaintextRefusal(uri);
        if (refusal != null)
        {
            throw new IllegalArgumentException(refusal);
        }
        return uri;
    }

    private MarketConfig market(final String name, final Map<String, String> settings, final String source)
    {
        final String where = source + ": market." + name + ".";
        final MarketConfig.Builder builder = MarketConfig.builder(name);
        final String flow = settings.get("flow");
        if (flow == null)
        {
            throw new IllegalArgumentException(where + "flow must be set (e.g. binance-usdm:BTCUSDT)");
        }
        final List<Integer> flowIds = new ArrayList<>();
        for (final String ref : flow.split(","))
        {
            flowIds.add(instrument(where + "flow", ref.trim()));
        }
        builder.flowInstruments(flowIds.stream().mapToInt(Integer::intValue).toArray());
        if (settings.containsKey("premium") || settings.containsKey("reference"))
        {
            if (!settings.containsKey("premium") || !settings.containsKey("reference"))
            {
                throw new IllegalArgumentException(where + "premium and " + where + "reference must be set together");
            }
            builder.premiumPair(instrument(where + "premium", settings.get("premium")),
                instrument(where + "reference", settings.get("reference")));
        }
        final LiveSettings.MarketTarget target = new LiveSettings.MarketTarget(builder);
        for (final Map.Entry<String, String> setting : settings.entrySet())
        {
            final LiveSettings.Setting<LiveSettings.MarketTarget> definition = LiveSettings.market(setting.getKey());
            if (definition != null)
            {
                try
                {
                    definition.parser().apply(target, where + setting.getKey(), setting.getValue());
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException(where + setting.getKey() + ": " + ex.getMessage(), ex);
                }
            }
        }
        try
        {
            builder.thresholds(target.thresholds());
            return builder.build();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }

    private int instrument(final String setting, final String ref)
    {
        final int colon = ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1)
        {
            throw new IllegalArgumentException(setting + ": '" + ref +
                "' must be <venue>:<symbol>, e.g. binance-usdm:BTCUSDT");
        }
        final Venue venue;
        try
        {
            venue = Venue.fromId(ref.substring(0, colon));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(setting + ": " + ex.getMessage());
        }
        final String symbol;
        try
        {
            symbol = symbol(venue, ref.substring(colon + 1));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(setting + ": " + ex.getMessage());
        }
        final int id = instruments.find(venue, symbol);
        if (id < 0)
        {
            throw new IllegalArgumentException(setting + ": " + ref + " is not subscribed (add it to venue." +
                venue.id() + ".symbols)");
        }
        return id;
    }

    // ---- publishing over Aeron (aeron.*, publish.*, archive.*) ----

    /**
     * Publishes this run's signals on a channel given on the command line ({@code --publish}), keeping the other
     * {@code aeron.*}, {@code publish.*} and {@code archive.*} settings of the file.
     *
     * @param channel the channel, overriding {@code publish.channel}.
     * @throws IllegalArgumentException naming the setting.
     */
    void publishOn(final String channel)
    {
        fanout = fanoutSettings(channel, "--publish");
    }

    /**
     * Fails when {@code aeron.*} or {@code archive.*} settings were given without a channel to publish on (neither
     * {@code publish.channel} nor {@code --publish}).
     *
     * @throws IllegalArgumentException naming the setting.
     */
    void requirePublishChannel()
    {
        if (fanout == null && !fanoutKeys.isEmpty())
        {
            throw new IllegalArgumentException(fanoutSource + ": " + fanoutKeys.keySet().iterator().next() +
                ": publish.channel (or --publish) must be set too (e.g. aeron:ipc or aeron:udp?endpoint=host:port)");
        }
    }

    private io.takerflow.fanout.FanoutSettings fanoutSettings(final String channelOverride, final String source)
    {
        final String channel = channelOverride != null ? channelOverride : fanoutKeys.get("publish.channel");
        if (channel == null)
        {
            if (!fanoutKeys.isEmpty())
            {
                fanoutSettings("aeron:ipc", source); // checks the other values now; the channel may come from --publish
            }
            return null;
        }
        String key = "publish.channel";
        try
        {
            final io.takerflow.fanout.FanoutSettings.Builder builder =
                io.takerflow.fanout.FanoutSettings.builder(channel);
            for (final Map.Entry<String, String> setting : fanoutKeys.entrySet())
            {
                key = setting.getKey();
                final String value = setting.getValue();
                switch (key)
                {
                    case "aeron.dir" -> builder.aeronDir(Path.of(value));
                    case "publish.streamId" -> builder.streamId(Integer.parseInt(value));
                    case "publish.trades" -> builder.publishTrades(bool(value));
                    case "archive.enabled" -> builder.archiveEnabled(bool(value));
                    case "archive.dir" -> builder.archiveDir(Path.of(value));
                    case "archive.controlChannel" -> builder.archiveControlChannel(value);
                    default ->
                    {
                        // publish.channel: given to the builder above
                    }
                }
            }
            key = "publish.channel";
            return builder.build();
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(source + ": " + key + ": not a whole number", ex);
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = ex.getMessage();
            throw new IllegalArgumentException(source + ": " + (message.startsWith("publish.") ||
                message.startsWith("archive.") || message.startsWith("aeron.") ? "" : key + ": ") + message, ex);
        }
    }

    private static boolean bool(final String value)
    {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))
        {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("'" + value + "' is not true or false");
    }
}
