package io.takerflow.engine.input;

/**
 * The side of the aggressor: the order that crossed the spread and took liquidity.
 * A taker BUY lifts offers, a taker SELL hits bids.
 */
public enum TakerSide
{
    /** The taker (aggressor) bought: the trade lifted an offer. */
    BUY,
    /** The taker (aggressor) sold: the trade hit a bid. */
    SELL;

    private static final TakerSide[] VALUES = values();

    /**
     * @return the other side; on venues that label trades with the maker's side the taker is the opposite.
     */
    public TakerSide opposite()
    {
        return this == BUY ? SELL : BUY;
    }

    /**
     * @param ordinal as returned by {@link #ordinal()}.
     * @return the side with that ordinal, without allocating.
     */
    public static TakerSide fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
