package io.takerflow.engine.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RegimeClassifierTest
{
    private static final double NO_PREMIUM = Double.NaN;
    private static final long SECOND = 1_000_000_000L;
    private static final long DWELL = 10 * SECOND;
    private static final long MAX_AGE = 600 * SECOND;

    private final RegimeClassifier classifier = new RegimeClassifier(RegimeThresholds.DEFAULT, -1.0, MAX_AGE, DWELL);
    private long now = 1_000 * SECOND;

    private boolean update(final double z, final double premium)
    {
        return classifier.update(now, z, premium, false);
    }

    private boolean after(final long ns, final double z, final double premium)
    {
        now += ns;
        return update(z, premium);
    }

    @Test
    void flowStateHysteresisEdges()
    {
        update(-1.4999, NO_PREMIUM);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);
        update(-1.5, NO_PREMIUM);
        assertThat(classifier.flowState()).isEqualTo(FlowState.SELLERS);
        update(-0.5, NO_PREMIUM);
        assertThat(classifier.flowState()).as("leaving needs z above -0.5").isEqualTo(FlowState.SELLERS);
        update(-0.4999, NO_PREMIUM);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);

        update(1.4999, NO_PREMIUM);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);
        update(1.5, NO_PREMIUM);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BUYERS);
        update(0.5, NO_PREMIUM);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BUYERS);
        update(0.4999, NO_PREMIUM);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);

        update(1.6, NO_PREMIUM);
        update(-2.0, NO_PREMIUM);
        assertThat(classifier.flowState()).as("a jump crosses both lines in one update").isEqualTo(FlowState.SELLERS);
        update(Double.NaN, NO_PREMIUM);
        assertThat(classifier.flowState()).as("no z, no change").isEqualTo(FlowState.SELLERS);
    }

    @Test
    void spotStateHysteresisEdges()
    {
        update(Double.NaN, -0.0499);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
        update(Double.NaN, -0.05);
        assertThat(classifier.spotState()).isEqualTo(SpotState.ABSENT);
        update(Double.NaN, -0.0001);
        assertThat(classifier.spotState()).isEqualTo(SpotState.ABSENT);
        update(Double.NaN, 0.0);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
        update(Double.NaN, 0.0499);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
        update(Double.NaN, 0.05);
        assertThat(classifier.spotState()).isEqualTo(SpotState.PRESENT);
        update(Double.NaN, 0.0001);
        assertThat(classifier.spotState()).isEqualTo(SpotState.PRESENT);
        update(Double.NaN, 0.0);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
    }

    @Test
    void riskOffThenRecoveringThenRiskOnWhenBuyersAndSpotReturn()
    {
        assertThat(update(-2.0, -0.06)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.RISK_OFF);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SELLERS_WITH_SPOT_ABSENT);

        assertThat(after(DWELL, -1.0, -0.06)).as("still sellers inside the band").isFalse();

        assertThat(after(SECOND, -0.4, -0.06)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.RECOVERING);
        assertThat(classifier.previousRegime()).isEqualTo(Regime.RISK_OFF);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SELLERS_EXHAUSTED);

        assertThat(after(DWELL, 0.0, -0.01)).isFalse();
        assertThat(classifier.regime()).isEqualTo(Regime.RECOVERING);

        assertThat(after(SECOND, 1.6, 0.06)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.RISK_ON);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.BUYERS_WITH_SPOT_PRESENT);
    }

    /**
     * Issue 9, defect 1: recovery used to end as soon as the imbalance was below where the sellers' state was left,
     * by any amount (RISK_OFF, RECOVERING, NEUTRAL within 12 ms in the demo). Now only a z below recoveryFailZ
     * ends it, and never before the dwell.
     */
    @Test
    void recoveringHoldsThroughNoiseAndFailsOnlyBelowRecoveryFailZ()
    {
        update(-2.0, -0.06);
        after(DWELL, -0.45, -0.06);
        assertThat(classifier.regime()).isEqualTo(Regime.RECOVERING);
        for (int i = 0; i < 100; i++)
        {
            assertThat(after(SECOND / 10, i % 2 == 0 ? -0.99 : -0.46, -0.06)).as("step %d", i).isFalse();
        }
        assertThat(after(SECOND, -1.01, -0.06)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.RECOVERY_FAILED);
        assertThat(after(DWELL, -0.2, -0.06)).as("no RECOVERING from NEUTRAL").isFalse();
    }

    @Test
    void recoveringEndsWhenSellingResumesOrItExpires()
    {
        update(-2.0, -0.06);
        after(DWELL, -0.4, -0.06);
        assertThat(classifier.regime()).isEqualTo(Regime.RECOVERING);
        assertThat(after(SECOND, -1.6, -0.06)).as("within the dwell").isFalse();
        assertThat(after(DWELL, -1.6, -0.06)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.RISK_OFF);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SELLING_RESUMED);

        after(DWELL, -0.3, -0.06);
        assertThat(classifier.regime()).isEqualTo(Regime.RECOVERING);
        assertThat(after(MAX_AGE - SECOND, -0.3, -0.06)).isFalse();
        assertThat(after(SECOND, -0.3, -0.06)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.RECOVERY_EXPIRED);
    }

    @Test
    void recoveringEndsInNeutralWhenSpotReturnsWithoutBuyers()
    {
        update(-2.0, -0.06);
        after(DWELL, -0.4, -0.06);
        assertThat(after(DWELL, 0.0, 0.06)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SPOT_RETURNED);
    }

    @Test
    void sellersFadingWithoutPriorRiskOffIsNotARecovery()
    {
        assertThat(update(-2.0, 0.0)).isFalse();
        assertThat(classifier.flowState()).isEqualTo(FlowState.SELLERS);
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(after(DWELL, -0.3, 0.0)).isFalse();
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
    }

    @Test
    void aChangeDueWithinTheDwellWaitsAndIsDroppedIfTheStatesNoLongerCallForIt()
    {
        update(-2.0, -0.06);
        assertThat(classifier.regime()).isEqualTo(Regime.RISK_OFF);
        assertThat(after(SECOND, -2.0, 0.0)).as("spot left ABSENT, but within the dwell").isFalse();
        assertThat(after(SECOND, -2.0, -0.06)).isFalse();
        assertThat(after(DWELL, -2.0, -0.06)).as("states call for RISK_OFF again: nothing to do").isFalse();
        assertThat(after(SECOND, -2.0, 0.0)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SPOT_CHANGED);
    }

    @Test
    void heldInputChangesNothing()
    {
        assertThat(classifier.update(now, -2.0, -0.06, true)).isFalse();
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(update(-2.0, -0.06)).isTrue();
        now += 2 * DWELL;
        assertThat(classifier.update(now, 2.0, 0.06, true)).isFalse();
        assertThat(classifier.regime()).isEqualTo(Regime.RISK_OFF);
        assertThat(classifier.flowState()).as("flow state holds too").isEqualTo(FlowState.SELLERS);
        assertThat(classifier.spotState()).as("spot state holds too").isEqualTo(SpotState.ABSENT);
    }

    @Test
    void thresholdsMustBeOrderedForHysteresis()
    {
        assertThatThrownBy(() -> new RegimeThresholds(-0.5, -1.5, 1.5, 0.5, -0.02, 0, 0.02, 0))
            .hasMessageContaining("sellersEnterZ");
        assertThatThrownBy(() -> new RegimeThresholds(-1.5, -0.5, 1.5, 0.5, -0.02, 0, 0.02, Double.NaN))
            .hasMessageContaining("presentExitPct");
        assertThatThrownBy(() -> MarketConfig.builder("BTC").flowInstruments(0).recoveryFailZ(-0.5).build())
            .hasMessageContaining("recoveryFailZ").hasMessageContaining("sellersExitZ");
        assertThatThrownBy(() -> MarketConfig.builder("BTC").flowInstruments(0)
            .recoveryMaxAge(1, TimeUnit.MINUTES).minRegimeDwell(2, TimeUnit.MINUTES).build())
            .hasMessageContaining("recoveryMaxAge").hasMessageContaining("minRegimeDwell");
        assertThatThrownBy(() -> MarketConfig.builder("BTC").flowInstruments(0).minWindowTrades(0).build())
            .hasMessageContaining("minWindowTrades");
    }
}
