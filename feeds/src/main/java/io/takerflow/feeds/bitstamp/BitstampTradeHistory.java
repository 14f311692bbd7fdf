package io.takerflow.feeds.bitstamp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.takerflow.engine.input.TakerSide;
import io.takerflow.feeds.JsonDecimal;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.json.JsonCursor;

/**
 * Bitstamp {@code GET /api/v2/transactions/{pair}/?time=hour}: every trade of a pair in the last hour, newest first
 * (Bitstamp: {@code time} "The time interval from which we want the transactions to be returned. Possible values are
 * minute, hour (default) or day"; the answer a "descending list of transactions"). It cannot be asked for an id or a
 * span ({@link Paging#LATEST}): a reconnect's gap, bounded by the ids either side of it, is recovered as far back as
 * the hour reaches, the rest reported.
 * <p>
 * Why {@code hour}, not {@code day}: a backfill goes back at most the longest market window, one hour by default, so
 * an hour's trades hold every trade of a gap the default window could still count (a gap is seen within seconds of
 * the reconnect that ends it; an outage longer than the hour is reported in part either way). A day's answer is 24
 * times larger, one page read onto the ring in one piece (tens of thousands of trades on {@code btcusd}), and would
 * only serve windows longer than an hour; {@code minute} would miss any outage over a minute.
 * <p>
 * A trade is {@code {"date","tid","price","amount","type"}}, all strings in Bitstamp's schema (bare numbers are read
 * too): {@code tid} is the WebSocket's {@code id}, the one counter across all pairs; {@code type} 0 means the taker
 * bought and 1 sold, as the WebSocket's {@code type} (Bitstamp: "0 (buy) or 1 (sell)"; in the recordings the order on
 * the {@code type} side is always the newer, taking one); {@code amount} is in the base currency and {@code price}
 * read exactly, exponents included, as on the WebSocket; {@code date} is epoch SECONDS, so a recovered trade carries
 * its second where the WebSocket would have given microseconds. Bitstamp allows 8,000 requests per 10 minutes per IP;
 * one feed asks at most once a second.
 */
final class BitstampTradeHistory implements TradeHistory
{
    /** The one instance. */
    static final BitstampTradeHistory INSTANCE = new BitstampTradeHistory();

    private static final byte[] DATE = "date".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TID = "tid".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "price".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AMOUNT = "amount".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
    private static final int HAVE_DATE = 1;
    private static final int HAVE_TID = 2;
    private static final int HAVE_PRICE = 4;
    private static final int HAVE_AMOUNT = 8;
    private static final int HAVE_TYPE = 16;
    private static final int HAVE_ALL = HAVE_DATE | HAVE_TID | HAVE_PRICE | HAVE_AMOUNT | HAVE_TYPE;

    private BitstampTradeHistory()
    {
    }

    @Override
    public URI defaultBase()
    {
        return URI.create("https://www.bitstamp.net");
    }

    @Override
    public Paging paging()
    {
        return Paging.LATEST;
    }

    @Override
    public URI pageUri(final URI base, final String symbol, final Span span)
    {
        return TradeHistory.resolve(base, "/api/v2/transactions/" + symbol + "/?time=hour");
    }

    @Override
    public long requestIntervalNs()
    {
        return TimeUnit.SECONDS.toNanos(1);
    }

    @Override
    public boolean readPage(final JsonCursor json, final PageSink sink)
    {
        return TradeHistory.readArray(json, sink, BitstampTradeHistory::trade);
    }

    /**
     * One {@code {"date","tid","price","amount","type"}}; a trade with a field missing or out of range spoils the page.
     */
    private static boolean trade(final JsonCursor json, final JsonDecimal number, final PageSink sink)
    {
        if (!json.beginObject())
        {
            return false;
        }
        int seen = 0;
        long timeS = 0;
        long tradeId = 0;
        long priceMantissa = 0;
        int priceScale = 0;
        long amountMantissa = 0;
        int amountScale = 0;
        TakerSide side = null;
        while (json.nextField())
        {
            if (json.stringEquals(DATE))
            {
                if (json.readLong())
                {
                    timeS = json.mantissa();
                    seen |= timeS > 0 ? HAVE_DATE : 0;
                }
            }
            else if (json.stringEquals(TID))
            {
                if (json.readLong())
                {
                    tradeId = json.mantissa();
                    seen |= tradeId > 0 ? HAVE_TID : 0;
                }
            }
            else if (json.stringEquals(PRICE))
            {
                if (number.read(json))
                {
                    priceMantissa = number.mantissa();
                    priceScale = number.scale();
                    seen |= priceMantissa > 0 ? HAVE_PRICE : 0;
                }
            }
            else if (json.stringEquals(AMOUNT))
            {
                if (number.read(json))
                {
                    amountMantissa = number.mantissa();
                    amountScale = number.scale();
                    seen |= amountMantissa > 0 ? HAVE_AMOUNT : 0;
                }
            }
            else if (json.stringEquals(TYPE))
            {
                if (json.readLong())
                {
                    side = json.mantissa() == 0 ? TakerSide.BUY : json.mantissa() == 1 ? TakerSide.SELL : null;
                    seen |= side == null ? 0 : HAVE_TYPE;
                }
            }
            else
            {
                json.skipValue();
            }
        }
        if (json.failed() || seen != HAVE_ALL)
        {
            return false;
        }
        sink.onTrade(tradeId, TimeUnit.SECONDS.toNanos(timeS), priceMantissa, priceScale, amountMantissa, amountScale,
            side);
        return true;
    }
}
