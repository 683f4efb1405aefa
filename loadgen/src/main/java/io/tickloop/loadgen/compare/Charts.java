package io.tickloop.loadgen.compare;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The comparison's charts, drawn by XChart: latency percentile distributions overlaid on a log
 * {@code 1/(1-p)} axis (HdrHistogram's way of showing the tail), p99 per interval over time, and bars.
 */
final class Charts
{
    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    private static final double NINES = 5;
    private static final double MAX_PERCENTILE = 99.999;
    /**
     * One color per model, told apart on white and by colour-blind readers (Okabe and Ito's palette, without its
     * yellow): XChart's default put a yellow and an orange side by side.
     */
    private static final Color[] SERIES_COLORS = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), Color.BLACK, new Color(0x999999)};

    private Charts()
    {
    }

    /**
     * @param title the chart's title.
     * @param latencyByModel each model's latency histogram, nanoseconds.
     * @return latency (ms, log scale) against the percentile, on an x axis of {@code 1/(1-p)}, log scale.
     */
    static XYChart percentileDistribution(final String title, final Map<String, Histogram> latencyByModel)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("percentile").yAxisTitle("latency (ms)").build();
        style(chart);
        // x is log10(1/(1-p)): a linear axis over it is the log 1/(1-p) axis, 1 per "nine", with tick labels
        // of our own (XChart's custom labels do not work on its logarithmic axes).
        final XYStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(true);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(NINES);
        styler.setXAxisTickMarkSpacingHint((int)(WIDTH / (NINES + 2)));
        chart.setCustomXAxisTickLabelsFormatter(Charts::percentileLabel);
        latencyByModel.forEach((model, histogram) ->
        {
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            for (final HistogramIterationValue value : histogram.percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                if (percentile > MAX_PERCENTILE)
                {
                    break;
                }
                x.add(Math.log10(1 / (1 - percentile / 100)));
                y.add(Math.max(1e-3, value.getValueIteratedTo() / 1e6));
            }
            if (!x.isEmpty())
            {
                chart.addSeries(model, x, y).setMarker(SeriesMarkers.NONE);
            }
        });
        final double yMin = fitLogYAxis(chart);
        // Decades label themselves 90%, 99%, ...; the median sits between two, so it gets a marked line.
        chart.addAnnotation(new AnnotationLine(Math.log10(2), true, false));
        chart.addAnnotation(new AnnotationText("50%", Math.log10(2), yMin * 1.15, false));
        return chart;
    }

    /**
     * @param title the chart's title.
     * @param timelineByModel each model's {@code [second, p99 ms]} points; an interval with no samples (NaN or
     * not above 0) is left as a gap in its line, not drawn at the axis' floor.
     * @return p99 latency per interval over the measured window.
     */
    static XYChart p99OverTime(final String title, final Map<String, List<double[]>> timelineByModel)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("second of the measured window").yAxisTitle("p99 latency per interval (ms)").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        // An explicit range: XChart's tick calculator never returns on an axis whose min equals its max.
        final double lastSecond = timelineByModel.values().stream().flatMap(List::stream)
            .mapToDouble(point -> point[0]).max().orElse(1);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(lastSecond + 1);
        timelineByModel.forEach((model, points) ->
        {
            final double[] x = points.stream().mapToDouble(point -> point[0]).toArray();
            final double[] y = points.stream().mapToDouble(point -> point[1] > 0 ? point[1] : Double.NaN).toArray();
            if (Arrays.stream(y).anyMatch(value -> !Double.isNaN(value)))
            {
                final XYSeries series = chart.addSeries(model, x, y);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        });
        fitLogYAxis(chart);
        return chart;
    }

    /**
     * @param title the chart's title.
     * @param yTitle what the bars measure.
     * @param valueByModel each model's value; NaN draws no bar.
     * @return one bar per model.
     */
    static CategoryChart bars(final String title, final String yTitle, final Map<String, Double> valueByModel)
    {
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH / 2).height(HEIGHT * 4 / 5).title(title)
            .yAxisTitle(yTitle).build();
        final CategoryStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setLabelsVisible(true);
        styler.setDecimalPattern("#,##0.##");
        styler.setYAxisMin(0.0);
        final List<String> models = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        valueByModel.forEach((model, value) ->
        {
            models.add(model);
            values.add(Double.isNaN(value) ? 0.0 : value);
        });
        if (!models.isEmpty())
        {
            chart.addSeries(yTitle, models, values);
        }
        styler.setYAxisMax(Math.max(1e-3, values.stream().mapToDouble(Double::doubleValue).max().orElse(1)) * 1.15);
        return chart;
    }

    /**
     * @param chart a chart.
     * @param file the PNG to write.
     * @throws IOException when it cannot be written.
     */
    static void savePng(final Chart<?, ?> chart, final Path file) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (var out = Files.newOutputStream(file))
        {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * @param nines a tick of the {@code log10(1/(1-p))} axis.
     * @return its percentile: 0%, 90%, 99%, 99.9%... at whole numbers.
     */
    static String percentileLabel(final double nines)
    {
        final double percentile = 100 * (1 - Math.pow(10, -nines));
        final int decimals = Math.max(0, (int)Math.ceil(nines - 1e-9) - 2);
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f%%", percentile);
    }

    /**
     * A log y axis spanning at least one decade: XChart's tick calculator never returns on an axis whose
     * minimum equals its maximum, which a run with one distinct latency would give.
     */
    private static double fitLogYAxis(final XYChart chart)
    {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (final XYSeries series : chart.getSeriesMap().values())
        {
            for (final double y : series.getYData())
            {
                if (Double.isNaN(y))
                {
                    continue;
                }
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        if (max > 0)
        {
            final double floor = Math.pow(10, Math.floor(Math.log10(min)));
            chart.getStyler().setYAxisMin(floor);
            chart.getStyler().setYAxisMax(Math.max(max * 1.2, floor * 10));
            return floor;
        }
        return 1e-3;
    }

    private static void style(final XYChart chart)
    {
        final XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setSeriesColors(SERIES_COLORS);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setPlotGridLinesVisible(true);
    }
}
