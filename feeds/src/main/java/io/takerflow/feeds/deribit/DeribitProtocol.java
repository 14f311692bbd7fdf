package io.takerflow.feeds.deribit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.TradeHistory;
import io.takerflow.feeds.TradeIds;
import io.takerflow.feeds.VenueProtocol;

/**
 * Deribit JSON-RPC v2: {@code public/subscribe} to {@code trades.<instrument>.100ms}, answered by a {@code result}
 * array of the channels subscribed, and {@code public/set_heartbeat} (30 s), after which Deribit sends {@code
 * heartbeat}s and {@code test_request}s and closes a connection that does not answer a test request with {@code
 * public/test}. Of the channel's intervals Deribit documents: "The value {@code raw} means no aggregation will be
 * applied (Please note that {@code raw} interval is only available to authorized users)"; this feed is public and
 * unauthenticated, so it takes {@code 100ms}, which batches each 100 ms of trades into one notification but still
 * lists every trade with its {@code trade_seq} (the recording's notification holds two), so nothing is lost and gaps
 * are still exact. Heartbeats are keep-alives, not data. {@code trade_seq} counts up by one per instrument, so a jump
 * is a gap of known size. Nothing is replayed on subscribe. Perpetuals and inverse futures ({@code BTC-PERPETUAL},
 * {@code BTC-27DEC24}) trade in USD: their size convention is inverse, with the contract value (1 USD per unit of
 * amount) configured explicitly; linear USDC/USDT instruments ({@code BTC_USDC-PERPETUAL}) and options trade in the
 * base coin. Gaps are backfilled by {@code trade_seq} over REST ({@link DeribitTradeHistory}).
 */
public final class DeribitProtocol implements VenueProtocol
{
    /** The one instance. */
    public static final DeribitProtocol INSTANCE = new DeribitProtocol();
    /** Heartbeat interval asked of Deribit, seconds (its minimum is 10). */
    public static final int HEARTBEAT_SECONDS = 30;
    /** The reply to a {@code test_request}. */
    public static final String TEST_REPLY = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"public/test\",\"params\":{}}";

    private DeribitProtocol()
    {
    }

    @Override
    public Venue venue()
    {
        return Venue.DERIBIT;
    }

    @Override
    public URI defaultEndpoint()
    {
        return URI.create("wss://www.deribit.com/ws/api/v2");
    }

    @Override
    public List<String> subscribeMessages(final List<String> symbols)
    {
        final List<String> channels = new ArrayList<>();
        for (final String symbol : symbols)
        {
            channels.add("trades." + symbol + ".100ms");
        }
        return List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/subscribe\",\"params\":{\"channels\":" +
                VenueProtocol.quoted(channels) + "}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/set_heartbeat\",\"params\":{\"interval\":" +
                HEARTBEAT_SECONDS + "}}");
    }

    @Override
    public String keepAliveReply()
    {
        return TEST_REPLY;
    }

    @Override
    public TradeIds tradeIds()
    {
        return TradeIds.CONSECUTIVE;
    }

    @Override
    public SizeConvention sizeConvention(final String symbol)
    {
        return symbol.indexOf('_') >= 0 || symbol.endsWith("-C") || symbol.endsWith("-P") ?
            SizeConvention.LINEAR : SizeConvention.INVERSE;
    }

    @Override
    public String contractSizeNeeded(final String symbol)
    {
        return sizeConvention(symbol) == SizeConvention.INVERSE ?
            "Deribit " + symbol + " amounts are USD (inverse: base = amount x contractValue / price); " +
            "the contract value is 1 USD per unit of amount" : null;
    }

    @Override
    public long typicalTradeId()
    {
        return 271_252_854L;
    }

    @Override
    public TradeHistory tradeHistory()
    {
        return DeribitTradeHistory.INSTANCE;
    }

    @Override
    public FrameDecoder newDecoder(final InstrumentCatalog instruments)
    {
        return new DeribitTradeDecoder(instruments);
    }
}
