package io.takerflow.fanout;

import io.takerflow.engine.input.EnumCodes;
import io.takerflow.engine.input.FeedState;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.FlowState;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeReason;
import io.takerflow.engine.signal.SpotState;

/**
 * The one place where the fanout's SBE messages get their enum codes (the schema's {@code Code} fields): written by
 * the publishers, read by {@link RemoteSignals}. A code once given is never changed or reused; a new constant gets a
 * new code and a new schema version. A message with a code the subscriber does not know is counted as malformed.
 */
final class FanoutCodes
{
    static final EnumCodes<FlowState> FLOW_STATES = new EnumCodes<>(FlowState.class, "FanoutCodes",
        FlowState.SELLERS, 1, FlowState.BALANCED, 2, FlowState.BUYERS, 3);
    static final EnumCodes<SpotState> SPOT_STATES = new EnumCodes<>(SpotState.class, "FanoutCodes",
        SpotState.ABSENT, 1, SpotState.FLAT, 2, SpotState.PRESENT, 3);
    static final EnumCodes<Regime> REGIMES = new EnumCodes<>(Regime.class, "FanoutCodes",
        Regime.RISK_OFF, 1, Regime.RECOVERING, 2, Regime.RISK_ON, 3, Regime.NEUTRAL, 4);
    /** Reasons; a signal that changed no regime carries 0. */
    static final EnumCodes<RegimeReason> REASONS = new EnumCodes<>(RegimeReason.class, "FanoutCodes",
        RegimeReason.SELLERS_WITH_SPOT_ABSENT, 1, RegimeReason.BUYERS_WITH_SPOT_PRESENT, 2,
        RegimeReason.SELLERS_EXHAUSTED, 3, RegimeReason.SELLING_RESUMED, 4, RegimeReason.SPOT_RETURNED, 5,
        RegimeReason.FLOW_CHANGED, 6, RegimeReason.SPOT_CHANGED, 7, RegimeReason.RECOVERY_FAILED, 8,
        RegimeReason.RECOVERY_EXPIRED, 9);
    static final EnumCodes<Venue> VENUES = new EnumCodes<>(Venue.class, "FanoutCodes",
        Venue.BINANCE_USDM, 1, Venue.BINANCE_SPOT, 2, Venue.COINBASE, 3, Venue.COINBASE_ADVANCED, 4,
        Venue.BYBIT_LINEAR, 5, Venue.BYBIT_SPOT, 6, Venue.OKX, 7, Venue.DERIBIT, 8, Venue.BITMEX, 9,
        Venue.KRAKEN_FUTURES, 10, Venue.GATE_FUTURES, 11, Venue.HYPERLIQUID, 12, Venue.KRAKEN, 13, Venue.BITSTAMP, 14,
        Venue.BITFINEX, 15);
    static final EnumCodes<TakerSide> SIDES = new EnumCodes<>(TakerSide.class, "FanoutCodes", TakerSide.BUY, 1,
        TakerSide.SELL, 2);
    static final EnumCodes<FeedState> FEED_STATES = new EnumCodes<>(FeedState.class, "FanoutCodes",
        FeedState.CONNECTED, 1, FeedState.DISCONNECTED, 2, FeedState.STALE, 3, FeedState.GAP, 4,
        FeedState.REJECTED, 6); // 5 was JOURNAL_FAILED: errors no longer travel through the ring

    private FanoutCodes()
    {
    }
}
