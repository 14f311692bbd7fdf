package io.takerflow.feeds.bitfinex;

import io.takerflow.engine.input.TakerSide;
import io.takerflow.feeds.JsonDecimal;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * One Bitfinex trade, {@code [ID, MTS, AMOUNT, PRICE]}, as both the WebSocket ({@code te} and snapshots) and the REST
 * history ({@code trades/t{SYMBOL}/hist}) send it: AMOUNT positive when the taker bought, negative when it sold, its
 * absolute value the size; elements after the fourth are skipped. One reader, so both read the side the same way.
 */
final class BitfinexTrade
{
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private BitfinexTrade()
    {
    }

    /**
     * @param json   positioned on the trade's array.
     * @param number scratch for the JSON numbers.
     * @param sink   handed the trade.
     * @return false if it is not a trade (a field missing, a zero amount, a price or time not positive); nothing is
     * handed over then.
     */
    static boolean read(final JsonCursor json, final JsonDecimal number, final TradeHistory.PageSink sink)
    {
        if (!json.beginArray() || !json.nextElement() || !json.readLong())
        {
            return false;
        }
        final long tradeId = json.mantissa();
        if (!json.nextElement() || !json.readLong())
        {
            return false;
        }
        final long timeMs = json.mantissa();
        if (!json.nextElement() || !number.read(json))
        {
            return false;
        }
        final long amount = number.mantissa();
        final int amountScale = number.scale();
        if (!json.nextElement() || !number.read(json))
        {
            return false;
        }
        while (json.nextElement())
        {
            json.skipValue();
        }
        if (json.failed() || amount == 0 || number.mantissa() <= 0 || timeMs <= 0)
        {
            return false;
        }
        sink.onTrade(tradeId, timeMs * NANOS_PER_MILLI, number.mantissa(), number.scale(), Math.abs(amount),
            amountScale, amount > 0 ? TakerSide.BUY : TakerSide.SELL);
        return true;
    }
}
