package io.takerflow.fanout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.DirectBuffer;

import io.takerflow.engine.signal.FlowState;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeReason;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.engine.signal.SpotState;
import io.takerflow.fanout.sbe.BooleanType;
import io.takerflow.fanout.sbe.SignalDecoder;

/**
 * A {@link SignalView} that reads one received SBE {@code Signal} message in place: nothing is copied or allocated
 * per message (market names are kept once per market index and only rebuilt when the publisher renames one). Like
 * every view handed to a listener, it is only valid during the callback.
 */
public final class RemoteSignalView implements SignalView
{
    private final SignalDecoder decoder = new SignalDecoder();
    private final byte[] nameBytes = new byte[SignalDecoder.marketLength()];
    private String[] names = new String[8];
    private byte[][] nameKeys = new byte[8][];

    RemoteSignalView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        decoder.wrap(buffer, offset, blockLength, version);
        return this;
    }

    /**
     * @return true if every enum field holds a code {@link FanoutCodes} knows (the regime change's only when the
     * regime changed).
     */
    boolean codesKnown()
    {
        return FanoutCodes.FLOW_STATES.constant(decoder.flowState()) != null &&
            FanoutCodes.SPOT_STATES.constant(decoder.spotState()) != null &&
            FanoutCodes.REGIMES.constant(decoder.regime()) != null &&
            (!regimeChanged() || FanoutCodes.REGIMES.constant(decoder.previousRegime()) != null &&
            FanoutCodes.REASONS.constant(decoder.regimeReason()) != null);
    }

    /**
     * @return the sequence number of this signal in its publisher session.
     */
    public long sequence()
    {
        return decoder.sequence();
    }

    /**
     * @return whether this update changed the regime (then {@link #previousRegime()} and {@link #regimeReason()} say
     * how).
     */
    public boolean regimeChanged()
    {
        return decoder.regimeChanged() == BooleanType.TRUE;
    }

    /**
     * @return the regime before the change, when {@link #regimeChanged()}.
     */
    public Regime previousRegime()
    {
        return FanoutCodes.REGIMES.constant(decoder.previousRegime());
    }

    /**
     * @return why the regime changed, when {@link #regimeChanged()}.
     */
    public RegimeReason regimeReason()
    {
        return FanoutCodes.REASONS.constant(decoder.regimeReason());
    }

    /**
     * @return when the regime changed, when {@link #regimeChanged()}.
     */
    public long changeTimeNs()
    {
        return decoder.changeTimeNs();
    }

    @Override
    public String market()
    {
        final int index = decoder.marketIndex();
        if (index >= names.length)
        {
            final int length = Math.max(index + 1, names.length * 2);
            names = Arrays.copyOf(names, length);
            nameKeys = Arrays.copyOf(nameKeys, length);
        }
        final int length = decoder.getMarket(nameBytes, 0);
        int end = 0;
        while (end < length && nameBytes[end] != 0)
        {
            end++;
        }
        final byte[] key = nameKeys[index];
        if (key == null || !sameName(key, end))
        {
            nameKeys[index] = Arrays.copyOf(nameBytes, end);
            names[index] = new String(nameBytes, 0, end, StandardCharsets.US_ASCII);
        }
        return names[index];
    }

    private boolean sameName(final byte[] key, final int length)
    {
        if (key.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (key[i] != nameBytes[i])
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public int marketIndex()
    {
        return decoder.marketIndex();
    }

    @Override
    public long timeNs()
    {
        return decoder.timeNs();
    }

    @Override
    public double buyVolume()
    {
        return decoder.buyVolume();
    }

    @Override
    public double sellVolume()
    {
        return decoder.sellVolume();
    }

    @Override
    public double imbalance()
    {
        return decoder.imbalance();
    }

    @Override
    public double buyRatio()
    {
        return decoder.buyRatio();
    }

    @Override
    public double sellRatio()
    {
        return decoder.sellRatio();
    }

    @Override
    public long windowTrades()
    {
        return decoder.windowTrades();
    }

    @Override
    public long backfilledTrades()
    {
        return decoder.backfilledTrades();
    }

    @Override
    public long eventSequence()
    {
        return decoder.eventSequence();
    }

    @Override
    public double zScore()
    {
        return decoder.zScore();
    }

    @Override
    public int historySamples()
    {
        return decoder.historySamples();
    }

    @Override
    public double premiumPct()
    {
        return decoder.premiumPct();
    }

    @Override
    public double premiumSmoothedPct()
    {
        return decoder.premiumSmoothedPct();
    }

    @Override
    public FlowState flowState()
    {
        return FanoutCodes.FLOW_STATES.constant(decoder.flowState());
    }

    @Override
    public SpotState spotState()
    {
        return FanoutCodes.SPOT_STATES.constant(decoder.spotState());
    }

    @Override
    public Regime regime()
    {
        return FanoutCodes.REGIMES.constant(decoder.regime());
    }

    @Override
    public int flags()
    {
        return decoder.flags();
    }

    @Override
    public String toString()
    {
        return "#" + sequence() + " " + SignalSnapshot.describe(this);
    }
}
