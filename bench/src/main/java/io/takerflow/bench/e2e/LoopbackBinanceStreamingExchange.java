package io.takerflow.bench.e2e;

import info.bitrich.xchangestream.binance.BinanceStreamingExchange;

/**
 * XChange's Binance spot streaming client pointed at the loopback simulator: the only change is the base URI,
 * through XChange's own overridable {@code getStreamingBaseUri()}; the connection, framing, Jackson parsing, RxJava
 * pipeline and trade adapter are XChange's. The base comes from the exchange-specific parameter {@link #BASE_URI}.
 */
public final class LoopbackBinanceStreamingExchange extends BinanceStreamingExchange
{
    /**
     * The exchange-specific parameter holding the {@code ws://127.0.0.1:PORT/} base.
     */
    public static final String BASE_URI = "takerflow.loopbackBaseUri";

    @Override
    protected String getStreamingBaseUri()
    {
        final Object base = exchangeSpecification.getExchangeSpecificParametersItem(BASE_URI);
        if (!(base instanceof String) || !((String)base).startsWith("ws://127.0.0.1:"))
        {
            throw new IllegalStateException(BASE_URI + " must be a ws://127.0.0.1:PORT/ base, not " + base);
        }
        return (String)base;
    }
}
