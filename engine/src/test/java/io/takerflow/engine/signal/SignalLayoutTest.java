package io.takerflow.engine.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The one signal layout: the named offsets hold the values a view reports (read back here independently through a
 * little-endian {@link ByteBuffer}), a snapshot is a byte copy, and enum codes are explicit.
 */
class SignalLayoutTest
{
    @Test
    void namedOffsetsHoldTheValuesLittleEndian()
    {
        final SignalSnapshot snapshot = new SignalSnapshot().set("BTC", 3, 1_760_000_000_123L, 30.0, 10.0, -1.75,
            412, 37, 99, 170, -0.0771, -0.0654, FlowState.SELLERS, SpotState.ABSENT, Regime.RISK_OFF,
            SignalFlags.THIN | SignalFlags.DEGRADED);

        final byte[] bytes = new byte[SignalLayout.LENGTH];
        snapshot.buffer().getBytes(snapshot.offset(), bytes);
        final ByteBuffer raw = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.getLong(SignalLayout.TIME_OFFSET)).isEqualTo(1_760_000_000_123L);
        assertThat(raw.getInt(SignalLayout.MARKET_INDEX_OFFSET)).isEqualTo(3);
        assertThat(raw.getLong(SignalLayout.EVENT_SEQUENCE_OFFSET)).isEqualTo(99);
        assertThat(raw.getDouble(SignalLayout.BUY_VOLUME_OFFSET)).isEqualTo(30.0);
        assertThat(raw.getDouble(SignalLayout.SELL_VOLUME_OFFSET)).isEqualTo(10.0);
        // (30 - 10) / 40, 30 / 40, 10 / 40 worked by hand
        assertThat(raw.getDouble(SignalLayout.IMBALANCE_OFFSET)).isEqualTo(0.5);
        assertThat(raw.getDouble(SignalLayout.BUY_RATIO_OFFSET)).isEqualTo(0.75);
        assertThat(raw.getDouble(SignalLayout.SELL_RATIO_OFFSET)).isEqualTo(0.25);
        assertThat(raw.getDouble(SignalLayout.Z_SCORE_OFFSET)).isEqualTo(-1.75);
        assertThat(raw.getDouble(SignalLayout.PREMIUM_OFFSET)).isEqualTo(-0.0771);
        assertThat(raw.getDouble(SignalLayout.PREMIUM_SMOOTHED_OFFSET)).isEqualTo(-0.0654);
        assertThat(raw.getLong(SignalLayout.WINDOW_TRADES_OFFSET)).isEqualTo(412);
        assertThat(raw.getInt(SignalLayout.HISTORY_SAMPLES_OFFSET)).isEqualTo(170);
        assertThat(raw.get(SignalLayout.FLOW_STATE_OFFSET)).isEqualTo((byte)1);
        assertThat(raw.get(SignalLayout.SPOT_STATE_OFFSET)).isEqualTo((byte)1);
        assertThat(raw.get(SignalLayout.REGIME_OFFSET)).isEqualTo((byte)1);
        assertThat(raw.getInt(SignalLayout.FLAGS_OFFSET)).isEqualTo(SignalFlags.THIN | SignalFlags.DEGRADED);
        assertThat(raw.getLong(SignalLayout.BACKFILLED_TRADES_OFFSET)).isEqualTo(37);
    }

    @Test
    void aFlyweightAtAnOffsetOfAHeapOrDirectBufferReadsTheSameBytesAndRefusesOneTooSmall()
    {
        final SignalSnapshot snapshot = new SignalSnapshot().set("BTC", 3, 1_760_000_000_123L, 30.0, 10.0, -1.75,
            412, 37, 99, 170, -0.0771, -0.0654, FlowState.SELLERS, SpotState.ABSENT, Regime.RISK_OFF, 0);
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[SignalLayout.LENGTH + 13]);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(SignalLayout.LENGTH + 13));
        for (final UnsafeBuffer buffer : new UnsafeBuffer[] {heap, direct})
        {
            buffer.putBytes(13, snapshot.buffer(), snapshot.offset(), SignalLayout.LENGTH);
            final SignalFlyweight view = new SignalFlyweight().wrap(buffer, 13, "BTC");
            assertThat(view.timeNs()).isEqualTo(1_760_000_000_123L);
            assertThat(view.zScore()).isEqualTo(-1.75);
            assertThat(view.backfilledTrades()).isEqualTo(37);
            assertThat(view.regime()).isEqualTo(Regime.RISK_OFF);
            view.zScore(2.5);
            assertThat(buffer.getDouble(13 + SignalLayout.Z_SCORE_OFFSET, ByteOrder.LITTLE_ENDIAN)).isEqualTo(2.5);
            assertThat(buffer.getLong(0, ByteOrder.LITTLE_ENDIAN)).as("nothing written before the offset").isZero();
            assertThatThrownBy(() -> new SignalFlyweight().wrap(buffer, 14, "BTC"))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("offset 14");
        }
    }

    @Test
    void fieldsTileTheLayoutWithoutOverlap()
    {
        final int[][] fields = {
            {SignalLayout.TIME_OFFSET, Long.BYTES}, {SignalLayout.MARKET_INDEX_OFFSET, Integer.BYTES},
            {SignalLayout.EVENT_SEQUENCE_OFFSET, Long.BYTES}, {SignalLayout.BUY_VOLUME_OFFSET, Double.BYTES},
            {SignalLayout.SELL_VOLUME_OFFSET, Double.BYTES}, {SignalLayout.IMBALANCE_OFFSET, Double.BYTES},
            {SignalLayout.BUY_RATIO_OFFSET, Double.BYTES}, {SignalLayout.SELL_RATIO_OFFSET, Double.BYTES},
            {SignalLayout.Z_SCORE_OFFSET, Double.BYTES}, {SignalLayout.PREMIUM_OFFSET, Double.BYTES},
            {SignalLayout.PREMIUM_SMOOTHED_OFFSET, Double.BYTES}, {SignalLayout.WINDOW_TRADES_OFFSET, Long.BYTES},
            {SignalLayout.HISTORY_SAMPLES_OFFSET, Integer.BYTES}, {SignalLayout.FLOW_STATE_OFFSET, 1},
            {SignalLayout.SPOT_STATE_OFFSET, 1}, {SignalLayout.REGIME_OFFSET, 1},
            {SignalLayout.FLAGS_OFFSET, Integer.BYTES}, {SignalLayout.BACKFILLED_TRADES_OFFSET, Long.BYTES},
            {SignalLayout.WARMING_UP_INSTRUMENT_OFFSET, Integer.BYTES},
        };
        final boolean[] used = new boolean[SignalLayout.LENGTH];
        for (final int[] field : fields)
        {
            for (int i = field[0]; i < field[0] + field[1]; i++)
            {
                assertThat(used[i]).as("byte %d used twice", i).isFalse();
                used[i] = true;
            }
        }
        for (int i = 0; i < used.length; i++)
        {
            assertThat(used[i]).as("byte %d unused", i).isTrue();
        }
    }

    @Test
    void aSnapshotIsAByteCopyAndFollowsNoLaterChange()
    {
        final SignalSnapshot live = new SignalSnapshot().set("ETH", 1, 5L, 2.0, 6.0, Double.NaN, 7, 0, 8, 9,
            0.01, 0.02, FlowState.BUYERS, SpotState.PRESENT, Regime.RISK_ON, SignalFlags.WARMING_UP);
        final SignalFlyweight view = new SignalFlyweight().wrap(live.buffer(), 0, "ETH");
        final SignalSnapshot copy = new SignalSnapshot().copyFrom(view);

        final byte[] expected = new byte[SignalLayout.LENGTH];
        final byte[] actual = new byte[SignalLayout.LENGTH];
        live.buffer().getBytes(0, expected);
        copy.buffer().getBytes(0, actual);
        assertThat(actual).isEqualTo(expected);
        assertThat(copy.market()).isEqualTo("ETH");

        live.set("ETH", 1, 6L, 1.0, 1.0, 0.0, 1, 1, 9, 9, 0, 0, FlowState.SELLERS, SpotState.ABSENT,
            Regime.RISK_OFF, 0);
        assertThat(copy.timeNs()).isEqualTo(5L);
        assertThat(copy.regime()).isEqualTo(Regime.RISK_ON);
        assertThat(copy.zScore()).isNaN();
        assertThat(copy.sellRatio()).isEqualTo(0.75);
    }

    @Test
    void copyingAnyOtherViewWritesTheSameBytes()
    {
        final SignalSnapshot original = new SignalSnapshot().set("BTC", 0, 11L, 4.0, 1.0, 0.5, 20, 5, 21, 22,
            -0.1, -0.2, FlowState.BALANCED, SpotState.FLAT, Regime.RECOVERING, SignalFlags.PREMIUM_STALE);
        final SignalView other = new ForwardingView(original);
        final SignalSnapshot copy = new SignalSnapshot().copyFrom(other);

        final byte[] expected = new byte[SignalLayout.LENGTH];
        final byte[] actual = new byte[SignalLayout.LENGTH];
        original.buffer().getBytes(0, expected);
        copy.buffer().getBytes(0, actual);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void enumCodesAreExplicitDistinctAndNeverZero()
    {
        final Set<Byte> flow = new HashSet<>();
        for (final FlowState state : FlowState.values())
        {
            assertThat(SignalLayout.FLOW_STATES.constant(SignalLayout.FLOW_STATES.code(state))).isEqualTo(state);
            assertThat(flow.add(SignalLayout.FLOW_STATES.code(state))).isTrue();
        }
        final Set<Byte> spot = new HashSet<>();
        for (final SpotState state : SpotState.values())
        {
            assertThat(SignalLayout.SPOT_STATES.constant(SignalLayout.SPOT_STATES.code(state))).isEqualTo(state);
            assertThat(spot.add(SignalLayout.SPOT_STATES.code(state))).isTrue();
        }
        final Set<Byte> regimes = new HashSet<>();
        for (final Regime regime : Regime.values())
        {
            assertThat(SignalLayout.REGIMES.constant(SignalLayout.REGIMES.code(regime))).isEqualTo(regime);
            assertThat(regimes.add(SignalLayout.REGIMES.code(regime))).isTrue();
        }
        assertThat(flow).doesNotContain((byte)0);
        assertThat(spot).doesNotContain((byte)0);
        assertThat(regimes).doesNotContain((byte)0);
        // the codes journals since layout 2 hold: changing one would change what old journals mean
        assertThat(SignalLayout.REGIMES.code(Regime.RISK_OFF)).isEqualTo((byte)1);
        assertThat(SignalLayout.REGIMES.code(Regime.NEUTRAL)).isEqualTo((byte)4);
        assertThat(SignalLayout.FLOW_STATES.code(FlowState.BUYERS)).isEqualTo((byte)3);
        assertThat(SignalLayout.SPOT_STATES.code(SpotState.PRESENT)).isEqualTo((byte)3);
    }

    @Test
    void zeroedBytesAreNoSignal()
    {
        final SignalFlyweight zeros = new SignalFlyweight().wrap(new UnsafeBuffer(new byte[SignalLayout.LENGTH]), 0,
            "BTC");
        assertThatThrownBy(zeros::regime).hasMessageContaining("unknown regime code 0");
        assertThatThrownBy(zeros::flowState).hasMessageContaining("unknown flow state code 0");
    }

    /**
     * A view that is not a flyweight (as a remote or hand-written one would be).
     */
    private static final class ForwardingView implements SignalView
    {
        private final SignalView view;

        ForwardingView(final SignalView view)
        {
            this.view = view;
        }

        @Override
        public String market()
        {
            return view.market();
        }

        @Override
        public int marketIndex()
        {
            return view.marketIndex();
        }

        @Override
        public long timeNs()
        {
            return view.timeNs();
        }

        @Override
        public double buyVolume()
        {
            return view.buyVolume();
        }

        @Override
        public double sellVolume()
        {
            return view.sellVolume();
        }

        @Override
        public double imbalance()
        {
            return view.imbalance();
        }

        @Override
        public double buyRatio()
        {
            return view.buyRatio();
        }

        @Override
        public double sellRatio()
        {
            return view.sellRatio();
        }

        @Override
        public long windowTrades()
        {
            return view.windowTrades();
        }

        @Override
        public long backfilledTrades()
        {
            return view.backfilledTrades();
        }

        @Override
        public int warmingUpInstrument()
        {
            return view.warmingUpInstrument();
        }

        @Override
        public long eventSequence()
        {
            return view.eventSequence();
        }

        @Override
        public double zScore()
        {
            return view.zScore();
        }

        @Override
        public int historySamples()
        {
            return view.historySamples();
        }

        @Override
        public double premiumPct()
        {
            return view.premiumPct();
        }

        @Override
        public double premiumSmoothedPct()
        {
            return view.premiumSmoothedPct();
        }

        @Override
        public FlowState flowState()
        {
            return view.flowState();
        }

        @Override
        public SpotState spotState()
        {
            return view.spotState();
        }

        @Override
        public Regime regime()
        {
            return view.regime();
        }

        @Override
        public int flags()
        {
            return view.flags();
        }
    }
}
