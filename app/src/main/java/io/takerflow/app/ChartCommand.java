package io.takerflow.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import io.takerflow.engine.input.EventType;
import io.takerflow.engine.input.InputEvent;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.RegimeThresholds;
import io.takerflow.journal.JournalReader;
import io.takerflow.engine.signal.SignalSnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Draws a journal's first market: price, taker imbalance, Z-score with its neutral band, Coinbase premium (raw and
 * smoothed), and the regime as background shading, into a PNG (headless JFreeChart).
 */
@Command(name = "chart", mixinStandardHelpOptions = true,
    description = "Draw price, imbalance, z (with the neutral band), premium and regime shading from a journal " +
        "into a PNG.")
final class ChartCommand implements Callable<Integer>
{
    private static final int MAX_POINTS = 3000;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal directory")
    private Path journal;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    private Path out;

    @Option(names = "--width", defaultValue = "1400", description = "pixels (default: ${DEFAULT-VALUE})")
    private int width;

    @Option(names = "--height", defaultValue = "1000", description = "pixels (default: ${DEFAULT-VALUE})")
    private int height;

    @Override
    public Integer call() throws IOException
    {
        JournalOption.require(spec, journal);
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: '" + out + "' must end in .png");
        }
        if (width < 200 || height < 200 || width > 10_000 || height > 10_000)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width/--height must be 200..10000");
        }
        System.setProperty("java.awt.headless", "true");
        final List<SignalSnapshot> signals = new ArrayList<>();
        final XYSeries price = new XYSeries("price", false, true);
        RegimeThresholds thresholds = RegimeThresholds.DEFAULT;
        String marketName = "";
        try (JournalReader reader = JournalReader.open(journal))
        {
            while (reader.nextSignal(signal ->
            {
                if (signal.marketIndex() == 0)
                {
                    signals.add(signal);
                }
            }) != JournalReader.END)
            {
                continue;
            }
            final InputEvent event = new InputEvent();
            int priceInstrument = -2;
            for (int kind = reader.nextInput(event); kind != JournalReader.END; kind = reader.nextInput(event))
            {
                if (kind == JournalReader.HEADER && !reader.header().markets().isEmpty())
                {
                    final MarketConfig market = reader.header().markets().get(0);
                    marketName = market.name();
                    thresholds = market.thresholds();
                    priceInstrument = market.referenceInstrument() != MarketConfig.NONE ?
                        market.referenceInstrument() : market.flowInstruments()[0];
                }
                else if (kind == JournalReader.INPUT && event.type() == EventType.TRADE &&
                    event.instrumentId() == priceInstrument)
                {
                    price.add(event.receiveTimeNs() / 1e6, event.price());
                }
            }
        }
        if (signals.isEmpty())
        {
            throw new IllegalArgumentException("--journal: " + journal + " has no signals to chart");
        }
        final XYSeries imbalance = new XYSeries("taker imbalance", false, true);
        final XYSeries z = new XYSeries("flow z-score", false, true);
        final XYSeries premium = new XYSeries("Coinbase premium %", false, true);
        final XYSeries smoothed = new XYSeries("smoothed premium %", false, true);
        final int step = Math.max(1, signals.size() / MAX_POINTS);
        for (int i = 0; i < signals.size(); i += step)
        {
            final SignalSnapshot s = signals.get(i);
            final double ms = s.timeNs() / 1e6;
            imbalance.add(ms, s.imbalance());
            add(z, ms, s.zScore());
            add(premium, ms, s.premiumPct());
            add(smoothed, ms, s.premiumSmoothedPct());
        }

        final CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new DateAxis("time (UTC)"));
        plot.setGap(8);
        final XYPlot pricePlot = subplot(thin(price), "price");
        final XYPlot imbalancePlot = subplot(new XYSeriesCollection(imbalance), "imbalance");
        imbalancePlot.getRangeAxis().setRange(-1, 1);
        final XYPlot zPlot = subplot(new XYSeriesCollection(z), "z");
        zPlot.addRangeMarker(new IntervalMarker(thresholds.sellersEnterZ(), thresholds.buyersEnterZ(),
            new Color(0, 0, 0, 20)), Layer.BACKGROUND);
        final XYSeriesCollection premiums = new XYSeriesCollection(premium);
        premiums.addSeries(smoothed);
        final XYPlot premiumPlot = subplot(premiums, "premium %");
        for (final XYPlot sub : List.of(pricePlot, imbalancePlot, zPlot, premiumPlot))
        {
            shadeRegimes(sub, signals);
            plot.add(sub, sub == pricePlot ? 3 : 2);
        }
        final JFreeChart chart = new JFreeChart("takerflow " + marketName + ": taker flow, premium and regime " +
            "(red RISK_OFF, amber RECOVERING, green RISK_ON)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(out.toFile(), chart, width, height);
        spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + signals.size() + " signals, " +
            price.getItemCount() + " trades)");
        return 0;
    }

    private static XYSeriesCollection thin(final XYSeries series)
    {
        final int step = Math.max(1, series.getItemCount() / MAX_POINTS);
        final XYSeries thinned = new XYSeries(series.getKey(), false, true);
        for (int i = 0; i < series.getItemCount(); i += step)
        {
            thinned.add(series.getX(i), series.getY(i));
        }
        return new XYSeriesCollection(thinned);
    }

    private static void add(final XYSeries series, final double x, final double y)
    {
        if (!Double.isNaN(y) && !Double.isInfinite(y))
        {
            series.add(x, y);
        }
    }

    private static XYPlot subplot(final XYSeriesCollection data, final String label)
    {
        final NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++)
        {
            renderer.setSeriesStroke(i, new BasicStroke(1.2f));
        }
        final XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static void shadeRegimes(final XYPlot plot, final List<SignalSnapshot> signals)
    {
        Regime current = signals.get(0).regime();
        double start = signals.get(0).timeNs() / 1e6;
        for (final SignalSnapshot s : signals)
        {
            if (s.regime() != current)
            {
                mark(plot, current, start, s.timeNs() / 1e6);
                current = s.regime();
                start = s.timeNs() / 1e6;
            }
        }
        mark(plot, current, start, signals.get(signals.size() - 1).timeNs() / 1e6);
    }

    private static void mark(final XYPlot plot, final Regime regime, final double from, final double to)
    {
        final Color color;
        switch (regime)
        {
            case RISK_OFF:
                color = new Color(220, 40, 40, 45);
                break;
            case RECOVERING:
                color = new Color(240, 170, 0, 45);
                break;
            case RISK_ON:
                color = new Color(40, 170, 60, 45);
                break;
            default:
                return;
        }
        plot.addDomainMarker(new IntervalMarker(from, to, color), Layer.BACKGROUND);
    }
}
