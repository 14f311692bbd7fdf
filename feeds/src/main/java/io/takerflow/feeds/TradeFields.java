package io.takerflow.feeds;

import java.nio.charset.StandardCharsets;

/**
 * The field table of one venue's trade object inside an array of trades (Bybit {@code data}, OKX {@code data},
 * Coinbase Advanced {@code events[].trades}): which key holds what and how each value is written. Read by the
 * shared {@link TradeArrayReader}, so the venues differ only in this table and their envelope.
 *
 * @param symbol       key of the symbol.
 * @param tradeId      key of the trade id.
 * @param price        key of the price (decimal, bare or quoted).
 * @param size         key of the size (decimal, bare or quoted).
 * @param side         key of the side label.
 * @param time         key of the trade time.
 * @param buyLabel     the side label that means BUY.
 * @param sellLabel    the side label that means SELL.
 * @param labelIsMaker true if the label is the maker's side (Coinbase), so the taker is the opposite.
 * @param ids          how the trade id is written.
 * @param times        how the time is written.
 */
public record TradeFields(
    byte[] symbol,
    byte[] tradeId,
    byte[] price,
    byte[] size,
    byte[] side,
    byte[] time,
    byte[] buyLabel,
    byte[] sellLabel,
    boolean labelIsMaker,
    IdFormat ids,
    TimeFormat times)
{
    /** How a trade id is written. */
    public enum IdFormat
    {
        /** A whole number, bare or quoted. */
        NUMBER,
        /** A string: its value if it is all digits and fits a long, otherwise a stable 64-bit hash of it. */
        STRING
    }

    /** How a trade time is written. */
    public enum TimeFormat
    {
        /** Epoch milliseconds, bare or quoted. */
        EPOCH_MILLIS,
        /** ISO-8601 UTC with up to nanoseconds. */
        ISO_8601
    }

    /**
     * @param symbol       key of the symbol.
     * @param tradeId      key of the trade id.
     * @param price        key of the price.
     * @param size         key of the size.
     * @param side         key of the side label.
     * @param time         key of the trade time.
     * @param buyLabel     label for BUY.
     * @param sellLabel    label for SELL.
     * @param labelIsMaker true if the label is the maker's side.
     * @param ids          id format.
     * @param times        time format.
     * @return the table.
     */
    public static TradeFields of(
        final String symbol,
        final String tradeId,
        final String price,
        final String size,
        final String side,
        final String time,
        final String buyLabel,
        final String sellLabel,
        final boolean labelIsMaker,
        final IdFormat ids,
        final TimeFormat times)
    {
        return new TradeFields(ascii(symbol), ascii(tradeId), ascii(price), ascii(size), ascii(side), ascii(time),
            ascii(buyLabel), ascii(sellLabel), labelIsMaker, ids, times);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
