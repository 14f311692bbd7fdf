package io.takerflow.sim;

import io.takerflow.engine.input.TakerSide;

/**
 * One simulated trade, reused: price and quantity as exact decimals (mantissa, scale), the taker side, the venue
 * trade id and its exchange time.
 */
public final class SimTrade
{
    long tradeId;
    long timeMs;
    long priceMantissa;
    int priceScale;
    long quantityMantissa;
    int quantityScale;
    TakerSide takerSide;
    long scheduledNs;

    /**
     * @return the venue trade id.
     */
    public long tradeId()
    {
        return tradeId;
    }

    /**
     * @return the exchange time, epoch ms.
     */
    public long timeMs()
    {
        return timeMs;
    }

    /**
     * @return the price mantissa.
     */
    public long priceMantissa()
    {
        return priceMantissa;
    }

    /**
     * @return the price's decimal places.
     */
    public int priceScale()
    {
        return priceScale;
    }

    /**
     * @return the quantity mantissa.
     */
    public long quantityMantissa()
    {
        return quantityMantissa;
    }

    /**
     * @return the quantity's decimal places.
     */
    public int quantityScale()
    {
        return quantityScale;
    }

    /**
     * @return the aggressor.
     */
    public TakerSide takerSide()
    {
        return takerSide;
    }

    /**
     * @return when the simulator was scheduled to send this trade ({@link System#nanoTime()}), for latency
     * measurement free of coordinated omission.
     */
    public long scheduledNs()
    {
        return scheduledNs;
    }
}
