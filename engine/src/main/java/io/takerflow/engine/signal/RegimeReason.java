package io.takerflow.engine.signal;

/**
 * Why the regime changed, in a trader's words.
 */
public enum RegimeReason
{
    /** Takers are selling and Coinbase trades at a discount. */
    SELLERS_WITH_SPOT_ABSENT("takers are selling and Coinbase trades at a discount"),
    /** Takers are buying and Coinbase trades at a premium. */
    BUYERS_WITH_SPOT_PRESENT("takers are buying and Coinbase trades at a premium"),
    /** Selling pressure has faded back to balanced while spot buyers are still absent. */
    SELLERS_EXHAUSTED("selling pressure has faded back to balanced while spot buyers are still absent"),
    /** Takers are selling again before spot buyers returned. */
    SELLING_RESUMED("takers are selling again before spot buyers returned"),
    /** Coinbase spot buyers are back. */
    SPOT_RETURNED("Coinbase spot buyers are back"),
    /** Taker flow left the regime's condition. */
    FLOW_CHANGED("taker flow left the regime's condition"),
    /** The Coinbase premium left the regime's condition. */
    SPOT_CHANGED("the Coinbase premium left the regime's condition"),
    /** The Z-score fell back below the recovery's failure level before spot buyers returned. */
    RECOVERY_FAILED("the Z-score fell back below the recovery's failure level before spot buyers returned"),
    /** Spot buyers did not return within the recovery's maximum age. */
    RECOVERY_EXPIRED("spot buyers did not return within the recovery's maximum age");

    private final String description;

    RegimeReason(final String description)
    {
        this.description = description;
    }

    /**
     * @return a sentence fragment for logs and screens.
     */
    public String description()
    {
        return description;
    }
}
