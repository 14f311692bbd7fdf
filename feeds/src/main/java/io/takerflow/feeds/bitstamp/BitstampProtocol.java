package io.takerflow.feeds.bitstamp;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * Bitstamp {@code live_trades}: one {@code {"event":"bts:subscribe","data":{"channel":"live_trades_btcusd"}}} per
 * pair, each acknowledged by {@code "event":"bts:subscription_succeeded"} or refused by {@code "event":"bts:error"}.
 * No snapshot on subscribe and no heartbeat from the venue. {@code "event":"bts:request_reconnect"} asks the client
 * to reconnect, on which the feed switches connections make-before-break. Trade ids are one counter across all pairs:
 * they grow per pair but skip values, so a reconnect is a gap of unknown size, recovered from the last hour's trades
 * over REST. Pairs are lower case as Bitstamp
 * writes them ({@code btcusd}); sizes are in the base currency.
 */
public final class BitstampProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final BitstampProtocol INSTANCE = new BitstampProtocol();
    /** The channel name before the pair. */
    public static final String CHANNEL_PREFIX = "live_trades_";

    private BitstampProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.BITSTAMP;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://ws.bitstamp.net/");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        final List<String> messages = new ArrayList<>(symbols.size());
        for (final String pair : symbols)
        {
            messages.add("{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"" + CHANNEL_PREFIX +
                pair.toLowerCase(Locale.ROOT) + "\"}}");
        }
        return messages;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.INCREASING;
    }

    /**
     * @return every trade of the last hour ({@link BitstampTradeHistory}): a reconnect's gap, bounded by the ids either
     * side of it, is recovered as far back as the hour reaches and the rest reported.
     */
    @Override
    public TradeHistory tradeHistory()
    {
        return BitstampTradeHistory.INSTANCE;
    }

    @Override
    public long typicalTradeId()
    {
        return 216_000_477L;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new BitstampTradeDecoder(instruments);
    }
}
