package io.tickloop.loadgen.compare;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading run folders back: the repetitions' layout {@code scenario/model/rep-N/}, the older
 * {@code scenario/model/}, and a p99 timeline with an interval that has no samples.
 */
class RunFilesReaderTest
{
    @TempDir
    Path folder;

    @Test
    void shouldFindEveryRepetitionOfAComparisonAndReadItsNumber() throws IOException
    {
        final Path compare = folder.resolve("compare");
        for (final int repetition : new int[]{1, 2})
        {
            ComparisonReportTest.repetition(compare, "rtt", "selector", repetition, 1_000, 100_000);
        }

        final List<Path> runs = RunFilesReader.runFolders(compare);

        assertEquals(List.of(compare.resolve("rtt/selector/rep-1"), compare.resolve("rtt/selector/rep-2")), runs);
        assertEquals(2, RunFilesReader.load(runs.get(1)).record().repetition());
        assertEquals(runs, RunFilesReader.runFolders(compare.resolve("rtt/selector")), "from a model's folder too");
    }

    @Test
    void shouldStillReadTheOlderLayoutOfOneRunPerModelAsRepetitionOne() throws IOException
    {
        final Path compare = folder.resolve("old");
        ComparisonReportTest.run("rtt", "selector", RunRecord.OK, "", 1_000, 100_000, 10,
            compare.resolve("rtt/selector"));
        ComparisonReportTest.run("rtt", "virtual", RunRecord.OK, "", 1_000, 100_000, 10,
            compare.resolve("rtt/virtual"));
        Files.writeString(compare.resolve("rtt/virtual").resolve(RunRecord.FILE_NAME), "# before --repeat\n" +
            "scenario=rtt\nmodel=virtual\nstatus=ok\n");

        final List<Path> runs = RunFilesReader.runFolders(compare);

        assertEquals(List.of(compare.resolve("rtt/selector"), compare.resolve("rtt/virtual")), runs);
        assertEquals(1, RunFilesReader.load(runs.get(1)).record().repetition());
    }

    @Test
    void shouldInferScenarioModelAndRepetitionOfARepetitionFolderWithOnlyItsIntervalLog() throws IOException
    {
        final Path run = folder.resolve("rate/reactors/rep-3");
        ComparisonReportTest.run("rate", "reactors", RunRecord.OK, "", 1_000, 100_000, 10, run);
        Files.delete(run.resolve(RunRecord.FILE_NAME));

        final RunRecord record = RunFilesReader.load(run).record();

        assertEquals(List.of("rate", "reactors", 3), List.of(record.scenario(), record.model(), record.repetition()));
    }

    @Test
    void shouldGiveAnIntervalWithNoSamplesNoP99() throws IOException
    {
        final Path run = folder.resolve("gap");
        Files.createDirectories(run);
        final long startMs = 1_700_000_000_000L;
        try (PrintStream log = new PrintStream(Files.newOutputStream(run.resolve("run.hlog"))))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(log);
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            for (int second = 0; second < 3; second++)
            {
                final Histogram histogram = new Histogram(3);
                histogram.setTag(RunFilesReader.LATENCY_TAG);
                histogram.setStartTimeStamp(startMs + second * 1000L);
                histogram.setEndTimeStamp(startMs + second * 1000L + 1000);
                if (second != 1)
                {
                    histogram.recordValue(2_000_000);
                }
                writer.outputIntervalHistogram(histogram);
            }
        }

        final List<double[]> timeline = RunFilesReader.load(run).p99Timeline();

        assertEquals(3, timeline.size());
        assertEquals(2.0, timeline.get(0)[1], 0.01);
        assertTrue(Double.isNaN(timeline.get(1)[1]), "second 2 had no samples: " + timeline.get(1)[1]);
    }
}
