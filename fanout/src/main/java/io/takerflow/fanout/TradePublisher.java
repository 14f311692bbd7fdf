package io.takerflow.fanout;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import com.lmax.disruptor.EventHandler;

import io.aeron.Publication;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.fanout.sbe.FeedStatusEncoder;
import io.takerflow.fanout.sbe.MessageHeaderEncoder;
import io.takerflow.fanout.sbe.TradeEncoder;

/**
 * Puts every input trade and feed status on the fanout publication as SBE {@code Trade} and {@code FeedStatus}
 * messages. It runs as a ring consumer beside the signal handler (register it with
 * {@code EngineConfig.Builder.parallelHandler} before the engine starts); it stays idle until {@link
 * SignalFanout#start} gives it the publication. It never waits: an input the publication refuses is dropped and
 * counted (inputs are facts, each one matters, so they are not conflated; the subscriber sees the gap in the input
 * sequence).
 */
public final class TradePublisher implements EventHandler<InputEvent>
{
    private static final int TRADE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.BLOCK_LENGTH;
    private static final int FEED_STATUS_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + FeedStatusEncoder.BLOCK_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final FeedStatusEncoder feedStatus = new FeedStatusEncoder();
    private volatile Publication publication;
    private volatile FanoutCounters counters;
    private long sequence;

    void attach(final Publication publication, final FanoutCounters counters)
    {
        this.counters = counters;
        this.publication = publication;
    }

    @Override
    public void onEvent(final InputEvent event, final long ringSequence, final boolean endOfBatch)
    {
        final Publication publication = this.publication;
        if (publication == null)
        {
            return;
        }
        final int length;
        switch (event.type())
        {
            case TRADE:
                trade.wrapAndApplyHeader(buffer, 0, header)
                    .sequence(++sequence)
                    .exchangeTimeNs(event.exchangeTimeNs())
                    .receiveTimeNs(event.receiveTimeNs())
                    .priceMantissa(event.priceMantissa())
                    .quantityMantissa(event.quantityMantissa())
                    .tradeId(event.tradeId())
                    .instrumentId(event.instrumentId())
                    .priceScale((byte)event.priceScale())
                    .quantityScale((byte)event.quantityScale())
                    .venue(FanoutCodes.VENUES.code(event.venue()))
                    .takerSide(FanoutCodes.SIDES.code(event.takerSide()));
                length = TRADE_LENGTH;
                break;
            case FEED_STATUS:
                feedStatus.wrapAndApplyHeader(buffer, 0, header)
                    .sequence(++sequence)
                    .receiveTimeNs(event.receiveTimeNs())
                    .missingCount(event.missingCount())
                    .instrumentId(event.instrumentId())
                    .venue(FanoutCodes.VENUES.code(event.venue()))
                    .feedState(FanoutCodes.FEED_STATES.code(event.feedState()));
                length = FEED_STATUS_LENGTH;
                break;
            default:
                return;
        }
        final FanoutCounters counters = this.counters;
        final long result = SignalPublisher.offer(publication, buffer, length);
        if (result > 0)
        {
            counters.inputsSent.incrementRelease();
            return;
        }
        counters.inputsDropped.incrementRelease();
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            counters.backPressured.incrementRelease();
        }
        else if (result != Publication.NOT_CONNECTED)
        {
            counters.failures.incrementRelease();
        }
    }
}
