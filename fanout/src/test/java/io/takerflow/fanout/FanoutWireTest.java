package io.takerflow.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.takerflow.engine.input.EnumCodes;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.FlowState;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeReason;
import io.takerflow.engine.signal.SignalFlags;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.engine.signal.SpotState;
import io.takerflow.fanout.sbe.MessageHeaderEncoder;
import io.takerflow.fanout.sbe.SignalDecoder;

/**
 * The fanout's wire, without Aeron: enums travel as the explicit codes of {@link FanoutCodes} (pinned here, so a
 * reordered enum or a changed code fails), the backfilled count travels, and a code the subscriber does not know
 * is refused.
 */
class FanoutWireTest
{
    private static final int BODY = MessageHeaderEncoder.ENCODED_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SignalPublisher.MESSAGE_LENGTH]);
    private final SignalPublisher publisher = new SignalPublisher(null,
        List.of(MarketConfig.builder("BTC").flowInstruments(0).build()), null);

    @Test
    void aSignalCarriesPinnedCodesNotOrdinalsAndItsBackfilledCount()
    {
        final SignalSnapshot signal = new SignalSnapshot().set("BTC", 0, 1_000L, 3.0, 1.0, 1.8, 500, 37, 9, 200,
            0.07, 0.06, FlowState.BUYERS, SpotState.PRESENT, Regime.RISK_ON, SignalFlags.PREMIUM_STALE);
        publisher.encode(buffer, signal, 5, true, Regime.RECOVERING, RegimeReason.BUYERS_WITH_SPOT_PRESENT, 900L);

        // the codes FanoutCodes gives (BUYERS is ordinal 2, PRESENT 2, RISK_ON 2, RECOVERING 1, the reason 1)
        assertThat(buffer.getByte(BODY + SignalDecoder.flowStateEncodingOffset())).isEqualTo((byte)3);
        assertThat(buffer.getByte(BODY + SignalDecoder.spotStateEncodingOffset())).isEqualTo((byte)3);
        assertThat(buffer.getByte(BODY + SignalDecoder.regimeEncodingOffset())).isEqualTo((byte)3);
        assertThat(buffer.getByte(BODY + SignalDecoder.previousRegimeEncodingOffset())).isEqualTo((byte)2);
        assertThat(buffer.getByte(BODY + SignalDecoder.regimeReasonEncodingOffset())).isEqualTo((byte)2);

        final RemoteSignalView view = new RemoteSignalView().wrap(buffer, BODY, SignalDecoder.BLOCK_LENGTH,
            SignalDecoder.SCHEMA_VERSION);
        assertThat(view.codesKnown()).isTrue();
        assertThat(view.flowState()).isEqualTo(FlowState.BUYERS);
        assertThat(view.spotState()).isEqualTo(SpotState.PRESENT);
        assertThat(view.regime()).isEqualTo(Regime.RISK_ON);
        assertThat(view.previousRegime()).isEqualTo(Regime.RECOVERING);
        assertThat(view.regimeReason()).isEqualTo(RegimeReason.BUYERS_WITH_SPOT_PRESENT);
        assertThat(view.windowTrades()).isEqualTo(500);
        assertThat(view.backfilledTrades()).isEqualTo(37);
        assertThat(view.eventSequence()).isEqualTo(9);
        assertThat(view.market()).isEqualTo("BTC");
    }

    @Test
    void aCodeTheSubscriberDoesNotKnowIsRefused()
    {
        final SignalSnapshot signal = new SignalSnapshot().set("BTC", 0, 1_000L, 1.0, 1.0, 0.0, 200, 0, 1, 200,
            0.0, 0.0, FlowState.BALANCED, SpotState.FLAT, Regime.NEUTRAL, 0);
        publisher.encode(buffer, signal, 1, false, Regime.NEUTRAL, RegimeReason.FLOW_CHANGED, 0L);
        final RemoteSignalView view = new RemoteSignalView().wrap(buffer, BODY, SignalDecoder.BLOCK_LENGTH,
            SignalDecoder.SCHEMA_VERSION);
        assertThat(view.codesKnown()).isTrue();
        buffer.putByte(BODY + SignalDecoder.regimeEncodingOffset(), (byte)0);
        assertThat(view.codesKnown()).as("0 is never a code").isFalse();
        buffer.putByte(BODY + SignalDecoder.regimeEncodingOffset(), (byte)200);
        assertThat(view.codesKnown()).isFalse();
    }

    @Test
    void everyConstantHasOneCodeAndTheCodesArePinned()
    {
        roundTrip(FanoutCodes.FLOW_STATES, FlowState.class);
        roundTrip(FanoutCodes.SPOT_STATES, SpotState.class);
        roundTrip(FanoutCodes.REGIMES, Regime.class);
        roundTrip(FanoutCodes.REASONS, RegimeReason.class);
        roundTrip(FanoutCodes.VENUES, Venue.class);
        roundTrip(FanoutCodes.SIDES, TakerSide.class);
        roundTrip(FanoutCodes.FEED_STATES, FeedState.class);
        // a sample of the published codes: subscribers of other builds depend on them
        assertThat(FanoutCodes.REGIMES.code(Regime.NEUTRAL)).isEqualTo((byte)4);
        assertThat(FanoutCodes.REASONS.code(RegimeReason.RECOVERY_EXPIRED)).isEqualTo((byte)9);
        assertThat(FanoutCodes.VENUES.code(Venue.BITFINEX)).isEqualTo((byte)15);
        assertThat(FanoutCodes.SIDES.code(TakerSide.SELL)).isEqualTo((byte)2);
        assertThat(FanoutCodes.FEED_STATES.code(FeedState.GAP)).isEqualTo((byte)4);
    }

    @Test
    void reorderingAnEnumDoesNotChangeItsCodes()
    {
        final EnumCodes<Before> before = new EnumCodes<>(Before.class, "FanoutCodes", Before.SELL, 1, Before.BUY, 2);
        final EnumCodes<After> after = new EnumCodes<>(After.class, "FanoutCodes", After.SELL, 1, After.BUY, 2);
        assertThat(before.code(Before.BUY)).isEqualTo(after.code(After.BUY)).isEqualTo((byte)2);
        assertThat(before.code(Before.SELL)).isEqualTo(after.code(After.SELL)).isEqualTo((byte)1);
    }

    @Test
    void aConstantWithoutACodeFailsAtOnce()
    {
        assertThatThrownBy(() -> new EnumCodes<>(Before.class, "FanoutCodes", Before.BUY, 1))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("Before.SELL has no code in FanoutCodes");
        assertThatThrownBy(() -> new EnumCodes<>(Before.class, "FanoutCodes", Before.BUY, 1, Before.SELL, 1))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("given twice");
    }

    private static <E extends Enum<E>> void roundTrip(final EnumCodes<E> codes, final Class<E> type)
    {
        final Set<Byte> seen = new HashSet<>();
        for (final E constant : EnumSet.allOf(type))
        {
            final byte code = codes.code(constant);
            assertThat(code).as("%s", constant).isBetween((byte)1, (byte)127);
            assertThat(seen.add(code)).as("%s has a code of its own", constant).isTrue();
            assertThat(codes.constant(code)).isEqualTo(constant);
        }
        assertThat(codes.constant(0)).isNull();
    }

    private enum Before
    {
        BUY, SELL
    }

    private enum After
    {
        SELL, BUY
    }
}
