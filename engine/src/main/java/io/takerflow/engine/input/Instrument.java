package io.takerflow.engine.input;

/**
 * A tradable symbol on one venue, with the convention and multiplier that turn its quantity unit into base units
 * (linear 1 for spot and Binance USD-M; linear 0.01 BTC per contract for OKX {@code BTC-USDT-SWAP}; inverse 1 USD
 * per contract for BitMEX {@code XBTUSD}, where base = size x 1 / price; quanto 0.0001 BTC per contract for Gate
 * {@code BTC_USDT}).
 *
 * @param id                 dense id assigned by the {@link InstrumentCatalog}, used on the hot path.
 * @param venue              where it trades.
 * @param symbol             the venue's symbol exactly as it appears on the wire.
 * @param contractMultiplier base units per unit of quantity, or for {@link SizeConvention#INVERSE} the contract
 *                           value in quote currency per unit of quantity.
 * @param sizeConvention     how the quantity becomes base units.
 */
public record Instrument(int id, Venue venue, String symbol, double contractMultiplier, SizeConvention sizeConvention)
{
    /**
     * A {@link SizeConvention#LINEAR} instrument.
     *
     * @param id                 dense id.
     * @param venue              where it trades.
     * @param symbol             the wire symbol.
     * @param contractMultiplier base units per unit of quantity.
     */
    public Instrument(final int id, final Venue venue, final String symbol, final double contractMultiplier)
    {
        this(id, venue, symbol, contractMultiplier, SizeConvention.LINEAR);
    }

    /**
     * @param size  a trade's size as the venue sent it.
     * @param price the trade's price.
     * @return the size in base units.
     */
    public double baseUnits(final double size, final double price)
    {
        return sizeConvention.baseUnits(size, price, contractMultiplier);
    }
}
