package io.tickloop.loadgen.report;

import io.tickloop.loadgen.engine.Interval;
import io.tickloop.loadgen.engine.IntervalListener;
import org.HdrHistogram.HistogramLogWriter;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes each measured interval to an HdrHistogram interval log ({@code .hlog}), tagged {@code latency} and
 * {@code service}; values in nanoseconds (the log's max column in milliseconds). Warm-up intervals are not
 * logged.
 */
public final class HlogIntervalLog implements IntervalListener, Closeable
{
    private final PrintStream out;
    private final HistogramLogWriter writer;

    /**
     * @param file the log to create.
     * @param startEpochMs the run's start; interval times are relative to it.
     * @param comment a line describing the run.
     * @throws IOException when the file cannot be created.
     */
    public HlogIntervalLog(final Path file, final long startEpochMs, final String comment) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8);
        writer = new HistogramLogWriter(out);
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMs);
        writer.setBaseTime(startEpochMs);
        writer.outputBaseTime(startEpochMs);
        writer.outputLegend();
    }

    @Override
    public void onInterval(final Interval interval)
    {
        if (interval.measuredLatency().getTotalCount() > 0 || !interval.isWarmup())
        {
            writer.outputIntervalHistogram(interval.measuredLatency());
            writer.outputIntervalHistogram(interval.measuredService());
        }
    }

    @Override
    public void close()
    {
        out.close();
    }
}
