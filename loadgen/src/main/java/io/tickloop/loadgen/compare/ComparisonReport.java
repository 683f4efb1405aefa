package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.compare.ComparisonTable.Mark;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a comparison from run figures: a table per scenario on the console, and in a folder
 * {@code summary.md}, {@code summary.json}, {@code index.html} (self-contained: charts embedded) and the charts
 * as PNG files under {@code charts/}.
 */
public final class ComparisonReport
{
    private final List<ComparisonTable> tables;
    private final String context;

    /**
     * @param runs every run, in the order to list them.
     * @param context lines describing how the runs were made: command, machine, pinning.
     */
    public ComparisonReport(final List<RunFigures> runs, final String context)
    {
        final Map<String, List<RunFigures>> byScenario = new LinkedHashMap<>();
        for (final RunFigures run : runs)
        {
            byScenario.computeIfAbsent(run.record().scenario(), scenario -> new ArrayList<>()).add(run);
        }
        this.tables = byScenario.entrySet().stream()
            .map(entry -> new ComparisonTable(entry.getKey(), entry.getValue())).toList();
        this.context = context;
    }

    /**
     * @param out where to print one table per scenario; a {@code *} marks the model that wins a column clearly,
     * a {@code ~} the leaders that are within noise of each other.
     */
    public void printConsole(final PrintStream out)
    {
        for (final ComparisonTable table : tables)
        {
            out.println();
            out.println("== " + table.scenario() + " == " + table.description());
            final List<String[]> rows = new ArrayList<>();
            final List<String> header = new ArrayList<>(List.of("model", "status"));
            ComparisonTable.COLUMNS.forEach(column -> header.add(column.heading()));
            rows.add(header.toArray(String[]::new));
            final List<Map<String, Mark>> marks = table.marks();
            for (final ModelRuns row : table.rows())
            {
                final List<String> cells = new ArrayList<>(List.of(row.model(), row.status()));
                for (int i = 0; i < ComparisonTable.COLUMNS.size(); i++)
                {
                    cells.add(ComparisonTable.COLUMNS.get(i).cell(row) + consoleMark(marks.get(i).get(row.model())));
                }
                rows.add(cells.toArray(String[]::new));
            }
            printAligned(rows, out);
            table.notes().forEach(note -> out.println("  note: " + note));
        }
        out.println();
        out.println(ComparisonTable.REPEAT_LEGEND);
        out.println(ComparisonTable.LEGEND);
    }

    private static String consoleMark(final Mark mark)
    {
        return null == mark ? "" : switch (mark)
        {
            case BEST -> " *";
            case WITHIN_NOISE -> " ~";
            case NONE -> "";
        };
    }

    /**
     * @param folder where to write the report.
     * @throws IOException when a file cannot be written.
     */
    public void write(final Path folder) throws IOException
    {
        Files.createDirectories(folder.resolve("charts"));
        final StringBuilder markdown = new StringBuilder("# tickloop comparison\n\n```\n").append(context)
            .append("\n```\n\n").append(ComparisonTable.REPEAT_LEGEND).append("\n\n").append(ComparisonTable.LEGEND)
            .append("\n");
        final StringBuilder html = new StringBuilder();
        for (final ComparisonTable table : tables)
        {
            final List<Path> charts = drawCharts(table, folder);
            markdown.append(markdownTable(table, folder, charts));
            html.append(HtmlPage.section(table, folder, charts));
        }
        for (final Map.Entry<String, List<Path>> variants : drawVariantCharts(folder).entrySet())
        {
            final String heading = variants.getKey() + ": every transport and loss, by model";
            markdown.append("\n## ").append(heading).append("\n");
            html.append("<h2>").append(HtmlPage.escape(heading)).append("</h2>\n");
            for (final Path chart : variants.getValue())
            {
                markdown.append("\n![").append(chart.getFileName()).append("](")
                    .append(folder.relativize(chart).toString().replace('\\', '/')).append(")\n");
                html.append("<img alt=\"").append(HtmlPage.escape(folder.relativize(chart).toString()))
                    .append("\" src=\"").append(dataUri(chart)).append("\">\n");
            }
        }
        Files.writeString(folder.resolve("summary.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("index.html"),
            HtmlPage.page(context, "<p>" + HtmlPage.escape(ComparisonTable.REPEAT_LEGEND) + "</p>\n<p>" +
                HtmlPage.escape(ComparisonTable.LEGEND) + "</p>\n" + html), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("summary.json"), SummaryJson.of(context, tables), StandardCharsets.UTF_8);
    }

    /**
     * A scenario run several ways (the game over TCP and UDP, under several shares of loss): per model, one chart
     * of latency by percentile with a line for each way, from that model's median repetition.
     *
     * @return the charts drawn, by scenario; none when every scenario ran one way.
     */
    private Map<String, List<Path>> drawVariantCharts(final Path folder) throws IOException
    {
        final Map<String, Map<String, Map<String, Histogram>>> byScenarioAndModel = new LinkedHashMap<>();
        for (final ComparisonTable table : tables)
        {
            final String scenario = table.scenario().split("-", 2)[0];
            for (final ModelRuns row : table.rows())
            {
                final RunFigures medianRun = row.medianRun();
                if (null != medianRun)
                {
                    byScenarioAndModel.computeIfAbsent(scenario, key -> new LinkedHashMap<>())
                        .computeIfAbsent(row.model(), key -> new LinkedHashMap<>())
                        .put(table.scenario(), medianRun.latency());
                }
            }
        }
        final Map<String, List<Path>> charts = new LinkedHashMap<>();
        for (final Map.Entry<String, Map<String, Map<String, Histogram>>> scenario : byScenarioAndModel.entrySet())
        {
            for (final Map.Entry<String, Map<String, Histogram>> model : scenario.getValue().entrySet())
            {
                if (model.getValue().size() < 2)
                {
                    continue;
                }
                final Path chart = folder.resolve("charts/" + scenario.getKey() + "-" + model.getKey() +
                    "-variants-percentiles.png");
                Charts.savePng(Charts.percentileDistribution(scenario.getKey() + " on " + model.getKey() +
                    ": latency by percentile, each transport and loss", model.getValue()), chart);
                charts.computeIfAbsent(scenario.getKey(), key -> new ArrayList<>()).add(chart);
            }
        }
        return charts;
    }

    private static List<Path> drawCharts(final ComparisonTable table, final Path folder) throws IOException
    {
        final Map<String, Histogram> latency = new LinkedHashMap<>();
        final Map<String, List<double[]>> timelines = new LinkedHashMap<>();
        final Map<String, Double> throughput = new LinkedHashMap<>();
        final Map<String, Double> cores = new LinkedHashMap<>();
        final Map<String, Double> rssPerConnection = new LinkedHashMap<>();
        for (final ModelRuns row : table.rows())
        {
            final RunFigures medianRun = row.medianRun();
            if (null != medianRun)
            {
                final String model = row.model();
                latency.put(model, medianRun.latency());
                timelines.put(model, medianRun.p99Timeline());
                throughput.put(model, ComparisonTable.THROUGHPUT.spread(row).median());
                cores.put(model, ComparisonTable.SERVER_CPU.spread(row).median());
                rssPerConnection.put(model, ComparisonTable.RSS_PER_CONNECTION.spread(row).median());
            }
        }
        final String name = table.scenario();
        final List<Path> charts = List.of(
            folder.resolve("charts/" + name + "-percentiles.png"),
            folder.resolve("charts/" + name + "-p99-over-time.png"),
            folder.resolve("charts/" + name + "-throughput.png"),
            folder.resolve("charts/" + name + "-cpu.png"),
            folder.resolve("charts/" + name + "-rss-per-connection.png"));
        if (latency.isEmpty())
        {
            return List.of();
        }
        final boolean repeated = table.rows().stream().anyMatch(row -> row.repetitions().size() > 1);
        final String lines = repeated ? " (each model's median repetition)" : "";
        final String bars = repeated ? ", median" : "";
        Charts.savePng(Charts.percentileDistribution(name + ": latency by percentile" + lines, latency),
            charts.get(0));
        Charts.savePng(Charts.p99OverTime(name + ": p99 per second" + lines, timelines), charts.get(1));
        Charts.savePng(Charts.bars(name + ": throughput" + bars, "msg/s", throughput), charts.get(2));
        Charts.savePng(Charts.bars(name + ": server CPU" + bars, "cores", cores), charts.get(3));
        Charts.savePng(Charts.bars(name + ": memory per connection" + bars, "KiB RSS", rssPerConnection),
            charts.get(4));
        return charts;
    }

    private static String markdownTable(final ComparisonTable table, final Path folder, final List<Path> charts)
    {
        final StringBuilder out = new StringBuilder("\n## ").append(table.scenario()).append("\n\n")
            .append(table.description()).append("\n\n| model | status |");
        ComparisonTable.COLUMNS.forEach(column -> out.append(' ').append(column.heading()).append(" |"));
        out.append("\n| --- | --- |");
        ComparisonTable.COLUMNS.forEach(column -> out.append(" ---: |"));
        final List<Map<String, Mark>> marks = table.marks();
        for (final ModelRuns row : table.rows())
        {
            out.append("\n| ").append(row.model()).append(" | ").append(row.status()).append(" |");
            for (int i = 0; i < ComparisonTable.COLUMNS.size(); i++)
            {
                final String cell = ComparisonTable.COLUMNS.get(i).cell(row);
                out.append(' ').append(switch (marks.get(i).getOrDefault(row.model(), Mark.NONE))
                {
                    case BEST -> "**" + cell + "**";
                    case WITHIN_NOISE -> cell + " ~";
                    case NONE -> cell;
                }).append(" |");
            }
        }
        out.append("\n\nBold: best in its column, clear of every other model's spread. ~: within noise of the best.\n");
        table.notes().forEach(note -> out.append("\n- ").append(note));
        out.append(table.notes().isEmpty() ? "" : "\n");
        for (final Path chart : charts)
        {
            out.append("\n![").append(chart.getFileName()).append("](")
                .append(folder.relativize(chart).toString().replace('\\', '/')).append(")\n");
        }
        return out.toString();
    }

    private static void printAligned(final List<String[]> rows, final PrintStream out)
    {
        final int[] widths = new int[rows.get(0).length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++)
            {
                final String format = i < 2 ? "%-" + widths[i] + "s  " : "%" + widths[i] + "s  ";
                line.append(String.format(Locale.ROOT, format, row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static String dataUri(final Path png) throws IOException
    {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png));
    }
}
