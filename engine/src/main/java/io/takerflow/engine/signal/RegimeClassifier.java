package io.takerflow.engine.signal;

/**
 * Turns the flow Z-score and the smoothed Coinbase premium into flow and spot states with hysteresis, and
 * those into a {@link Regime}. Every regime has hysteresis on both ends:
 * <ul>
 * <li>RISK_OFF: entered when flow is SELLERS and spot ABSENT; held until one of them leaves its state (each
 * state is left at a less extreme level than it is entered).</li>
 * <li>RECOVERING: entered only from RISK_OFF, when flow leaves SELLERS while spot is not PRESENT (selling faded,
 * spot buyers not back yet). SELLERS with spot FLAT is not risk-off, so its fading is not a recovery: there is no
 * RECOVERING from NEUTRAL. It holds until flow re-enters SELLERS (to RISK_OFF if spot is ABSENT, else NEUTRAL),
 * spot turns PRESENT (to RISK_ON with buyers, else NEUTRAL), the Z-score falls below {@code recoveryFailZ}
 * (NEUTRAL: the selling is coming back) or {@code recoveryMaxAge} passes without spot buyers (NEUTRAL).</li>
 * <li>RISK_ON: entered when flow is BUYERS and spot PRESENT; held until one of them leaves its state.</li>
 * <li>NEUTRAL: anything else.</li>
 * </ul>
 * No regime is left before it has lasted {@code minRegimeDwell}: a change that comes due earlier waits, and is
 * taken after the dwell only if the states still call for it. While the input is held (degraded or thin) nothing
 * changes: flow state, spot state and regime all hold.
 */
public final class RegimeClassifier
{
    private final RegimeThresholds thresholds;
    private final double recoveryFailZ;
    private final long recoveryMaxAgeNs;
    private final long minDwellNs;
    private FlowState flowState = FlowState.BALANCED;
    private SpotState spotState = SpotState.FLAT;
    private Regime regime = Regime.NEUTRAL;
    private Regime previousRegime = Regime.NEUTRAL;
    private RegimeReason lastReason = RegimeReason.FLOW_CHANGED;
    private RegimeReason nextReason = RegimeReason.FLOW_CHANGED;
    private long regimeSinceNs = Long.MIN_VALUE;

    /**
     * @param thresholds       the hysteresis levels of the flow and spot states.
     * @param recoveryFailZ    RECOVERING ends when z falls below this; below {@code thresholds.sellersExitZ()}.
     * @param recoveryMaxAgeNs RECOVERING ends when it has lasted this long.
     * @param minDwellNs       every regime lasts at least this long.
     */
    public RegimeClassifier(
        final RegimeThresholds thresholds, final double recoveryFailZ, final long recoveryMaxAgeNs,
        final long minDwellNs)
    {
        this.thresholds = thresholds;
        this.recoveryFailZ = recoveryFailZ;
        this.recoveryMaxAgeNs = recoveryMaxAgeNs;
        this.minDwellNs = minDwellNs;
    }

    /**
     * @param config a market's configuration.
     * @return a classifier with that market's thresholds, recovery limits and dwell.
     */
    public static RegimeClassifier of(final MarketConfig config)
    {
        return new RegimeClassifier(
            config.thresholds(), config.recoveryFailZ(), config.recoveryMaxAgeNs(), config.minRegimeDwellNs());
    }

    /**
     * Updates the states from the latest values.
     *
     * @param nowNs           the event time.
     * @param zScore          flow Z-score, NaN while warming up or thin (flow state then holds).
     * @param smoothedPremium smoothed premium in percent, NaN if unknown (spot state then holds).
     * @param hold            true if the input cannot be trusted now (degraded, thin): nothing changes.
     * @return true if the regime changed; see {@link #regime()} and {@link #lastReason()}.
     */
    public boolean update(final long nowNs, final double zScore, final double smoothedPremium, final boolean hold)
    {
        if (hold)
        {
            return false;
        }
        if (!Double.isNaN(zScore))
        {
            flowState = nextFlowState(flowState, zScore);
        }
        if (!Double.isNaN(smoothedPremium))
        {
            spotState = nextSpotState(spotState, smoothedPremium);
        }
        final Regime next = next(nowNs, zScore);
        if (next == regime || (regimeSinceNs != Long.MIN_VALUE && nowNs - regimeSinceNs < minDwellNs))
        {
            return false;
        }
        lastReason = nextReason;
        previousRegime = regime;
        regime = next;
        regimeSinceNs = nowNs;
        return true;
    }

    /**
     * The regime the current states call for, from the current regime; sets {@link #nextReason}.
     */
    private Regime next(final long nowNs, final double zScore)
    {
        if (regime == Regime.RECOVERING)
        {
            if (flowState == FlowState.SELLERS)
            {
                nextReason = RegimeReason.SELLING_RESUMED;
                return spotState == SpotState.ABSENT ? Regime.RISK_OFF : Regime.NEUTRAL;
            }
            if (spotState == SpotState.PRESENT)
            {
                if (flowState == FlowState.BUYERS)
                {
                    nextReason = RegimeReason.BUYERS_WITH_SPOT_PRESENT;
                    return Regime.RISK_ON;
                }
                nextReason = RegimeReason.SPOT_RETURNED;
                return Regime.NEUTRAL;
            }
            if (zScore < recoveryFailZ)
            {
                nextReason = RegimeReason.RECOVERY_FAILED;
                return Regime.NEUTRAL;
            }
            if (nowNs - regimeSinceNs >= recoveryMaxAgeNs)
            {
                nextReason = RegimeReason.RECOVERY_EXPIRED;
                return Regime.NEUTRAL;
            }
            return Regime.RECOVERING;
        }
        if (flowState == FlowState.SELLERS && spotState == SpotState.ABSENT)
        {
            nextReason = RegimeReason.SELLERS_WITH_SPOT_ABSENT;
            return Regime.RISK_OFF;
        }
        if (flowState == FlowState.BUYERS && spotState == SpotState.PRESENT)
        {
            nextReason = RegimeReason.BUYERS_WITH_SPOT_PRESENT;
            return Regime.RISK_ON;
        }
        if (regime == Regime.RISK_OFF && flowState != FlowState.SELLERS && spotState != SpotState.PRESENT)
        {
            nextReason = RegimeReason.SELLERS_EXHAUSTED;
            return Regime.RECOVERING;
        }
        if (regime == Regime.RISK_OFF)
        {
            nextReason = flowState == FlowState.SELLERS ? RegimeReason.SPOT_CHANGED : RegimeReason.SPOT_RETURNED;
        }
        else
        {
            nextReason = regime == Regime.RISK_ON && flowState == FlowState.BUYERS ?
                RegimeReason.SPOT_CHANGED : RegimeReason.FLOW_CHANGED;
        }
        return Regime.NEUTRAL;
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

    /**
     * @return the taker-flow state after the last update.
     */
    public FlowState flowState()
    {
        return flowState;
    }

    /**
     * @return the spot (Coinbase premium) state after the last update.
     */
    public SpotState spotState()
    {
        return spotState;
    }

    /**
     * @return the regime after the last update.
     */
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
