package io.takerflow.engine.input;

/**
 * The one preallocated, mutable ring slot for every input. Which fields mean something depends on
 * {@link #type()}; a producer empties a slot for what it holds ({@link #trade()}, {@link #historySample()},
 * {@link #feedStatus()}, {@link #setClockTick}) and fills it through setters named like the fields, so a slot never
 * carries a previous event's values and no two numbers can swap places unnoticed.
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
    private long buyVolumeMantissa;
    private int buyVolumeScale;
    private long sellVolumeMantissa;
    private int sellVolumeScale;

    /**
     * Empties this slot for a trade: fill it with the named setters, e.g.
     * <pre>{@code
     * slot.trade().venue(Venue.BINANCE_USDM).instrumentId(perp).exchangeTimeNs(t).receiveTimeNs(now)
     *     .priceMantissa(9_512_340).priceScale(2).quantityMantissa(15).quantityScale(3)
     *     .takerSide(TakerSide.SELL).tradeId(1L);
     * }</pre>
     * Every field is named where it is written, so a price mantissa cannot land in a quantity scale unnoticed.
     *
     * @return this, a TRADE with every field empty.
     */
    public InputEvent trade()
    {
        return reset(EventType.TRADE);
    }

    /**
     * Empties this slot for one closed history period of taker volume for an instrument (e.g. one kline): fill it
     * with {@link #venue(Venue)}, {@link #instrumentId(int)}, {@link #exchangeTimeNs(long)} (when the period opened),
     * {@link #receiveTimeNs(long)} and the buy and sell volume setters.
     *
     * @return this, a HISTORY_SAMPLE with every field empty.
     */
    public InputEvent historySample()
    {
        return reset(EventType.HISTORY_SAMPLE);
    }

    /**
     * Empties this slot for one closed bar of taker volume for a flow instrument (e.g. a 1-minute kline) that fills
     * the flow window's bucket holding its open time at start: fill it as a {@link #historySample()} (the open time
     * in {@link #exchangeTimeNs(long)}) and add the bar's trade count with {@link #sampleTrades(long)}.
     *
     * @return this, a WINDOW_SAMPLE with every field empty.
     */
    public InputEvent windowSample()
    {
        return reset(EventType.WINDOW_SAMPLE);
    }

    /**
     * @param trades for a {@link EventType#WINDOW_SAMPLE}, the trades in its bar, as the venue counts them (carried
     *               in the trade id field).
     * @return this.
     */
    public InputEvent sampleTrades(final long trades)
    {
        this.tradeId = trades;
        return this;
    }

    /**
     * Empties every field and sets the type, e.g. for a journal reader that restores an event field by field.
     *
     * @param type what the slot will hold.
     * @return this.
     */
    public InputEvent reset(final EventType type)
    {
        clear(type, 0);
        return this;
    }

    /**
     * Empties this slot for a feed health change: fill it with {@link #venue(Venue)}, {@link #instrumentId(int)}
     * ({@link #ALL_INSTRUMENTS} for the whole connection), {@link #feedState(FeedState)},
     * {@link #missingCount(long)} (for a {@link FeedState#GAP}, how many trades were missed), {@link #receiveTimeNs(long)}
     * and, for a backfill's GAP, {@link #mark(int, long)}.
     *
     * @return this, a FEED_STATUS with every field empty.
     */
    public InputEvent feedStatus()
    {
        return reset(EventType.FEED_STATUS);
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
     * Sets the backfill marks, after {@link #trade()}, {@link #feedStatus()} or {@link #reset}.
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
        this.buyVolumeMantissa = other.buyVolumeMantissa;
        this.buyVolumeScale = other.buyVolumeScale;
        this.sellVolumeMantissa = other.sellVolumeMantissa;
        this.sellVolumeScale = other.sellVolumeScale;
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
        this.buyVolumeMantissa = 0;
        this.buyVolumeScale = 0;
        this.sellVolumeMantissa = 0;
        this.sellVolumeScale = 0;
    }

    /**
     * @param venue where it traded, or the feed or history source.
     * @return this.
     */
    public InputEvent venue(final Venue venue)
    {
        this.venue = venue;
        return this;
    }

    /**
     * @param instrumentId the instrument id from the {@link InstrumentCatalog}, or {@link #ALL_INSTRUMENTS}.
     * @return this.
     */
    public InputEvent instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    /**
     * @param exchangeTimeNs the venue's time: a trade's time, or when a history period opened.
     * @return this.
     */
    public InputEvent exchangeTimeNs(final long exchangeTimeNs)
    {
        this.exchangeTimeNs = exchangeTimeNs;
        return this;
    }

    /**
     * @param receiveTimeNs when the frame was received (the signal handler's "now").
     * @return this.
     */
    public InputEvent receiveTimeNs(final long receiveTimeNs)
    {
        this.receiveTimeNs = receiveTimeNs;
        return this;
    }

    /**
     * @param priceMantissa a trade's price digits, exactly as sent.
     * @return this.
     */
    public InputEvent priceMantissa(final long priceMantissa)
    {
        this.priceMantissa = priceMantissa;
        return this;
    }

    /**
     * @param priceScale a trade's price digits after the point.
     * @return this.
     */
    public InputEvent priceScale(final int priceScale)
    {
        this.priceScale = priceScale;
        return this;
    }

    /**
     * @param quantityMantissa a trade's quantity digits in the venue's unit (contracts on contract venues).
     * @return this.
     */
    public InputEvent quantityMantissa(final long quantityMantissa)
    {
        this.quantityMantissa = quantityMantissa;
        return this;
    }

    /**
     * @param quantityScale a trade's quantity digits after the point.
     * @return this.
     */
    public InputEvent quantityScale(final int quantityScale)
    {
        this.quantityScale = quantityScale;
        return this;
    }

    /**
     * @param takerSide the aggressor's side.
     * @return this.
     */
    public InputEvent takerSide(final TakerSide takerSide)
    {
        this.takerSide = takerSide;
        return this;
    }

    /**
     * @param tradeId the venue trade id (the aggregate id for Binance aggTrade).
     * @return this.
     */
    public InputEvent tradeId(final long tradeId)
    {
        this.tradeId = tradeId;
        return this;
    }

    /**
     * @param feedState a FEED_STATUS event's new state.
     * @return this.
     */
    public InputEvent feedState(final FeedState feedState)
    {
        this.feedState = feedState;
        return this;
    }

    /**
     * @param missingCount for a GAP, how many trades were missed ({@link #MISSING_UNKNOWN} if unknown); else 0.
     * @return this.
     */
    public InputEvent missingCount(final long missingCount)
    {
        this.missingCount = missingCount;
        return this;
    }

    /**
     * @param buyVolumeMantissa a history sample's taker buy volume digits, in the instrument's unit.
     * @return this.
     */
    public InputEvent buyVolumeMantissa(final long buyVolumeMantissa)
    {
        this.buyVolumeMantissa = buyVolumeMantissa;
        return this;
    }

    /**
     * @param buyVolumeScale a history sample's taker buy volume digits after the point.
     * @return this.
     */
    public InputEvent buyVolumeScale(final int buyVolumeScale)
    {
        this.buyVolumeScale = buyVolumeScale;
        return this;
    }

    /**
     * @param sellVolumeMantissa a history sample's taker sell volume digits, in the instrument's unit.
     * @return this.
     */
    public InputEvent sellVolumeMantissa(final long sellVolumeMantissa)
    {
        this.sellVolumeMantissa = sellVolumeMantissa;
        return this;
    }

    /**
     * @param sellVolumeScale a history sample's taker sell volume digits after the point.
     * @return this.
     */
    public InputEvent sellVolumeScale(final int sellVolumeScale)
    {
        this.sellVolumeScale = sellVolumeScale;
        return this;
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
     * @return a history sample's taker buy volume digits, in the instrument's unit.
     */
    public long buyVolumeMantissa()
    {
        return buyVolumeMantissa;
    }

    /**
     * @return a history sample's taker buy volume digits after the point.
     */
    public int buyVolumeScale()
    {
        return buyVolumeScale;
    }

    /**
     * @return a history sample's taker sell volume digits, in the instrument's unit.
     */
    public long sellVolumeMantissa()
    {
        return sellVolumeMantissa;
    }

    /**
     * @return a history sample's taker sell volume digits after the point.
     */
    public int sellVolumeScale()
    {
        return sellVolumeScale;
    }

    /**
     * @return a history sample's taker buy volume as a double in the instrument's unit, for signal arithmetic only.
     */
    public double buyVolume()
    {
        return ScaledDecimal.toDouble(buyVolumeMantissa, buyVolumeScale);
    }

    /**
     * @return a history sample's taker sell volume as a double in the instrument's unit, for signal arithmetic only.
     */
    public double sellVolume()
    {
        return ScaledDecimal.toDouble(sellVolumeMantissa, sellVolumeScale);
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
     * @return for a {@link EventType#WINDOW_SAMPLE}, the trades in its bar (carried in the trade id field).
     */
    public long sampleTrades()
    {
        return tradeId;
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
            case WINDOW_SAMPLE:
                out.append("trades=").append(tradeId).append(' ');
                // fall through: the volumes read as a history sample's
            case HISTORY_SAMPLE:
                out.append(venue.id()).append(" #").append(instrumentId).append(" buy=");
                ScaledDecimal.appendTo(buyVolumeMantissa, buyVolumeScale, out).append(" sell=");
                ScaledDecimal.appendTo(sellVolumeMantissa, sellVolumeScale, out).append(" open=")
                    .append(exchangeTimeNs);
                break;
            default:
                break;
        }
        return out.append(" recv=").append(receiveTimeNs).append('}').toString();
    }
}
