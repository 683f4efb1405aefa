package io.tickloop.loadgen.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest
{
    @TempDir
    Path folder;

    @Test
    void shouldLeaveAGapForAnIntervalWithNoSamplesInsteadOfDrawingItAtTheFloor() throws IOException
    {
        final List<double[]> timeline = List.of(
            new double[]{1, 0.5}, new double[]{2, Double.NaN}, new double[]{3, 0}, new double[]{4, 0.7});

        final XYChart chart = Charts.p99OverTime("rate: p99 per second", Map.of("selector", timeline));

        final double[] y = chart.getSeriesMap().get("selector").getYData();
        assertEquals(4, y.length);
        assertFalse(Arrays.stream(y).anyMatch(value -> value == 1e-3), Arrays.toString(y));
        assertTrue(Double.isNaN(y[1]) && Double.isNaN(y[2]), Arrays.toString(y));
        assertEquals(0.1, chart.getStyler().getYAxisMin(), 1e-9, "the axis fits the measured points only");
        Charts.savePng(chart, folder.resolve("gap.png"));
        assertTrue(Files.size(folder.resolve("gap.png")) > 1000);
    }

    @Test
    void shouldDrawNoLineForAModelWithoutASampleInAnyInterval() throws IOException
    {
        final XYChart chart = Charts.p99OverTime("rate: p99 per second", Map.of(
            "selector", List.of(new double[]{1, 0.5}), "polling", List.<double[]>of(new double[]{1, Double.NaN})));

        assertEquals(List.of("selector"), List.copyOf(chart.getSeriesMap().keySet()));
        Charts.savePng(chart, folder.resolve("one.png"));
    }
}
