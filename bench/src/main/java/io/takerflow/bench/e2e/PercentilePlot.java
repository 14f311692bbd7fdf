package io.takerflow.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The classic HdrHistogram percentile plot: latency against "1 in N" (x = 1 / (1 - percentile), log scale), one
 * line per offered rate.
 */
final class PercentilePlot
{
    private PercentilePlot()
    {
    }

    static void write(final List<WireToSignalLatency.Outcome> outcomes, final Path png) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final XYSeriesCollection data = new XYSeriesCollection();
        for (final WireToSignalLatency.Outcome outcome : outcomes)
        {
            final XYSeries series = new XYSeries(String.format("%,d msg/s", outcome.rate()), false, true);
            final Histogram histogram = outcome.latency();
            if (histogram.getTotalCount() == 0)
            {
                continue;
            }
            for (final HistogramIterationValue value : histogram.percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                if (percentile >= 100.0)
                {
                    break;
                }
                series.add(1.0 / (1.0 - percentile / 100.0), Math.max(0.1, value.getValueIteratedTo() / 1e3));
            }
            data.addSeries(series);
        }
        final LogAxis x = new LogAxis("percentile as 1 in N (10 = p90, 100 = p99, 1000 = p99.9, ...)");
        x.setBase(10);
        x.setSmallestValue(1);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new DecimalFormat("#,##0"));
        final LogAxis y = new LogAxis("latency, scheduled send to subscriber callback (us)");
        y.setBase(10);
        y.setSmallestValue(0.1);
        y.setTickUnit(new NumberTickUnit(1));
        y.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++)
        {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        final XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        final JFreeChart chart = new JFreeChart("takerflow wire-to-signal latency by percentile",
            JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1200, 700);
    }
}
