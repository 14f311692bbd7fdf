package io.takerflow.journal;

import java.io.IOException;
import io.takerflow.engine.input.InputEvent;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.takerflow.engine.EngineConfig;
import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.TakerflowEngine;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.signal.MarketConfig;

/**
 * A separate JVM that journals a stream of trades (ids 1, 2, 3, ...) until it is killed, or, given a count as second
 * argument, that many and then closes and prints {@code DONE}; for the crash, tail and no-network tests. Any attempt
 * to open a URL connection is printed as {@code NETWORK ATTEMPT}.
 */
public final class JournalWriterProcess
{
    private JournalWriterProcess()
    {
    }

    /**
     * @param args the journal directory, optionally the number of trades to write (default: until killed).
     * @throws Exception if the run cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        ProxySelector.setDefault(new ProxySelector()
        {
            @Override
            public List<Proxy> select(final URI uri)
            {
                System.out.println("NETWORK ATTEMPT " + uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(final URI uri, final SocketAddress address, final IOException ex)
            {
            }
        });
        System.out.println("chronicle.analytics.disable=" + System.getProperty("chronicle.analytics.disable"));
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final int usdm = catalog.add(Venue.BINANCE_USDM, "BTCUSDT", 1.0);
        final List<MarketConfig> markets = List.of(MarketConfig.builder("BTC").flowInstruments(usdm).build());
        final Journal journal = Journal.open(JournalSettings.daily(Path.of(args[0])), catalog, markets);
        System.out.println("after open chronicle.analytics.disable=" +
            System.getProperty("chronicle.analytics.disable"));
        final long count = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        final TakerflowEngine engine = TakerflowEngine.start(EngineConfig.builder(catalog).market(markets.get(0))
            .tickInterval(0, TimeUnit.MILLISECONDS).parallelHandler(journal.inputWriter())
            .listener(journal.signalWriter()).build());
        journal.attach(engine);
        final InputPublisher publisher = engine.newPublisher();
        System.out.println("READY");
        System.out.flush();
        for (long id = 1; id <= count; id++)
        {
            final long now = System.currentTimeMillis() * 1_000_000L;
            publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(usdm).exchangeTimeNs(now)
                .receiveTimeNs(now).priceMantissa(6_500_000 + id % 1000).priceScale(2).quantityMantissa(1 + id % 7)
                .quantityScale(3).takerSide(id % 3 == 0 ? TakerSide.SELL : TakerSide.BUY).tradeId(id));
            if (id % 64 == 0)
            {
                Thread.sleep(1);
            }
        }
        engine.close();
        journal.close();
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }
}
