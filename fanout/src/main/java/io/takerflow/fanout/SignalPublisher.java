package io.takerflow.fanout;

import java.util.List;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeron.Publication;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeChange;
import io.takerflow.engine.signal.RegimeReason;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.fanout.sbe.BooleanType;
import io.takerflow.fanout.sbe.MessageHeaderEncoder;
import io.takerflow.fanout.sbe.SignalDecoder;
import io.takerflow.fanout.sbe.SignalEncoder;

/**
 * Puts every signal (with the regime change it caused, if any) on an Aeron publication as one SBE {@code Signal}
 * message, on the signal thread, without allocating and without ever waiting.
 * <p>
 * When the publication is back-pressured (a slow subscriber, or the archive catching up), the message is kept as its
 * market's pending signal and retried on the next signal; a newer signal of the same market replaces it (conflation,
 * counted), so a slow subscriber always ends up with each market's latest values and a regime change is never lost
 * with the signal that carried it. While anything is pending, newer signals queue behind it in the same way, which
 * keeps the signals in sequence order on the wire. With no subscriber connected at all, signals are dropped and
 * counted. Every signal takes the next sequence number whether it is sent or not, so a subscriber can count what it
 * missed.
 */
public final class SignalPublisher implements SignalListener
{
    /** Length of one encoded signal message, header included. */
    public static final int MESSAGE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + SignalEncoder.BLOCK_LENGTH;
    private static final int SLOT_LENGTH = BitUtil.align(MESSAGE_LENGTH, BitUtil.CACHE_LINE_LENGTH);

    private final Publication publication;
    private final FanoutCounters counters;
    private final String[] marketNames;
    private final UnsafeBuffer buffer;
    private final UnsafeBuffer[] pending;
    private final boolean[] hasPending;
    private final long[] pendingSequence;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SignalEncoder encoder = new SignalEncoder();
    private final SignalDecoder pendingDecoder = new SignalDecoder();
    private int pendingCount;
    private long sequence;
    private boolean changeWaiting;
    private int changeMarket;
    private Regime changeFrom = Regime.NEUTRAL;
    private RegimeReason changeReason = RegimeReason.FLOW_CHANGED;
    private long changeTimeNs;

    /**
     * @param publication where to offer; shared with the trade publisher if trades are published.
     * @param markets     the engine's markets, in index order (names up to 16 ASCII characters).
     * @param counters    where outcomes are counted.
     * @throws IllegalArgumentException if a market name does not fit the wire format.
     */
    public SignalPublisher(final Publication publication, final List<MarketConfig> markets,
        final FanoutCounters counters)
    {
        this.publication = publication;
        this.counters = counters;
        this.marketNames = new String[markets.size()];
        final int nameLength = SignalEncoder.marketLength();
        for (int i = 0; i < marketNames.length; i++)
        {
            final String name = markets.get(i).name();
            if (name.length() > nameLength || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F))
            {
                throw new IllegalArgumentException("market '" + name + "' cannot be published: names on the wire are " +
                    "at most " + nameLength + " printable ASCII characters");
            }
            marketNames[i] = name;
        }
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(SLOT_LENGTH * (marketNames.length + 1),
            BitUtil.CACHE_LINE_LENGTH));
        this.pending = new UnsafeBuffer[marketNames.length];
        for (int i = 0; i < pending.length; i++)
        {
            pending[i] = new UnsafeBuffer(buffer, SLOT_LENGTH * (i + 1), SLOT_LENGTH);
        }
        this.hasPending = new boolean[marketNames.length];
        this.pendingSequence = new long[marketNames.length];
    }

    @Override
    public void onRegimeChange(final RegimeChange change, final SignalView signal)
    {
        changeWaiting = true;
        changeMarket = signal.marketIndex();
        changeFrom = change.from();
        changeReason = change.reason();
        changeTimeNs = change.timeNs();
    }

    @Override
    public void onSignal(final SignalView signal)
    {
        final long sequence = ++this.sequence;
        final int market = signal.marketIndex();
        final boolean changed = changeWaiting && changeMarket == market;
        changeWaiting = false;
        if (pendingCount > 0)
        {
            flushPending();
        }
        if (pendingCount > 0)
        {
            conflate(market, signal, sequence, changed);
            return;
        }
        encode(buffer, signal, sequence, changed, changeFrom, changeReason, changeTimeNs);
        final long result = offer(publication, buffer, MESSAGE_LENGTH);
        if (result > 0)
        {
            counters.signalsSent.incrementRelease();
        }
        else if (retryLater(result))
        {
            pending[market].putBytes(0, buffer, 0, MESSAGE_LENGTH);
            hasPending[market] = true;
            pendingSequence[market] = sequence;
            pendingCount++;
        }
        else if (result == Publication.NOT_CONNECTED)
        {
            counters.signalsNotConnected.incrementRelease();
        }
    }

    /**
     * @return how many markets have a signal waiting for a back-pressured publication (signal thread only).
     */
    public int pendingMarkets()
    {
        return pendingCount;
    }

    private void conflate(final int market, final SignalView signal, final long sequence, final boolean changed)
    {
        final UnsafeBuffer slot = pending[market];
        if (hasPending[market])
        {
            counters.signalsConflated.incrementRelease();
            pendingDecoder.wrap(slot, MessageHeaderEncoder.ENCODED_LENGTH, SignalEncoder.BLOCK_LENGTH,
                SignalEncoder.SCHEMA_VERSION);
            if (!changed && pendingDecoder.regimeChanged() == BooleanType.TRUE)
            {
                final Regime from = FanoutCodes.REGIMES.constant(pendingDecoder.previousRegime());
                final RegimeReason reason = FanoutCodes.REASONS.constant(pendingDecoder.regimeReason());
                final long changeTime = pendingDecoder.changeTimeNs();
                encode(slot, signal, sequence, true, from, reason, changeTime);
                pendingSequence[market] = sequence;
                return;
            }
        }
        else
        {
            hasPending[market] = true;
            pendingCount++;
        }
        pendingSequence[market] = sequence;
        encode(slot, signal, sequence, changed, changeFrom, changeReason, changeTimeNs);
    }

    private void flushPending()
    {
        while (pendingCount > 0)
        {
            int m = -1;
            for (int i = 0; i < pending.length; i++)
            {
                if (hasPending[i] && (m < 0 || pendingSequence[i] < pendingSequence[m]))
                {
                    m = i;
                }
            }
            final long result = offer(publication, pending[m], MESSAGE_LENGTH);
            if (result > 0)
            {
                counters.signalsSent.incrementRelease();
            }
            else if (retryLater(result))
            {
                return;
            }
            else if (result == Publication.NOT_CONNECTED)
            {
                counters.signalsNotConnected.incrementRelease();
            }
            hasPending[m] = false;
            pendingCount--;
        }
    }

    /**
     * Offers once, and again at once when the log was rotating (an admin action is over by the next attempt;
     * back pressure is not retried here).
     */
    static long offer(final Publication publication, final UnsafeBuffer buffer, final int length)
    {
        long result = publication.offer(buffer, 0, length);
        for (int i = 0; i < 3 && result == Publication.ADMIN_ACTION; i++)
        {
            result = publication.offer(buffer, 0, length);
        }
        return result;
    }

    private boolean retryLater(final long result)
    {
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            counters.backPressured.incrementRelease();
            return true;
        }
        if (result != Publication.NOT_CONNECTED)
        {
            counters.failures.incrementRelease();
        }
        return false;
    }

    /**
     * Encodes one {@code Signal} message, header included, at the start of {@code target}.
     */
    void encode(
        final UnsafeBuffer target,
        final SignalView signal,
        final long sequence,
        final boolean changed,
        final Regime from,
        final RegimeReason reason,
        final long changeTimeNs)
    {
        encoder.wrapAndApplyHeader(target, 0, header)
            .sequence(sequence)
            .timeNs(signal.timeNs())
            .changeTimeNs(changed ? changeTimeNs : 0)
            .buyVolume(signal.buyVolume())
            .sellVolume(signal.sellVolume())
            .imbalance(signal.imbalance())
            .buyRatio(signal.buyRatio())
            .sellRatio(signal.sellRatio())
            .zScore(signal.zScore())
            .premiumPct(signal.premiumPct())
            .premiumSmoothedPct(signal.premiumSmoothedPct())
            .marketIndex(signal.marketIndex())
            .historySamples(signal.historySamples())
            .flags(signal.flags())
            .flowState(FanoutCodes.FLOW_STATES.code(signal.flowState()))
            .spotState(FanoutCodes.SPOT_STATES.code(signal.spotState()))
            .regime(FanoutCodes.REGIMES.code(signal.regime()))
            .regimeChanged(changed ? BooleanType.TRUE : BooleanType.FALSE)
            .previousRegime(FanoutCodes.REGIMES.code(changed ? from : signal.regime()))
            .regimeReason(changed ? FanoutCodes.REASONS.code(reason) : 0)
            .market(marketNames[signal.marketIndex()])
            .windowTrades(signal.windowTrades())
            .eventSequence(signal.eventSequence())
            .backfilledTrades(signal.backfilledTrades());
    }
}
