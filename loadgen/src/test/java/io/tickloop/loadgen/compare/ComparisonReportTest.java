package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.LoadgenCommand;
import io.tickloop.loadgen.compare.ComparisonTable.Mark;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonReportTest
{
    @TempDir
    Path folder;

    @Test
    void shouldMarkTheModelThatWinsEachColumnAndNoteTheOnesThatFellShort() throws IOException
    {
        final RunFigures fast = run("rate", "selector", RunRecord.OK, "", 50_000, 100_000, 1_000);
        final RunFigures slow = run("rate", "blocking", "short-of-rate", "sent 30,000 of the 50,000 msg/s asked",
            30_000, 20_000_000, 1_000);
        final ComparisonTable table = new ComparisonTable("rate", List.of(fast, slow));

        assertEquals(Mark.BEST, table.marks(ComparisonTable.COLUMNS.get(0)).get("selector"), "more msg/s wins");
        assertEquals(Mark.BEST, table.marks(ComparisonTable.COLUMNS.get(2)).get("selector"), "lower p99 wins");
        assertEquals(Mark.NONE, table.marks(ComparisonTable.COLUMNS.get(2)).get("blocking"));
        assertEquals(List.of("blocking: short-of-rate - sent 30,000 of the 50,000 msg/s asked"), table.notes());
    }

    @Test
    void shouldNotRankARateAboveTheOneAskedAsBetter() throws IOException
    {
        // compare's rate scenario of 2026-11-28: blocking sent a backlog late, 50,154 msg/s of the 50,000 asked
        final RunFigures kept = run("rate", "selector", RunRecord.OK, "", 50_000, 100_000, 1_000);
        final RunFigures backlog = run("rate", "blocking", RunRecord.OK, "", 50_154, 40_000_000, 1_000);
        final RunFigures shortOf = run("rate", "virtual", RunRecord.OK, "", 49_000, 500_000, 1_000);
        final ComparisonTable table = new ComparisonTable("rate", List.of(kept, backlog, shortOf));

        final var marks = table.marks(ComparisonTable.THROUGHPUT);

        assertEquals(Mark.WITHIN_NOISE, marks.get("selector"));
        assertEquals(Mark.WITHIN_NOISE, marks.get("blocking"));
        assertEquals(Mark.NONE, marks.get("virtual"));
    }

    @Test
    void shouldWriteASelfContainedPageMarkdownJsonAndCharts() throws IOException
    {
        final List<RunFigures> runs = List.of(
            run("rtt", "selector", RunRecord.OK, "", 90_000, 300_000, 100),
            run("rtt", "virtual", RunRecord.OK, "", 70_000, 900_000, 100),
            failed("game", "selector"));
        final ComparisonReport report = new ComparisonReport(runs, "machine: test");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();

        report.printConsole(new PrintStream(console, true, StandardCharsets.UTF_8));
        report.write(folder.resolve("report"));

        final String html = Files.readString(folder.resolve("report/index.html"));
        assertTrue(html.contains("data:image/png;base64,"), "charts are embedded");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing is fetched from a network");
        assertTrue(Files.size(folder.resolve("report/charts/rtt-percentiles.png")) > 1000);
        final String markdown = Files.readString(folder.resolve("report/summary.md"));
        assertTrue(markdown.contains("| selector | ok | **90,000** |"), markdown);
        assertTrue(markdown.contains("selector: failed - the server did not start"), markdown);
        final String json = Files.readString(folder.resolve("report/summary.json"));
        assertTrue(json.contains("\"model\": \"virtual\""), json);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("== rtt =="));
    }

    @Test
    void shouldReportRepetitionsAsMedianAndSpreadMarkingOverlapsAsWithinNoise() throws IOException
    {
        final Path compare = folder.resolve("compare");
        final List<RunFigures> runs = new ArrayList<>();
        final long[][] p99sNs = {
            {500_000, 520_000, 610_000}, {490_000, 600_000, 700_000}, {2_000_000, 2_100_000, 2_200_000}};
        final double[][] rates = {{90_000, 91_000, 92_000}, {60_000, 61_000, 62_000}, {30_000, 31_000, 32_000}};
        final String[] models = {"selector", "reactors", "blocking"};
        for (int repetition = 1; repetition <= 3; repetition++)
        {
            for (int model = 0; model < models.length; model++)
            {
                runs.add(repetition(compare, "rtt", models[model], repetition, rates[model][repetition - 1],
                    p99sNs[model][repetition - 1] * 100 / 199));
            }
        }
        final ComparisonReport report = new ComparisonReport(runs, "machine: test");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();

        report.printConsole(new PrintStream(console, true, StandardCharsets.UTF_8));
        report.write(folder.resolve("report"));

        final String text = console.toString(StandardCharsets.UTF_8);
        final String[] selector = text.lines().filter(line -> line.startsWith("selector")).findFirst().orElseThrow()
            .split(" {2,}");
        final String[] blocking = text.lines().filter(line -> line.startsWith("blocking")).findFirst().orElseThrow()
            .split(" {2,}");
        assertEquals("91,000 (90,000-92,000) *", selector[2], "msg/s stands clear: " + text);
        assertEquals("0.518 (0.498-0.607) ~", selector[4], "p99 overlaps reactors': " + text);
        assertEquals("2.090 (1.991-2.189)", blocking[4], "clear of the leaders: " + text);
        assertTrue(text.contains("~ within noise"), text);
        final String markdown = Files.readString(folder.resolve("report/summary.md"));
        assertTrue(markdown.contains("| selector | ok | **91,000 (90,000-92,000)** |"), markdown);
        assertTrue(markdown.contains(") ~ |"), markdown);
        final String html = Files.readString(folder.resolve("report/index.html"));
        assertTrue(html.contains("<td class=\"noise\">") &&
            html.contains("<td class=\"win\">91,000 (90,000-92,000)"), html);
        final String json = Files.readString(folder.resolve("report/summary.json"));
        assertTrue(json.contains("\"repetition\": 3"), json);
        assertTrue(json.replaceAll("\\s+", "").contains("\"achievedRate\":{\"median\":91000.000,\"min\":90000.000," +
            "\"max\":92000.000,\"mark\":\"best\"}"), json);
        assertTrue(json.contains("\"mark\": \"within-noise\""), json);
        assertTrue(json.contains("\"medianRepetition\": 2"), json);
    }

    @Test
    void shouldKeepTheMachineAndCommandOfTheReportItRedraws() throws Exception
    {
        final Path compare = folder.resolve("compare");
        final RunFigures run = repetition(compare, "rtt", "selector", 1, 90_000, 300_000);
        new ComparisonReport(List.of(run),
            "machine: 2 cores (test)\ncommand: tickloop compare --out x").write(compare);

        assertEquals(0, LoadgenCommand.commandLine().execute("report", compare.toString()));
        assertEquals(0, LoadgenCommand.commandLine().execute("report", compare.toString()), "in place, twice");

        final List<String> context = ReportCommand.previousContext(compare);
        assertEquals(List.of("machine: 2 cores (test)", "command: tickloop compare --out x"), context,
            "kept once, without the redraws' own lines");
        final String markdown = Files.readString(compare.resolve("summary.md"));
        assertTrue(markdown.contains("redrawn by: tickloop report " + compare), markdown);
    }

    @Test
    void shouldMergeTheLogsOfSeveralLoadGeneratorsOfOneRun() throws Exception
    {
        run("rate", "selector", RunRecord.OK, "", 20_000, 100_000, 500, folder.resolve("a"));
        run("rate", "selector", RunRecord.OK, "", 30_000, 200_000, 500, folder.resolve("b"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final int exitCode;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try
        {
            exitCode = LoadgenCommand.commandLine().execute("report", folder.resolve("a").toString(),
                folder.resolve("b").toString(), "--out", folder.resolve("merged").toString());
        }
        finally
        {
            System.setOut(stdout);
        }

        assertEquals(0, exitCode, out.toString(StandardCharsets.UTF_8));
        final String json = Files.readString(folder.resolve("merged/summary.json"));
        assertTrue(json.contains("\"achievedRate\": 50000.000"), json);
        assertTrue(json.contains("\"connected\": 1000"), json);
        assertTrue(json.contains("merged from 2 load generators"), json);
    }

    private RunFigures run(
        final String scenario,
        final String model,
        final String status,
        final String note,
        final double rate,
        final long latencyNs,
        final int connections) throws IOException
    {
        return run(scenario, model, status, note, rate, latencyNs, connections, folder.resolve(scenario).resolve(model));
    }

    /** A run folder as compare writes it: a record, an interval log of three seconds, server samples. */
    static RunFigures run(
        final String scenario,
        final String model,
        final String status,
        final String note,
        final double rate,
        final long latencyNs,
        final int connections,
        final Path runFolder) throws IOException
    {
        final long startMs = 1_700_000_000_000L;
        Files.createDirectories(runFolder);
        try (PrintStream log = new PrintStream(Files.newOutputStream(runFolder.resolve("run.hlog"))))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(log);
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            for (int second = 0; second < 3; second++)
            {
                for (final String tag : List.of(RunFilesReader.LATENCY_TAG, RunFilesReader.SERVICE_TAG))
                {
                    final Histogram histogram = new Histogram(3);
                    histogram.setTag(tag);
                    histogram.setStartTimeStamp(startMs + second * 1000L);
                    histogram.setEndTimeStamp(startMs + second * 1000L + 1000);
                    for (int i = 0; i < 100; i++)
                    {
                        histogram.recordValue(latencyNs + i * (latencyNs / 100));
                    }
                    writer.outputIntervalHistogram(histogram);
                }
            }
        }
        final long targetRate = "rtt".equals(scenario) ? 0 : 50_000; // rtt is a closed loop: no rate asked
        new RunRecord(scenario, model, status, note, connections, connections, targetRate, rate, rate, 0,
            startMs, startMs + 3000, false, 1).write(runFolder);
        ProcessSampler.writeCsv(List.of(
            new ServerSample(startMs - 500, 100, 50, 50L << 20, 10, 20),
            new ServerSample(startMs + 100, 200, 100, 60L << 20, 12, 120),
            new ServerSample(startMs + 2100, 1200, 600, 70L << 20, 12, 120)), runFolder.resolve(RunFilesReader.SAMPLES_FILE));
        return RunFilesReader.load(runFolder);
    }

    /** One repetition's folder as compare writes it, under {@code scenario/model/rep-N}. */
    static RunFigures repetition(
        final Path compareFolder,
        final String scenario,
        final String model,
        final int repetition,
        final double rate,
        final long latencyNs) throws IOException
    {
        final Path runFolder = compareFolder.resolve(scenario).resolve(model)
            .resolve(RunFilesReader.repetitionFolder(repetition));
        final RunRecord record = run(scenario, model, RunRecord.OK, "", rate, latencyNs, 100, runFolder).record();
        new RunRecord(record.scenario(), record.model(), record.status(), record.note(), record.connections(),
            record.connected(), record.targetRate(), record.achievedRate(), record.receivedRate(), record.errors(),
            record.measureStartEpochMs(), record.measureEndEpochMs(), record.pinned(), repetition).write(runFolder);
        return RunFilesReader.load(runFolder);
    }

    private RunFigures failed(final String scenario, final String model) throws IOException
    {
        final Path runFolder = folder.resolve(scenario).resolve(model);
        new RunRecord(scenario, model, "failed", "the server did not start", 0, 0, 0, 0, 0, 0, 0, 0, false, 1)
            .write(runFolder);
        return RunFilesReader.load(runFolder);
    }
}
