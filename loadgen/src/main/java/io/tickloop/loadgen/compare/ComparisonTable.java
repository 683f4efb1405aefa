package io.tickloop.loadgen.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One scenario's table: a row per model (the median and spread of its repetitions), a column per figure, and
 * which models lead each column: the best one when its spread stands clear of every other model's, otherwise the
 * leaders whose spreads overlap the best's, within noise. The console, Markdown and HTML reports all print
 * from it.
 */
final class ComparisonTable
{
    /** How a cell ranks in its column. */
    enum Mark
    {
        /** Best in the column, its spread clear of every other model's. */
        BEST,
        /** Among the column's leaders, whose spreads overlap the best's: these runs cannot tell them apart. */
        WITHIN_NOISE,
        /** Neither. */
        NONE
    }

    /**
     * A column: its heading, its key in {@code summary.json}, how to read it from a run, what a run is ranked by
     * (most often the same), whether more is better.
     */
    record Column(
        String heading,
        String key,
        ToDoubleFunction<RunFigures> value,
        ToDoubleFunction<RunFigures> rank,
        boolean higherWins,
        String format)
    {
        Column(
            final String heading,
            final String key,
            final ToDoubleFunction<RunFigures> value,
            final boolean higherWins,
            final String format)
        {
            this(heading, key, value, value, higherWins, format);
        }

        /**
         * @param row a model's repetitions.
         * @return its median and spread in this column.
         */
        Spread spread(final ModelRuns row)
        {
            return row.spread(value);
        }

        String cell(final ModelRuns row)
        {
            return spread(row).format(format);
        }
    }

    static final Column THROUGHPUT = new Column("msg/s", "achievedRate", run -> run.record().achievedRate(),
        ComparisonTable::rateUpToTarget, true, "%,.0f");
    static final Column SERVER_CPU = new Column("server CPU (cores)", "serverCores", RunFigures::serverCores, false,
        "%.2f");
    /** Server CPU time per message in or out: what one message costs the server, whatever the rate. */
    static final Column SERVER_CPU_PER_MESSAGE = new Column("CPU us/msg", "serverCpuUsPerMessage",
        ComparisonTable::serverCpuUsPerMessage, false, "%.2f");
    static final Column RSS_PER_CONNECTION = new Column("RSS/conn KiB", "rssPerConnectionKiB",
        run -> run.rssPerConnectionBytes() / 1024.0, false, "%.1f");

    static final List<Column> COLUMNS = List.of(
        THROUGHPUT,
        new Column("p50 ms", "p50Ms", run -> run.latencyMs(50), false, "%.3f"),
        new Column("p99 ms", "p99Ms", run -> run.latencyMs(99), false, "%.3f"),
        new Column("p99.9 ms", "p999Ms", run -> run.latencyMs(99.9), false, "%.3f"),
        new Column("max ms", "maxMs", RunFigures::maxLatencyMs, false, "%.3f"),
        SERVER_CPU,
        SERVER_CPU_PER_MESSAGE,
        new Column("RSS MiB", "peakRssMiB",
            run -> run.peakRssBytes() == 0 ? Double.NaN : run.peakRssBytes() / 1048576.0, false, "%.0f"),
        RSS_PER_CONNECTION,
        new Column("threads", "maxThreads", run -> run.maxThreads() == 0 ? Double.NaN : run.maxThreads(), false,
            "%.0f"));

    /** How to read the columns; printed under every report. */
    static final String LEGEND = "msg/s: PINGs (game: MOVEs) sent per second in the measured window; with a fixed " +
        "rate asked (open loop), ranked only up to that rate. Latency: from " +
        "each message's intended send time (game: MOVE -> first STATE showing it). Server CPU: the server's " +
        "user+system CPU time over the window's wall time, in cores. CPU us/msg: that CPU time per message in or " +
        "out (msg/s plus the replies received; game: MOVEs in, STATEs and chat fan-out out), in microseconds: the " +
        "game against game-ws at the same load is what WebSocket framing costs the server per message. RSS: the " +
        "server's peak in the window. RSS/conn: the server's RSS growth from before the load to that peak, per connection: what a " +
        "connection costs plus what the heap grew by under the load. Threads: the server JVM's, at most.";

    /** How to read a cell and its mark; printed under every report. */
    static final String REPEAT_LEGEND = "With several repetitions a cell reads median (min-max) over the " +
        "repetitions that produced figures. Best (* on the console, bold in summary.md and index.html): the " +
        "column's best median, its spread clear of every other model's. ~ within noise: the best model's " +
        "spread overlaps another's, so every model whose spread overlaps the best's is marked ~ and these runs " +
        "do not tell them apart. Charts draw each model's median repetition, the one whose p99 is the median; " +
        "bars are medians.";

    private final String scenario;
    private final List<ModelRuns> rows;

    /**
     * @param scenario the scenario's name.
     * @param runs its runs, every repetition of every model; the rows follow the models' first appearance.
     */
    ComparisonTable(final String scenario, final List<RunFigures> runs)
    {
        this.scenario = scenario;
        final Map<String, List<RunFigures>> byModel = new LinkedHashMap<>();
        runs.forEach(run -> byModel.computeIfAbsent(run.record().model(), model -> new ArrayList<>()).add(run));
        this.rows = byModel.entrySet().stream().map(entry -> new ModelRuns(entry.getKey(), entry.getValue())).toList();
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
        return ScenarioRun.describe(scenario);
    }

    List<ModelRuns> rows()
    {
        return rows;
    }

    /**
     * @return each column's marks, in the order of {@link #COLUMNS}.
     */
    List<Map<String, Mark>> marks()
    {
        return COLUMNS.stream().map(this::marks).toList();
    }

    /**
     * @param column a column.
     * @return each model's mark in it.
     */
    Map<String, Mark> marks(final Column column)
    {
        final Map<String, Spread> spreads = new LinkedHashMap<>();
        rows.stream().filter(ModelRuns::hasFigures)
            .forEach(row -> spreads.put(row.model(), row.spread(column.rank())));
        return marks(spreads, column.higherWins());
    }

    /**
     * The rate a run is ranked by: what it sent, but no more than it was asked to (open loop). Sending more than
     * asked in a window is a backlog sent late, not a better server, so every model that kept the rate ties.
     */
    private static double rateUpToTarget(final RunFigures run)
    {
        final double achieved = run.record().achievedRate();
        final long target = run.record().targetRate();
        return target > 0 ? Math.min(achieved, target) : achieved;
    }

    /**
     * Who leads a column. The model with the best median is {@link Mark#BEST} when its spread overlaps no other
     * model's (not only the next median's: a model with a worse median and a wide spread may still overlap it);
     * otherwise every model whose spread overlaps the best's is {@link Mark#WITHIN_NOISE}. With one repetition a
     * spread is a point, so the best is marked unless another model measured the same.
     *
     * @param spreadByModel each model's median and spread in one column; unmeasured ones take no part.
     * @param higherWins true when more is better.
     * @return every model's mark.
     */
    static Map<String, Mark> marks(final Map<String, Spread> spreadByModel, final boolean higherWins)
    {
        final Map<String, Mark> marks = new LinkedHashMap<>();
        spreadByModel.keySet().forEach(model -> marks.put(model, Mark.NONE));
        final Comparator<Map.Entry<String, Spread>> byMedian =
            Comparator.comparingDouble(entry -> entry.getValue().median());
        final List<Map.Entry<String, Spread>> ranked = spreadByModel.entrySet().stream()
            .filter(entry -> entry.getValue().isMeasured())
            .sorted(higherWins ? byMedian.reversed() : byMedian).toList();
        if (ranked.isEmpty())
        {
            return marks;
        }
        final Spread best = ranked.get(0).getValue();
        final List<String> leaders = ranked.stream().filter(entry -> entry.getValue().overlaps(best))
            .map(Map.Entry::getKey).toList(); // the best overlaps itself
        final Mark mark = leaders.size() == 1 ? Mark.BEST : Mark.WITHIN_NOISE;
        leaders.forEach(model -> marks.put(model, mark));
        return marks;
    }

    /**
     * @return one sentence per run that did not measure cleanly, or has more to say than its columns (a game run
     * over UDP or in the loss lab: its STATE interval and lost STATEs): its model, repetition, status and note.
     */
    List<String> notes()
    {
        final List<String> notes = new ArrayList<>();
        for (final ModelRuns row : rows)
        {
            for (final RunFigures run : row.repetitions())
            {
                final RunRecord record = run.record();
                if (!record.status().equals(RunRecord.OK) || !record.note().isEmpty())
                {
                    notes.add(record.model() + (row.repetitions().size() > 1 ? " rep " + record.repetition() : "") +
                        ": " + record.status() + (record.note().isEmpty() ? "" : " - " + record.note()));
                }
            }
        }
        return notes;
    }

    private static double serverCpuUsPerMessage(final RunFigures run)
    {
        final double messagesPerSecond = run.record().achievedRate() + run.record().receivedRate();
        return messagesPerSecond > 0 ? run.serverCores() * 1e6 / messagesPerSecond : Double.NaN;
    }
}
