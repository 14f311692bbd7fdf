package io.takerflow.engine.signal;

import io.takerflow.engine.input.EnumCodes;

/**
 * The binary layout of one market's signal values, in the style of Agrona's {@code RingBufferDescriptor} and
 * Aeron's {@code CncFileDescriptor}: every field at a named offset, little-endian, enums as explicit one-byte codes
 * (never ordinals, so reordering an enum cannot change what the bytes mean; 0 is never a code, so zeroed bytes read
 * as unknown). One layout serves the live view the signal handler writes ({@link SignalFlyweight}), every copy of
 * it ({@link SignalSnapshot}) and the journal's signal record, which is these bytes behind a kind byte.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 time, epoch ns (long, offset 0)               |
 *  +---------------------------------------------------------------+
 *  |                 market index (int, offset 8)                  |
 *  +---------------------------------------------------------------+
 *  |                 event sequence (long, offset 12)              |
 *  +---------------------------------------------------------------+
 *  |   buy volume, sell volume, imbalance, buy ratio, sell ratio,  |
 *  |   Z-score, premium %, smoothed premium % (8 doubles, 20-83)   |
 *  +---------------------------------------------------------------+
 *  |                 window trades (long, offset 84)               |
 *  +---------------------------------------------------------------+
 *  |                 history samples (int, offset 92)              |
 *  +---------------+---------------+---------------+---------------+
 *  |  flow state   |  spot state   |    regime     |  flags (int,  |
 *  |  code (96)    |  code (97)    |  code (98)    |  offset 99)   |
 *  +---------------+---------------+---------------+---------------+
 *  |           backfilled window trades (long, offset 103)         |
 *  +---------------------------------------------------------------+
 * </pre>
 * The first 103 bytes are unaligned because they are those of journal layouts 2 to 4; the backfilled count was
 * appended in journal layout 5.
 */
public final class SignalLayout
{
    /** Time of the event that produced the values, its receive time, epoch ns (long). */
    public static final int TIME_OFFSET = 0;
    /** The market's index in the engine's configuration (int). */
    public static final int MARKET_INDEX_OFFSET = 8;
    /** The run's input event sequence that produced the values (long). */
    public static final int EVENT_SEQUENCE_OFFSET = 12;
    /** Taker buy volume in the flow window (double). */
    public static final int BUY_VOLUME_OFFSET = 20;
    /** Taker sell volume in the flow window (double). */
    public static final int SELL_VOLUME_OFFSET = 28;
    /** Imbalance (double). */
    public static final int IMBALANCE_OFFSET = 36;
    /** Buy ratio (double). */
    public static final int BUY_RATIO_OFFSET = 44;
    /** Sell ratio (double). */
    public static final int SELL_RATIO_OFFSET = 52;
    /** Z-score, NaN if none (double). */
    public static final int Z_SCORE_OFFSET = 60;
    /** Premium percent, NaN until both legs traded (double). */
    public static final int PREMIUM_OFFSET = 68;
    /** Smoothed premium percent (double). */
    public static final int PREMIUM_SMOOTHED_OFFSET = 76;
    /** Trades in the flow window (long). */
    public static final int WINDOW_TRADES_OFFSET = 84;
    /** Samples in the Z-score history (int). */
    public static final int HISTORY_SAMPLES_OFFSET = 92;
    /** {@link FlowState} code (byte), see {@link #FLOW_STATES}. */
    public static final int FLOW_STATE_OFFSET = 96;
    /** {@link SpotState} code (byte), see {@link #SPOT_STATES}. */
    public static final int SPOT_STATE_OFFSET = 97;
    /** {@link Regime} code (byte), see {@link #REGIMES}. */
    public static final int REGIME_OFFSET = 98;
    /** {@link SignalFlags} bits (int). */
    public static final int FLAGS_OFFSET = 99;
    /**
     * Trades in the flow window that a backfill recovered over the venue's REST API rather than the live stream
     * (long), a part of the window trades.
     */
    public static final int BACKFILLED_TRADES_OFFSET = 103;
    /**
     * The instrument id of the first flow leg whose part of the window is not full yet, -1 when every leg covers a
     * whole window (int): {@link SignalView#warmingUpInstrument()}.
     */
    public static final int WARMING_UP_INSTRUMENT_OFFSET = 111;
    /** Bytes of one signal. */
    public static final int LENGTH = 115;

    /** Flow state codes: SELLERS 1, BALANCED 2, BUYERS 3. */
    public static final EnumCodes<FlowState> FLOW_STATES = new EnumCodes<>(FlowState.class, "SignalLayout",
        FlowState.SELLERS, 1, FlowState.BALANCED, 2, FlowState.BUYERS, 3);
    /** Spot state codes: ABSENT 1, FLAT 2, PRESENT 3. */
    public static final EnumCodes<SpotState> SPOT_STATES = new EnumCodes<>(SpotState.class, "SignalLayout",
        SpotState.ABSENT, 1, SpotState.FLAT, 2, SpotState.PRESENT, 3);
    /** Regime codes: RISK_OFF 1, RECOVERING 2, RISK_ON 3, NEUTRAL 4. */
    public static final EnumCodes<Regime> REGIMES = new EnumCodes<>(Regime.class, "SignalLayout",
        Regime.RISK_OFF, 1, Regime.RECOVERING, 2, Regime.RISK_ON, 3, Regime.NEUTRAL, 4);

    private SignalLayout()
    {
    }
}
