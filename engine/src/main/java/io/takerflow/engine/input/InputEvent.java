package io.takerflow.engine.input;

/**
 * The one preallocated, mutable ring slot for every input. Which fields mean something depends on
 * {@link #type()}; producers fill a slot with one of the {@code set...} methods, which reset the rest,
 * so a slot never carries a previous event's values.
 * <p>
 * Times are epoch nanoseconds. The signal handler only ever uses {@link #receiveTimeNs()} as "now",
 * never a wall clock, which is what makes a journal replay deterministic.
 */
public final class InputEvent
{
    /** Instrument id used on FEED_STATUS events that concern every instrument of a venue connection. */
    public static final int ALL_INSTRUMENTS = -1;
    /** {@link #missingCount()} of a GAP whose size cannot be known (ids not consecutive, no sequence to check). */
    public static final long MISSING_UNKNOWN = -1;
    /**
     * {@link #marks()} bit of a TRADE recovered over the venue's REST API after a gap (not received live). Its flow
     * is booked at its own trade time wherever the window still holds that bucket.
     */
    public static final int BACKFILLED = 1;
    /**
     * {@link #marks()} bit of a GAP whose trades a backfill is now fetching: the market stays DEGRADED until the GAP
     * marked {@link #BACKFILL_DONE} for the same instrument, instead of for {@code gapHold}.
     */
    public static final int BACKFILL_PENDING = 2;
    /**
     * {@link #marks()} bit of a GAP that closes a backfill: {@link #missingCount()} is what it could not recover (0 for
     * nothing, {@link #MISSING_UNKNOWN} for an unknown remainder) and {@link #recoveredCount()} what it recovered.
     * Only a remainder holds the market DEGRADED for {@code gapHold}.
     */
    public static final int BACKFILL_DONE = 4;

    private EventType type = EventType.CLOCK_TICK;
    private Venue venue = Venue.BINANCE_USDM;
    private int instrumentId = ALL_INSTRUMENTS;
    private long exchangeTimeNs;
    private long receiveTimeNs;
    private long priceMantissa;
    private int priceScale;
    private long quantityMantissa;
    private int quantityScale;
    private TakerSide takerSide = TakerSide.BUY;
    private long tradeId;
    private FeedState feedState = FeedState.CONNECTED;
    private long missingCount;
    private long publishedNs;
    private int marks;
    private long recoveredCount;

    /**
     * Fills this slot with a trade.
     *
     * @param venue            where it traded.
     * @param instrumentId     the instrument id from the {@link InstrumentCatalog}.
     * @param exchangeTimeNs   the venue's trade time.
     * @param receiveTimeNs    when the frame was received.
     * @param priceMantissa    price digits, exactly as sent.
     * @param priceScale       price digits after the point.
     * @param quantityMantissa quantity digits in the venue's unit (contracts on contract venues).
     * @param quantityScale    quantity digits after the point.
     * @param takerSide        the aggressor's side.
     * @param tradeId          the venue trade id (the aggregate id for Binance aggTrade).
     * @return this.
     */
    public InputEvent setTrade(
        final Venue venue,
        final int instrumentId,
        final long exchangeTimeNs,
        final long receiveTimeNs,
        final long priceMantissa,
        final int priceScale,
        final long quantityMantissa,
        final int quantityScale,
        final TakerSide takerSide,
        final long tradeId)
    {
        this.type = EventType.TRADE;
        this.venue = venue;
        this.instrumentId = instrumentId;
        this.exchangeTimeNs = exchangeTimeNs;
        this.receiveTimeNs = receiveTimeNs;
        this.priceMantissa = priceMantissa;
        this.priceScale = priceScale;
        this.quantityMantissa = quantityMantissa;
        this.quantityScale = quantityScale;
        this.takerSide = takerSide;
        this.tradeId = tradeId;
        this.feedState = FeedState.CONNECTED;
        this.missingCount = 0;
        this.publishedNs = 0;
        this.marks = 0;
        this.recoveredCount = 0;
        return this;
    }

    /**
     * Fills this slot with a feed health change.
     *
     * @param venue         the feed.
     * @param instrumentId  the instrument, or {@link #ALL_INSTRUMENTS} for the whole connection.
     * @param state         the new state.
     * @param missingCount  for {@link FeedState#GAP}, how many trades were missed; otherwise 0.
     * @param receiveTimeNs when the change was seen.
     * @return this.
     */
    public InputEvent setFeedStatus(
        final Venue venue, final int instrumentId, final FeedState state, final long missingCount,
        final long receiveTimeNs)
    {
        clear(EventType.FEED_STATUS, receiveTimeNs);
        this.venue = venue;
        this.instrumentId = instrumentId;
        this.feedState = state;
        this.missingCount = missingCount;
        return this;
    }

    /**
     * Fills this slot with a clock tick.
     *
     * @param timeNs the tick time, read from a wall clock by the ticking producer.
     * @return this.
     */
    public InputEvent setClockTick(final long timeNs)
    {
        clear(EventType.CLOCK_TICK, timeNs);
        this.exchangeTimeNs = timeNs;
        return this;
    }

    /**
     * Fills this slot with one closed history period of taker volume for an instrument, e.g. one kline.
     * The buy volume rides in the price fields and the sell volume in the quantity fields, both exact.
     *
     * @param venue             the venue the history came from.
     * @param instrumentId      the flow instrument it belongs to.
     * @param periodStartNs     when the period opened.
     * @param receiveTimeNs     when the sample was published.
     * @param buyVolumeMantissa taker buy volume digits, in the instrument's unit.
     * @param buyVolumeScale    taker buy volume digits after the point.
     * @param sellVolumeMantissa taker sell volume digits, in the instrument's unit.
     * @param sellVolumeScale   taker sell volume digits after the point.
     * @return this.
     */
    public InputEvent setHistorySample(
        final Venue venue,
        final int instrumentId,
        final long periodStartNs,
        final long receiveTimeNs,
        final long buyVolumeMantissa,
        final int buyVolumeScale,
        final long sellVolumeMantissa,
        final int sellVolumeScale)
    {
        clear(EventType.HISTORY_SAMPLE, receiveTimeNs);
        this.venue = venue;
        this.instrumentId = instrumentId;
        this.exchangeTimeNs = periodStartNs;
        this.priceMantissa = buyVolumeMantissa;
        this.priceScale = buyVolumeScale;
        this.quantityMantissa = sellVolumeMantissa;
        this.quantityScale = sellVolumeScale;
        return this;
    }

    /**
     * Sets every field at once, as a journal reader restores an event exactly as it was written.
     *
     * @return this.
     */
    public InputEvent restore(
        final EventType type,
        final Venue venue,
        final int instrumentId,
        final long exchangeTimeNs,
        final long receiveTimeNs,
        final long priceMantissa,
        final int priceScale,
        final long quantityMantissa,
        final int quantityScale,
        final TakerSide takerSide,
        final long tradeId,
        final FeedState feedState,
        final long missingCount)
    {
        this.type = type;
        this.venue = venue;
        this.instrumentId = instrumentId;
        this.exchangeTimeNs = exchangeTimeNs;
        this.receiveTimeNs = receiveTimeNs;
        this.priceMantissa = priceMantissa;
        this.priceScale = priceScale;
        this.quantityMantissa = quantityMantissa;
        this.quantityScale = quantityScale;
        this.takerSide = takerSide;
        this.tradeId = tradeId;
        this.feedState = feedState;
        this.missingCount = missingCount;
        this.publishedNs = 0;
        this.marks = 0;
        this.recoveredCount = 0;
        return this;
    }

    /**
     * Sets the backfill marks, after {@link #setTrade}, {@link #setFeedStatus} or {@link #restore}.
     *
     * @param marks          {@link #BACKFILLED}, {@link #BACKFILL_PENDING}, {@link #BACKFILL_DONE} bits.
     * @param recoveredCount for a GAP marked {@link #BACKFILL_DONE}, how many trades the backfill recovered; else 0.
     * @return this.
     */
    public InputEvent mark(final int marks, final long recoveredCount)
    {
        this.marks = marks;
        this.recoveredCount = recoveredCount;
        return this;
    }

    /**
     * Copies every field of another slot into this one.
     *
     * @param other the source.
     * @return this.
     */
    public InputEvent copyFrom(final InputEvent other)
    {
        this.type = other.type;
        this.venue = other.venue;
        this.instrumentId = other.instrumentId;
        this.exchangeTimeNs = other.exchangeTimeNs;
        this.receiveTimeNs = other.receiveTimeNs;
        this.priceMantissa = other.priceMantissa;
        this.priceScale = other.priceScale;
        this.quantityMantissa = other.quantityMantissa;
        this.quantityScale = other.quantityScale;
        this.takerSide = other.takerSide;
        this.tradeId = other.tradeId;
        this.feedState = other.feedState;
        this.missingCount = other.missingCount;
        this.publishedNs = other.publishedNs;
        this.marks = other.marks;
        this.recoveredCount = other.recoveredCount;
        return this;
    }

    private void clear(final EventType type, final long receiveTimeNs)
    {
        this.type = type;
        this.venue = Venue.BINANCE_USDM;
        this.instrumentId = ALL_INSTRUMENTS;
        this.exchangeTimeNs = receiveTimeNs;
        this.receiveTimeNs = receiveTimeNs;
        this.priceMantissa = 0;
        this.priceScale = 0;
        this.quantityMantissa = 0;
        this.quantityScale = 0;
        this.takerSide = TakerSide.BUY;
        this.tradeId = 0;
        this.feedState = FeedState.CONNECTED;
        this.missingCount = 0;
        this.publishedNs = 0;
        this.marks = 0;
        this.recoveredCount = 0;
    }

    /**
     * @return what this slot holds.
     */
    public EventType type()
    {
        return type;
    }

    /**
     * @return the venue the event came from.
     */
    public Venue venue()
    {
        return venue;
    }

    /**
     * @return the instrument id in the catalog, or {@link #ALL_INSTRUMENTS} for a venue-wide status.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return the exchange's time of the trade, epoch ns.
     */
    public long exchangeTimeNs()
    {
        return exchangeTimeNs;
    }

    /**
     * @return when the frame was received, epoch ns.
     */
    public long receiveTimeNs()
    {
        return receiveTimeNs;
    }

    /**
     * @return the price's unscaled digits (price = mantissa x 10^-scale).
     */
    public long priceMantissa()
    {
        return priceMantissa;
    }

    /**
     * @return the price's decimal scale.
     */
    public int priceScale()
    {
        return priceScale;
    }

    /**
     * @return the quantity's unscaled digits (quantity = mantissa x 10^-scale), in the venue's size unit.
     */
    public long quantityMantissa()
    {
        return quantityMantissa;
    }

    /**
     * @return the quantity's decimal scale.
     */
    public int quantityScale()
    {
        return quantityScale;
    }

    /**
     * @return which side was the taker (aggressor).
     */
    public TakerSide takerSide()
    {
        return takerSide;
    }

    /**
     * @return the venue's trade id.
     */
    public long tradeId()
    {
        return tradeId;
    }

    /**
     * @return the feed state a status event reports.
     */
    public FeedState feedState()
    {
        return feedState;
    }

    /**
     * @return how many trades a GAP status says are missing (0 if unknown).
     */
    public long missingCount()
    {
        return missingCount;
    }

    /**
     * Stamps when a publisher put this event on the ring, for latency telemetry only: it is neither journaled nor
     * read by the signal handler, so replays stay deterministic.
     *
     * @param publishedNs the publisher's clock, epoch nanoseconds.
     */
    public void stampPublished(final long publishedNs)
    {
        this.publishedNs = publishedNs;
    }

    /**
     * @return when this event was published on the ring (epoch nanoseconds), or 0 when it was not (e.g. restored
     * from a journal). Telemetry only; never part of a signal's state.
     */
    public long publishedNs()
    {
        return publishedNs;
    }

    /**
     * @return backfill marks: {@link #BACKFILLED}, {@link #BACKFILL_PENDING}, {@link #BACKFILL_DONE} bits, 0 for none.
     */
    public int marks()
    {
        return marks;
    }

    /**
     * @return for a GAP marked {@link #BACKFILL_DONE}, the trades the backfill recovered; otherwise 0.
     */
    public long recoveredCount()
    {
        return recoveredCount;
    }

    /**
     * @return true for a trade recovered over REST rather than received live.
     */
    public boolean isBackfilled()
    {
        return (marks & BACKFILLED) != 0;
    }

    /**
     * @return the price as a double, for signal arithmetic only.
     */
    public double price()
    {
        return ScaledDecimal.toDouble(priceMantissa, priceScale);
    }

    /**
     * @return the quantity as a double in the venue's unit, for signal arithmetic only.
     */
    public double quantity()
    {
        return ScaledDecimal.toDouble(quantityMantissa, quantityScale);
    }

    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder(128).append(type).append('{');
        switch (type)
        {
            case TRADE:
                out.append(venue.id()).append(" #").append(instrumentId).append(' ').append(takerSide).append(' ');
                ScaledDecimal.appendTo(quantityMantissa, quantityScale, out).append(" @ ");
                ScaledDecimal.appendTo(priceMantissa, priceScale, out).append(" id=").append(tradeId)
                    .append(" t=").append(exchangeTimeNs);
                if ((marks & BACKFILLED) != 0)
                {
                    out.append(" backfilled");
                }
                break;
            case FEED_STATUS:
                out.append(venue.id()).append(" #").append(instrumentId).append(' ').append(feedState)
                    .append(" missing=").append(missingCount);
                if ((marks & BACKFILL_PENDING) != 0)
                {
                    out.append(" backfilling");
                }
                if ((marks & BACKFILL_DONE) != 0)
                {
                    out.append(" recovered=").append(recoveredCount);
                }
                break;
            case HISTORY_SAMPLE:
                out.append(venue.id()).append(" #").append(instrumentId).append(" buy=");
                ScaledDecimal.appendTo(priceMantissa, priceScale, out).append(" sell=");
                ScaledDecimal.appendTo(quantityMantissa, quantityScale, out).append(" open=").append(exchangeTimeNs);
                break;
            default:
                break;
        }
        return out.append(" recv=").append(receiveTimeNs).append('}').toString();
    }
}
