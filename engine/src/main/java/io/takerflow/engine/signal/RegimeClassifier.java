package io.takerflow.engine.signal;

/**
 * Turns the flow Z-score and the smoothed Coinbase premium into flow and spot states with hysteresis, and
 * those into a {@link Regime}:
 * <ul>
 * <li>RISK_OFF: flow SELLERS and spot ABSENT;</li>
 * <li>RISK_ON: flow BUYERS and spot PRESENT;</li>
 * <li>RECOVERING: flow went from SELLERS back to BALANCED, the imbalance has not widened below where the
 * sellers' state was left, and spot is not yet PRESENT;</li>
 * <li>NEUTRAL: anything else.</li>
 * </ul>
 * While the input is degraded nothing changes: states and regime hold.
 */
public final class RegimeClassifier
{
    private final RegimeThresholds thresholds;
    private FlowState flowState = FlowState.BALANCED;
    private SpotState spotState = SpotState.FLAT;
    private Regime regime = Regime.NEUTRAL;
    private Regime previousRegime = Regime.NEUTRAL;
    private boolean recovering;
    private double imbalanceAtSellersExit;
    private RegimeReason lastReason = RegimeReason.FLOW_CHANGED;

    /**
     * @param thresholds the hysteresis levels.
     */
    public RegimeClassifier(final RegimeThresholds thresholds)
    {
        this.thresholds = thresholds;
    }

    /**
     * Updates the states from the latest values.
     *
     * @param zScore           flow Z-score, NaN while warming up (flow state then holds).
     * @param imbalance        current window imbalance.
     * @param smoothedPremium  smoothed premium in percent, NaN if unknown (spot state then holds).
     * @param degraded         true if any required input is unhealthy: nothing changes.
     * @return true if the regime changed; see {@link #regime()} and {@link #lastReason()}.
     */
    public boolean update(final double zScore, final double imbalance, final double smoothedPremium, final boolean degraded)
    {
        if (degraded)
        {
            return false;
        }
        final FlowState previousFlow = flowState;
        final SpotState previousSpot = spotState;
        if (!Double.isNaN(zScore))
        {
            flowState = nextFlowState(flowState, zScore);
        }
        if (!Double.isNaN(smoothedPremium))
        {
            spotState = nextSpotState(spotState, smoothedPremium);
        }

        if (previousFlow == FlowState.SELLERS && flowState == FlowState.BALANCED)
        {
            recovering = true;
            imbalanceAtSellersExit = imbalance;
        }
        RegimeReason recoveryEnd = null;
        if (recovering)
        {
            if (flowState != FlowState.BALANCED)
            {
                recovering = false;
                recoveryEnd = RegimeReason.FLOW_CHANGED;
            }
            else if (spotState == SpotState.PRESENT)
            {
                recovering = false;
                recoveryEnd = RegimeReason.SPOT_RETURNED;
            }
            else if (imbalance < imbalanceAtSellersExit)
            {
                recovering = false;
                recoveryEnd = RegimeReason.SELLING_RESUMED_WIDENING;
            }
        }

        final Regime next;
        if (flowState == FlowState.SELLERS && spotState == SpotState.ABSENT)
        {
            next = Regime.RISK_OFF;
        }
        else if (flowState == FlowState.BUYERS && spotState == SpotState.PRESENT)
        {
            next = Regime.RISK_ON;
        }
        else if (recovering)
        {
            next = Regime.RECOVERING;
        }
        else
        {
            next = Regime.NEUTRAL;
        }
        if (next == regime)
        {
            return false;
        }
        lastReason = reason(next, recoveryEnd, previousFlow, previousSpot);
        previousRegime = regime;
        regime = next;
        return true;
    }

    private RegimeReason reason(
        final Regime next, final RegimeReason recoveryEnd, final FlowState previousFlow, final SpotState previousSpot)
    {
        switch (next)
        {
            case RISK_OFF:
                return RegimeReason.SELLERS_WITH_SPOT_ABSENT;
            case RISK_ON:
                return RegimeReason.BUYERS_WITH_SPOT_PRESENT;
            case RECOVERING:
                return RegimeReason.SELLERS_EXHAUSTED;
            default:
                if (recoveryEnd != null && regime == Regime.RECOVERING)
                {
                    return recoveryEnd;
                }
                return flowState != previousFlow ? RegimeReason.FLOW_CHANGED :
                    spotState != previousSpot ? RegimeReason.SPOT_CHANGED : RegimeReason.FLOW_CHANGED;
        }
    }

    private FlowState nextFlowState(final FlowState current, final double z)
    {
        FlowState state = current;
        if (state == FlowState.SELLERS && z > thresholds.sellersExitZ())
        {
            state = FlowState.BALANCED;
        }
        else if (state == FlowState.BUYERS && z < thresholds.buyersExitZ())
        {
            state = FlowState.BALANCED;
        }
        if (state == FlowState.BALANCED)
        {
            if (z <= thresholds.sellersEnterZ())
            {
                state = FlowState.SELLERS;
            }
            else if (z >= thresholds.buyersEnterZ())
            {
                state = FlowState.BUYERS;
            }
        }
        return state;
    }

    private SpotState nextSpotState(final SpotState current, final double premium)
    {
        SpotState state = current;
        if (state == SpotState.ABSENT && premium >= thresholds.absentExitPct())
        {
            state = SpotState.FLAT;
        }
        else if (state == SpotState.PRESENT && premium <= thresholds.presentExitPct())
        {
            state = SpotState.FLAT;
        }
        if (state == SpotState.FLAT)
        {
            if (premium <= thresholds.absentEnterPct())
            {
                state = SpotState.ABSENT;
            }
            else if (premium >= thresholds.presentEnterPct())
            {
                state = SpotState.PRESENT;
            }
        }
        return state;
    }

    public FlowState flowState()
    {
        return flowState;
    }

    public SpotState spotState()
    {
        return spotState;
    }

    public Regime regime()
    {
        return regime;
    }

    /**
     * @return the regime before the last change.
     */
    public Regime previousRegime()
    {
        return previousRegime;
    }

    /**
     * @return why the last regime change happened.
     */
    public RegimeReason lastReason()
    {
        return lastReason;
    }
}
