package io.takerflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.UnsafeBuffer;

import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.input.InstrumentCatalog;
import io.takerflow.engine.input.Venue;
import io.takerflow.feeds.FrameDecoder;
import io.takerflow.feeds.venues.VenueProtocols;
import io.takerflow.feeds.FrameSink;
import io.takerflow.feeds.recorded.RecordedFrames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Decodes recorded frames with the live decoders and prints one normalized trade per line.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Decode recorded frames (one JSON frame per line, an optional receive-time prefix; .gz read " +
        "as gzip; a JSON document pretty-printed over several lines is one frame) with the live decoders and print " +
        "one trade per line: venue,symbol,exchange_time_ns,price,quantity,taker_side,trade_id. Trades a venue " +
        "sends as a snapshot on subscribe (Hyperliquid, Kraken Futures, BitMEX partial, Bitfinex) happened before " +
        "the subscription and are never flow: their lines end in ,snapshot (JSON lines: \"snapshot\":true).")
final class DecodeCommand implements Callable<Integer>
{
    private static final Pattern SYMBOL = Pattern.compile(
        "\"symbol\"\\s*:\\s*\"t([^\"]{1,40})\"" +
        "|\"(?:s|product_id|instId|instrument_name|symbol|contract|coin|pair)\"\\s*:\\s*\"([^\"]{1,40})\"" +
        "|\"topic\"\\s*:\\s*\"publicTrade\\.([^\"]{1,40})\"" +
        "|\"channel\"\\s*:\\s*\"live_trades_([^\"]{1,40})\"");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--venue", required = true, paramLabel = "VENUE",
        description = "binance-usdm, binance-spot, coinbase, coinbase-advanced, bybit-linear, bybit-spot, okx, " +
            "hyperliquid, bitfinex, kraken, bitstamp, deribit, bitmex, kraken-futures or gate-futures")
    private String venueId;

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "output format (default: ${DEFAULT-VALUE})",
        defaultValue = "csv")
    private String format;

    @Parameters(paramLabel = "FILE", description = "recordings to read (default: standard input)")
    private List<Path> files;

    @Override
    public Integer call() throws IOException
    {
        final Venue venue;
        try
        {
            venue = Venue.fromId(venueId);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--venue: " + ex.getMessage());
        }
        final boolean csv = OutputFormat.parse(spec, format);
        if (files != null)
        {
            for (final Path file : files)
            {
                if (!Files.isRegularFile(file))
                {
                    throw new CommandLine.ParameterException(spec.commandLine(), "FILE: no such file: " + file);
                }
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        final InstrumentCatalog catalog = new InstrumentCatalog();
        final FrameDecoder decoder = VenueProtocols.of(venue).newDecoder(catalog);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        final long[] counts = new long[2];
        final FrameSink sink = new FrameSink()
        {
            @Override
            public void onTrade(final InputEvent trade)
            {
                print(out, catalog, trade, csv, false);
            }

            @Override
            public void onSnapshotTrade(final InputEvent trade)
            {
                print(out, catalog, trade, csv, true);
            }
        };
        final RecordedFrames.FrameConsumer consumer = (receiveTimeNs, frame, line) ->
        {
            final Matcher symbols = SYMBOL.matcher(frame);
            while (symbols.find())
            {
                String symbol = null;
                for (int group = 1; symbol == null && group <= symbols.groupCount(); group++)
                {
                    symbol = symbols.group(group);
                }
                if (catalog.find(venue, symbol) < 0)
                {
                    catalog.add(venue, symbol, 1.0);
                }
            }
            final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            buffer.wrap(bytes);
            if (decoder.decode(buffer, 0, bytes.length, receiveTimeNs, sink) == FrameDecoder.MALFORMED)
            {
                counts[1]++;
            }
            counts[0]++;
        };
        if (files == null || files.isEmpty())
        {
            final InputStream in = System.in;
            RecordedFrames.read(in, consumer);
        }
        else
        {
            for (final Path file : files)
            {
                RecordedFrames.read(file, consumer);
            }
        }
        out.flush();
        if (counts[1] > 0)
        {
            spec.commandLine().getErr().println("decode: " + counts[1] + " malformed line(s) of " + counts[0] +
                " skipped");
        }
        return 0;
    }

    private static void print(final PrintWriter out, final InstrumentCatalog catalog, final InputEvent trade,
        final boolean csv, final boolean snapshot)
    {
        final String symbol = catalog.get(trade.instrumentId()).symbol();
        final String price = BigDecimal.valueOf(trade.priceMantissa(), trade.priceScale()).toPlainString();
        final String quantity = BigDecimal.valueOf(trade.quantityMantissa(), trade.quantityScale()).toPlainString();
        if (csv)
        {
            out.println(trade.venue().id() + "," + symbol + "," + trade.exchangeTimeNs() + "," + price + "," +
                quantity +
                "," + trade.takerSide() + "," + trade.tradeId() + (snapshot ? ",snapshot" : ""));
        }
        else
        {
            out.println("{\"venue\":\"" + trade.venue().id() + "\",\"symbol\":\"" + symbol +
                "\",\"exchange_time_ns\":" +
                trade.exchangeTimeNs() + ",\"price\":\"" + price + "\",\"quantity\":\"" + quantity +
                "\",\"taker_side\":\"" + trade.takerSide() + "\",\"trade_id\":" + trade.tradeId() +
                (snapshot ? ",\"snapshot\":true}" : "}"));
        }
    }
}
