package io.takerflow.engine.input;

/**
 * The exchange feeds Takerflow reads, each with the stable identifier used in configuration,
 * the command line and exports.
 */
public enum Venue
{
    /** Binance USD-M perpetual futures. */
    BINANCE_USDM("binance-usdm"),
    /** Binance spot. */
    BINANCE_SPOT("binance-spot"),
    /** Coinbase Exchange (the matches channel). */
    COINBASE("coinbase"),
    /** Coinbase Advanced Trade (the market_trades channel). */
    COINBASE_ADVANCED("coinbase-advanced"),
    /** Bybit v5 linear perpetuals. */
    BYBIT_LINEAR("bybit-linear"),
    /** Bybit v5 spot. */
    BYBIT_SPOT("bybit-spot"),
    /** OKX v5 (spot and swaps). */
    OKX("okx"),
    /** Hyperliquid perpetuals. */
    HYPERLIQUID("hyperliquid"),
    /** Bitfinex. */
    BITFINEX("bitfinex"),
    /** Kraken spot. */
    KRAKEN("kraken"),
    /** Bitstamp. */
    BITSTAMP("bitstamp"),
    /** Deribit. */
    DERIBIT("deribit"),
    /** BitMEX. */
    BITMEX("bitmex"),
    /** Kraken Futures. */
    KRAKEN_FUTURES("kraken-futures"),
    /** Gate futures. */
    GATE_FUTURES("gate-futures");

    private static final Venue[] VALUES = values();

    private final String id;

    Venue(final String id)
    {
        this.id = id;
    }

    /**
     * @return the stable lower-case identifier, e.g. {@code binance-usdm}.
     */
    public String id()
    {
        return id;
    }

    /**
     * @param ordinal as returned by {@link #ordinal()}.
     * @return the venue with that ordinal, without allocating.
     */
    public static Venue fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @param id a venue identifier such as {@code coinbase}.
     * @return the venue.
     * @throws IllegalArgumentException naming the known identifiers when {@code id} is not one.
     */
    public static Venue fromId(final String id)
    {
        for (final Venue venue : VALUES)
        {
            if (venue.id.equals(id))
            {
                return venue;
            }
        }
        final StringBuilder known = new StringBuilder();
        for (final Venue venue : VALUES)
        {
            known.append(known.length() == 0 ? "" : ", ").append(venue.id);
        }
        throw new IllegalArgumentException("unknown venue '" + id + "' (known: " + known + ")");
    }
}
