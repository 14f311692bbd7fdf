package io.takerflow.engine.input;

/**
 * How a venue's trade size turns into base units (BTC for a BTC market), per instrument. The instrument's
 * {@link Instrument#contractMultiplier()} is read according to this convention.
 */
public enum SizeConvention
{
    /**
     * Size in base units, or in contracts of a fixed amount of base units: base = size x multiplier (spot, Binance
     * USD-M, Bybit linear with 1; OKX {@code BTC-USDT-SWAP} with 0.01 BTC per contract).
     */
    LINEAR,
    /**
     * Size in contracts worth a fixed amount of the quote currency (USD): base = size x contract value / price.
     * Deribit perpetuals and inverse futures (amount in USD, so 1 USD per unit), BitMEX {@code XBTUSD} (1 USD per
     * contract), Kraken Futures {@code PI_}/{@code FI_} (1 USD per contract). The multiplier is the contract value
     * in quote currency and must be configured explicitly.
     */
    INVERSE,
    /**
     * Size in contracts of the venue's {@code quanto_multiplier} (Gate futures): base = size x multiplier, like
     * {@link #LINEAR}, but the multiplier is the venue's per-contract figure and must be configured explicitly.
     */
    QUANTO;

    /**
     * @param size       the trade's size as the venue sent it.
     * @param price      the trade's price (quote currency per base unit), used only by {@link #INVERSE}.
     * @param multiplier the instrument's multiplier (contract value in quote currency for {@link #INVERSE}).
     * @return the size in base units.
     */
    public double baseUnits(final double size, final double price, final double multiplier)
    {
        return this == INVERSE ? size * multiplier / price : size * multiplier;
    }
}
