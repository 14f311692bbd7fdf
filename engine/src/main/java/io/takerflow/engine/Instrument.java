package io.takerflow.engine;

/**
 * A tradable symbol on one venue, with the multiplier that turns its quantity unit into base units
 * (1 for spot and Binance USD-M; e.g. 0.01 BTC per contract for OKX {@code BTC-USDT-SWAP}).
 *
 * @param id                 dense id assigned by the {@link InstrumentCatalog}, used on the hot path.
 * @param venue              where it trades.
 * @param symbol             the venue's symbol exactly as it appears on the wire.
 * @param contractMultiplier base units per unit of quantity.
 */
public record Instrument(int id, Venue venue, String symbol, double contractMultiplier)
{
}
