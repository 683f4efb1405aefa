package io.tickloop.loadgen.report;

import io.tickloop.loadgen.engine.ErrorKind;
import io.tickloop.loadgen.engine.Interval;
import io.tickloop.loadgen.engine.LoadResult;
import io.tickloop.loadgen.engine.LoaderFigures;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The console side of a run: one progress line per interval and the final percentile table.
 */
public final class ConsoleReport
{
    /** The percentiles of the table and of the JSON summary. */
    static final double[] PERCENTILES = { 50.0, 90.0, 99.0, 99.9, 99.99 };
    static final String[] PERCENTILE_NAMES = { "p50", "p90", "p99", "p99.9", "p99.99" };
    /** The first line of the result when the target rate was missed by more than 1%. */
    public static final String RATE_WARNING = "WARNING: TARGET RATE NOT ACHIEVED";
    /** The start of the line that says the load generator's own lag is a large share of what it measured. */
    public static final String LOADER_WARNING = "WARNING: the load generator may be the bottleneck";

    private ConsoleReport()
    {
    }

    /**
     * @param interval one interval of a run.
     * @return its progress line.
     */
    public static String progressLine(final Interval interval)
    {
        final Histogram latency = interval.latency();
        final boolean empty = latency.getTotalCount() == 0;
        return String.format(Locale.ROOT,
            "%6.1fs  conns %d/%d  sent/s %,.0f  recv/s %,.0f  p50 %s  p99 %s  max %s  errors %d%s",
            interval.elapsedNs() / 1e9,
            interval.connectionsUp(),
            interval.connections(),
            interval.sentPerSecond(),
            interval.receivedPerSecond(),
            empty ? "-" : formatNs(latency.getValueAtPercentile(50.0)),
            empty ? "-" : formatNs(latency.getValueAtPercentile(99.0)),
            empty ? "-" : formatNs(latency.getMaxValue()),
            interval.errors(),
            interval.isWarmup() ? "  (warm-up)" : "");
    }

    /**
     * @param valueNs a duration.
     * @return it with a unit that keeps three or four digits: {@code 85.2us}, {@code 1.20ms}, {@code 2.31s}.
     */
    public static String formatNs(final long valueNs)
    {
        if (valueNs < 1_000_000L)
        {
            return String.format(Locale.ROOT, "%.1fus", valueNs / 1e3);
        }
        if (valueNs < 1_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.2fms", valueNs / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", valueNs / 1e9);
    }

    /**
     * Print the result: the percentile table, counts, achieved rate, errors and, loudly, a missed target rate.
     *
     * @param result of the run.
     * @param out where to print.
     */
    public static void printResult(final LoadResult result, final PrintStream out)
    {
        out.println();
        out.println("tickloop load: " + result.config());
        if (result.isStoppedEarly())
        {
            out.printf(Locale.ROOT, "stopped early: %.1f s of %.1f s measured%n",
                result.measuredNs() / 1e9, result.config().durationMs() / 1e3);
        }
        final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-9s", "(us)"));
        for (final String name : PERCENTILE_NAMES)
        {
            header.append(String.format(Locale.ROOT, "%11s", name));
        }
        header.append(String.format(Locale.ROOT, "%11s%11s%12s", "max", "mean", "count"));
        out.println(header);
        out.println(row("latency", result.latency()));
        out.println(row("service", result.service()));
        out.println("latency counts from each PING's intended send time, service from its actual write; " +
            "warm-up excluded (" + result.warmupLatency().getTotalCount() + " samples)");
        out.printf(Locale.ROOT, "connections %d/%d up; sent %,d (measured %,d); received %,d (measured %,d); " +
            "unsent %,d%n", result.connected(), result.config().connections(), result.sent(), result.measuredSent(),
            result.received(), result.measuredReceived(), result.unsent());
        if (result.config().isOpenLoop())
        {
            out.printf(Locale.ROOT, "achieved rate %,.1f msg/s of %,d asked (%.2f%%); received %,.1f/s%n",
                result.achievedRatePerSecond(), result.config().ratePerSecond(),
                100.0 * result.achievedRatePerSecond() / result.config().ratePerSecond(),
                result.receivedRatePerSecond());
        }
        else
        {
            out.printf(Locale.ROOT, "achieved rate %,.1f msg/s (closed loop, pipeline %d); received %,.1f/s%n",
                result.achievedRatePerSecond(), result.config().pipeline(), result.receivedRatePerSecond());
        }
        out.println("errors " + result.totalErrors() + " " + errorsByKind(result) +
            ", max allowed " + result.config().maxErrors());
        printLoader(result.loader(), result.latency(), out, "");
        if (!result.isRateAchieved())
        {
            out.printf(Locale.ROOT, "%s: sent %,.1f msg/s, asked %,d msg/s (%.1f%%): the generator or the " +
                "connection could not keep up, so latencies understate a server at the asked rate%n",
                RATE_WARNING, result.achievedRatePerSecond(), result.config().ratePerSecond(),
                100.0 * result.achievedRatePerSecond() / result.config().ratePerSecond());
        }
    }

    /**
     * Print the load generator's own figures on one line and, when its send lag's or poll gap's p99 passes
     * {@link LoaderFigures#SUSPECT_SHARE} of the measured latency p99, a warning.
     *
     * @param loader the figures.
     * @param latency the measured latency in ns.
     * @param out where to print.
     * @param indent put before each line.
     */
    public static void printLoader(
        final LoaderFigures loader, final Histogram latency, final PrintStream out, final String indent)
    {
        final Histogram lag = loader.sendLag();
        final Histogram gap = loader.pollGap();
        final String cpu = Double.isNaN(loader.cpuCores()) ? "-" : String.format(Locale.ROOT, "%.2f",
            loader.cpuCores());
        final String sendLag = lag.getTotalCount() == 0 ? "send lag - (closed loop: each send follows a reply)" :
            String.format(Locale.ROOT, "send lag p50 %d us p99 %d us max %d us", lag.getValueAtPercentile(50.0) / 1000,
            lag.getValueAtPercentile(99.0) / 1000, lag.getMaxValue() / 1000);
        final String pollGap = gap.getTotalCount() == 0 ? "poll gap -" : String.format(Locale.ROOT,
            "poll gap p99 %d us max %d us", gap.getValueAtPercentile(99.0) / 1000, gap.getMaxValue() / 1000);
        out.printf(Locale.ROOT, "%sloader: cpu %s cores, %s, %s%n", indent, cpu, sendLag, pollGap);
        if (loader.isSuspect(latency))
        {
            final boolean lagLarge = LoaderFigures.isLarge(lag, latency);
            final boolean gapLarge = LoaderFigures.isLarge(gap, latency);
            final String what = (lagLarge ? "send lag p99 " + formatNs(lag.getValueAtPercentile(99.0)) : "") +
                (lagLarge && gapLarge ? " and its " : "") +
                (gapLarge ? "poll gap p99 " + formatNs(gap.getValueAtPercentile(99.0)) : "");
            out.printf(Locale.ROOT, "%s%s: its %s %s more than %.0f%% of the latency p99 %s%n", indent, LOADER_WARNING,
                what, lagLarge && gapLarge ? "are" : "is", 100 * LoaderFigures.SUSPECT_SHARE,
                formatNs(latency.getValueAtPercentile(99.0)));
        }
    }

    static String errorsByKind(final LoadResult result)
    {
        final StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (final ErrorKind kind : ErrorKind.values())
        {
            joiner.add(kind.label() + " " + result.errors().get(kind));
        }
        return joiner.toString();
    }

    private static String row(final String name, final Histogram histogram)
    {
        final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-9s", name));
        final boolean empty = histogram.getTotalCount() == 0;
        for (final double percentile : PERCENTILES)
        {
            row.append(cell(empty ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e3));
        }
        row.append(cell(empty ? Double.NaN : histogram.getMaxValue() / 1e3));
        row.append(cell(empty ? Double.NaN : histogram.getMean() / 1e3));
        row.append(String.format(Locale.ROOT, "%12d", histogram.getTotalCount()));
        return row.toString();
    }

    private static String cell(final double valueUs)
    {
        return Double.isNaN(valueUs) ? String.format(Locale.ROOT, "%11s", "-") :
            String.format(Locale.ROOT, "%11.1f", valueUs);
    }
}
