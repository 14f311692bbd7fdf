package io.takerflow.engine.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegimeClassifierTest
{
    private static final double NO_PREMIUM = Double.NaN;
    private final RegimeClassifier classifier = new RegimeClassifier(RegimeThresholds.DEFAULT);

    @Test
    void flowStateHysteresisEdges()
    {
        classifier.update(-1.4999, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);
        classifier.update(-1.5, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).isEqualTo(FlowState.SELLERS);
        classifier.update(-0.5, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).as("leaving needs z above -0.5").isEqualTo(FlowState.SELLERS);
        classifier.update(-0.4999, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);

        classifier.update(1.4999, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);
        classifier.update(1.5, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BUYERS);
        classifier.update(0.5, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BUYERS);
        classifier.update(0.4999, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);

        classifier.update(1.6, 0, NO_PREMIUM, false);
        classifier.update(-2.0, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).as("a jump crosses both lines in one update").isEqualTo(FlowState.SELLERS);
        classifier.update(Double.NaN, 0, NO_PREMIUM, false);
        assertThat(classifier.flowState()).as("no z, no change").isEqualTo(FlowState.SELLERS);
    }

    @Test
    void spotStateHysteresisEdges()
    {
        classifier.update(Double.NaN, 0, -0.0199, false);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
        classifier.update(Double.NaN, 0, -0.02, false);
        assertThat(classifier.spotState()).isEqualTo(SpotState.ABSENT);
        classifier.update(Double.NaN, 0, -0.0001, false);
        assertThat(classifier.spotState()).isEqualTo(SpotState.ABSENT);
        classifier.update(Double.NaN, 0, 0.0, false);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
        classifier.update(Double.NaN, 0, 0.02, false);
        assertThat(classifier.spotState()).isEqualTo(SpotState.PRESENT);
        classifier.update(Double.NaN, 0, 0.0001, false);
        assertThat(classifier.spotState()).isEqualTo(SpotState.PRESENT);
        classifier.update(Double.NaN, 0, 0.0, false);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
    }

    @Test
    void riskOffThenRecoveringThenNeutralWhenSpotReturns()
    {
        assertThat(classifier.update(-2.0, -0.3, -0.05, false)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.RISK_OFF);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SELLERS_WITH_SPOT_ABSENT);

        assertThat(classifier.update(-1.0, -0.2, -0.05, false)).as("still sellers inside the band").isFalse();

        assertThat(classifier.update(-0.4, -0.1, -0.05, false)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.RECOVERING);
        assertThat(classifier.previousRegime()).isEqualTo(Regime.RISK_OFF);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SELLERS_EXHAUSTED);

        assertThat(classifier.update(0.0, -0.05, -0.01, false)).isFalse();
        assertThat(classifier.regime()).isEqualTo(Regime.RECOVERING);

        assertThat(classifier.update(0.2, 0.0, 0.03, false)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SPOT_RETURNED);

        assertThat(classifier.update(1.5, 0.2, 0.03, false)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.RISK_ON);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.BUYERS_WITH_SPOT_PRESENT);
    }

    @Test
    void recoveringEndsWhenTheImbalanceWidensAgain()
    {
        classifier.update(-2.0, -0.3, -0.05, false);
        classifier.update(-0.4, -0.10, -0.05, false);
        assertThat(classifier.regime()).isEqualTo(Regime.RECOVERING);
        assertThat(classifier.update(-0.45, -0.11, -0.05, false)).isTrue();
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(classifier.lastReason()).isEqualTo(RegimeReason.SELLING_RESUMED_WIDENING);
        assertThat(classifier.update(0.0, 0.0, -0.05, false)).as("no re-entry without a new sellers episode").isFalse();
    }

    @Test
    void sellersWithoutSpotAbsenceIsNeutral()
    {
        assertThat(classifier.update(-2.0, -0.3, 0.0, false)).isFalse();
        assertThat(classifier.flowState()).isEqualTo(FlowState.SELLERS);
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
    }

    @Test
    void degradedInputChangesNothing()
    {
        assertThat(classifier.update(-2.0, -0.3, -0.05, true)).isFalse();
        assertThat(classifier.flowState()).isEqualTo(FlowState.BALANCED);
        assertThat(classifier.spotState()).isEqualTo(SpotState.FLAT);
        assertThat(classifier.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(classifier.update(-2.0, -0.3, -0.05, false)).isTrue();
        assertThat(classifier.update(2.0, 0.3, 0.05, true)).isFalse();
        assertThat(classifier.regime()).isEqualTo(Regime.RISK_OFF);
    }

    @Test
    void thresholdsMustBeOrderedForHysteresis()
    {
        assertThatThrownBy(() -> new RegimeThresholds(-0.5, -1.5, 1.5, 0.5, -0.02, 0, 0.02, 0))
            .hasMessageContaining("sellersEnterZ");
        assertThatThrownBy(() -> new RegimeThresholds(-1.5, -0.5, 1.5, 0.5, -0.02, 0, 0.02, Double.NaN))
            .hasMessageContaining("presentExitPct");
    }
}
