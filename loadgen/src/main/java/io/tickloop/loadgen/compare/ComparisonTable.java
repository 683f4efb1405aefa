package io.tickloop.loadgen.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One scenario's table: a row per model, a column per figure, and which model wins each column (among the
 * runs that produced figures). The console, Markdown and HTML reports all print from it.
 */
final class ComparisonTable
{
    /** A column: its heading, how to read it from a run, and whether more is better. */
    record Column(String heading, ToDoubleFunction<RunFigures> value, boolean higherWins, String format)
    {
        String cell(final RunFigures run)
        {
            final double figure = run.record().hasFigures() ? value.applyAsDouble(run) : Double.NaN;
            return Double.isNaN(figure) ? "-" : String.format(Locale.ROOT, format, figure);
        }
    }

    static final List<Column> COLUMNS = List.of(
        new Column("msg/s", run -> run.record().achievedRate(), true, "%,.0f"),
        new Column("p50 ms", run -> run.latencyMs(50), false, "%.3f"),
        new Column("p99 ms", run -> run.latencyMs(99), false, "%.3f"),
        new Column("p99.9 ms", run -> run.latencyMs(99.9), false, "%.3f"),
        new Column("max ms", RunFigures::maxLatencyMs, false, "%.3f"),
        new Column("server CPU (cores)", RunFigures::serverCores, false, "%.2f"),
        new Column("RSS MiB", run -> run.peakRssBytes() == 0 ? Double.NaN : run.peakRssBytes() / 1048576.0, false, "%.0f"),
        new Column("RSS/conn KiB", run -> run.rssPerConnectionBytes() / 1024.0, false, "%.1f"),
        new Column("threads", run -> run.maxThreads() == 0 ? Double.NaN : run.maxThreads(), false, "%.0f"));

    /** How to read the columns; printed under every report. */
    static final String LEGEND = "msg/s: PINGs (game: MOVEs) sent per second in the measured window. Latency: from " +
        "each message's intended send time (game: MOVE -> first STATE showing it). Server CPU: the server's " +
        "user+system CPU time over the window's wall time, in cores. RSS: the server's peak in the window. " +
        "RSS/conn: the server's RSS growth from before the load to that peak, per connection: what a " +
        "connection costs plus what the heap grew by under the load. Threads: the server JVM's, at most.";

    private final String scenario;
    private final List<RunFigures> runs;

    ComparisonTable(final String scenario, final List<RunFigures> runs)
    {
        this.scenario = scenario;
        this.runs = List.copyOf(runs);
    }

    String scenario()
    {
        return scenario;
    }

    /**
     * @return what the scenario measures, or empty for a scenario this build does not know.
     */
    String description()
    {
        return Scenario.names().contains(scenario) ? Scenario.of(scenario).description() : "";
    }

    List<RunFigures> runs()
    {
        return runs;
    }

    /**
     * @param column a column.
     * @return the model that wins it, or null when no run has a figure for it.
     */
    String winner(final Column column)
    {
        String winner = null;
        double best = Double.NaN;
        for (final RunFigures run : runs)
        {
            if (!run.record().hasFigures())
            {
                continue;
            }
            final double value = column.value().applyAsDouble(run);
            if (!Double.isNaN(value) &&
                (Double.isNaN(best) || (column.higherWins() ? value > best : value < best)))
            {
                best = value;
                winner = run.record().model();
            }
        }
        return winner;
    }

    /**
     * @return one sentence per run that did not measure cleanly: its status and note.
     */
    List<String> notes()
    {
        final List<String> notes = new ArrayList<>();
        for (final RunFigures run : runs)
        {
            final RunRecord record = run.record();
            if (!record.status().equals(RunRecord.OK) || !record.note().isEmpty())
            {
                notes.add(record.model() + ": " + record.status() + (record.note().isEmpty() ? "" : " - " + record.note()));
            }
        }
        return notes;
    }
}
