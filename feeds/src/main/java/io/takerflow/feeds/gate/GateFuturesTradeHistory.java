package io.takerflow.feeds.gate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.takerflow.engine.input.TakerSide;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Gate futures {@code GET /api/v4/futures/{settle}/trades?contract=..&limit=1000&offset=N&from=S&to=S} (delivery
 * contracts, {@code BTC_USDT_20200814}, under {@code /delivery/{settle}/trades}; {@code settle} is {@code btc} for
 * the BTC-settled {@code _USD} contracts, {@code usdt} otherwise). Gate's documentation: {@code last_id} "This
 * parameter is deprecated. Use {@code from} and {@code to} instead to limit time range"; {@code from} "Specify
 * starting time in Unix seconds. If not specified, {@code to} and {@code limit} will be used to limit response items.
 * If items between {@code from} and {@code to} are more than {@code limit}, only {@code limit} number will be
 * returned"; {@code to} "Specify end time in Unix seconds"; {@code limit} at most 1,000; and its limit-offset
 * pagination: "keep the same limit and increment offset until fewer records than limit are returned". Which
 * {@code limit} trades of a larger span come back is not documented, so the span stays fixed (the gap's, widened to
 * whole seconds: {@code from} its start's second, {@code to} one second past its end's) and pages walk it by
 * {@code offset} ({@link Paging#SPAN_BY_OFFSET}), newest first as Gate lists trades.
 * <p>
 * A trade is {@code {"id","create_time","create_time_ms","contract","size","price"}}: {@code size} is the number of
 * contracts signed by the TAKER's side (positive: the taker bought), as on the WebSocket, so the size handed on is
 * its absolute value in contracts, the unit of the WebSocket's, which the instrument's multiplier turns into base
 * units; {@code price} a string; the time is {@code create_time_ms} ("Trading time, with milliseconds set to 3
 * decimal places": seconds with three decimals) or else {@code create_time} (seconds, maybe with decimals), read
 * exactly; an integer too large to be seconds is taken as milliseconds, as the WebSocket writes them. Gate limits
 * public endpoints to 200 requests per 10 s per endpoint and IP: one feed asks at most every 200 ms.
 */
final class GateFuturesTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final GateFuturesTradeHistory INSTANCE = new GateFuturesTradeHistory();
    /** Gate's largest page. */
    static final int PAGE = 1000;

    private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATE_TIME = "create_time".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATE_TIME_MS = "create_time_ms".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIZE = "size".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "price".getBytes(StandardCharsets.US_ASCII);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** Above this an integer time is milliseconds (10^11 seconds is the year 5138). */
    private static final long LARGEST_SECONDS = 100_000_000_000L;
    private static final long INVALID = Long.MIN_VALUE;

    private GateFuturesTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://api.gateio.ws");
    }

    @Override
    public Paging paging()
    {
        return Paging.SPAN_BY_OFFSET;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final Span span)
    {
        final String settle = symbol.endsWith("_USD") ? "btc" : "usdt";
        final String product = isDelivery(symbol) ? "delivery" : "futures";
        return TradeHistory.resolve(base, "/api/v4/" + product + "/" + settle + "/trades?contract=" + symbol +
            "&limit=" + PAGE + "&offset=" + span.skip() + "&from=" + Math.floorDiv(span.fromNs(), NANOS_PER_SECOND) +
            "&to=" + (Math.floorDiv(span.untilNs(), NANOS_PER_SECOND) + 1));
    }

    @Override
    public int pageSize()
    {
        return PAGE;
    }

    @Override
    public long requestIntervalNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(200);
    }

    @Override
    public boolean readPage(final JsonCursor json, final PageSink sink)
    {
        return TradeHistory.readArray(json, sink, (trade, number, pageSink) -> trade(trade, pageSink));
    }

    private static boolean trade(final JsonCursor json, final PageSink sink)
    {
        if (!json.beginObject())
        {
            return false;
        }
        long tradeId = INVALID;
        long timeNs = INVALID;
        long timeMsNs = INVALID;
        long size = 0;
        int sizeScale = 0;
        long priceMantissa = 0;
        int priceScale = 0;
        while (json.nextField())
        {
            if (json.stringEquals(ID))
            {
                tradeId = json.readLong() ? json.mantissa() : INVALID;
            }
            else if (json.stringEquals(CREATE_TIME_MS))
            {
                timeMsNs = json.readDecimal() ? epochNanos(json.mantissa(), json.scale()) : INVALID;
            }
            else if (json.stringEquals(CREATE_TIME))
            {
                timeNs = json.readDecimal() ? epochNanos(json.mantissa(), json.scale()) : INVALID;
            }
            else if (json.stringEquals(SIZE))
            {
                if (json.readDecimal())
                {
                    size = json.mantissa();
                    sizeScale = json.scale();
                }
            }
            else if (json.stringEquals(PRICE))
            {
                if (json.readDecimal())
                {
                    priceMantissa = json.mantissa();
                    priceScale = json.scale();
                }
            }
            else
            {
                json.skipValue();
            }
        }
        final long time = timeMsNs != INVALID ? timeMsNs : timeNs;
        if (json.failed() || tradeId == INVALID || time == INVALID || time <= 0 || size == 0 || priceMantissa <= 0)
        {
            return false;
        }
        sink.onTrade(tradeId, time, priceMantissa, priceScale, Math.abs(size), sizeScale,
            size > 0 ? TakerSide.BUY : TakerSide.SELL);
        return true;
    }

    /**
     * Seconds with up to nine decimals, or whole milliseconds (an integer too large to be seconds), as epoch ns.
     */
    private static long epochNanos(final long mantissa, final int scale)
    {
        if (scale == 0 && mantissa > LARGEST_SECONDS)
        {
            return mantissa * NANOS_PER_MILLI;
        }
        if (scale < 0 || scale > 9)
        {
            return INVALID;
        }
        long factor = NANOS_PER_SECOND;
        for (int i = 0; i < scale; i++)
        {
            factor /= 10;
        }
        return mantissa * factor;
    }

    /**
     * @return true for a delivery contract ({@code BTC_USDT_20200814}: its last part is a date).
     */
    private static boolean isDelivery(final String symbol)
    {
        final int last = symbol.lastIndexOf('_');
        if (last < 0 || symbol.length() - last - 1 != 8)
        {
            return false;
        }
        for (int i = last + 1; i < symbol.length(); i++)
        {
            if (!Character.isDigit(symbol.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }
}
