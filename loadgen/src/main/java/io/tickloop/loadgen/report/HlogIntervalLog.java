package io.tickloop.loadgen.report;

import io.tickloop.loadgen.engine.Interval;
import io.tickloop.loadgen.engine.IntervalListener;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An HdrHistogram interval log ({@code .hlog}) of a run's measured intervals; values in nanoseconds (the log's max
 * column in milliseconds). {@code load} and {@code compare} tag them {@code latency} and {@code service}; warm-up
 * intervals are not logged.
 * <p>
 * The log is written when it is closed, after the run. During the run an interval is only encoded, uncompressed,
 * and kept: {@code HistogramLogWriter} compresses each histogram with zlib at its highest level, ~1 ms per
 * histogram once compiled (12 ms the first time), and on a 2-core machine that burst once a second took its core
 * from the engine or from the server (docs/benchmarks.md, "The run thread's second"). An interval's raw encoding
 * is ~2 KB.
 */
public final class HlogIntervalLog implements IntervalListener, Closeable
{
    private final OutputStream out;
    private final long startEpochMs;
    private final String comment;
    private final List<Entry> entries = new ArrayList<>();
    private ByteBuffer buffer;

    /**
     * @param file the log to create, now, so a path that cannot be written fails before the run.
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
        this.out = Files.newOutputStream(file);
        this.startEpochMs = startEpochMs;
        this.comment = comment;
    }

    @Override
    public void onInterval(final Interval interval)
    {
        if (interval.measuredLatency().getTotalCount() > 0 || !interval.isWarmup())
        {
            add(interval.measuredLatency());
            add(interval.measuredService());
        }
    }

    /**
     * Keep one interval for the log, with its tag and its start and end stamps (epoch ms).
     *
     * @param interval the interval's histogram; it may be reused once this returns.
     */
    public void add(final Histogram interval)
    {
        final int needed = interval.getNeededByteBufferCapacity();
        if (null == buffer || buffer.capacity() < needed)
        {
            buffer = ByteBuffer.allocate(needed);
        }
        buffer.clear();
        final int length = interval.encodeIntoByteBuffer(buffer);
        entries.add(new Entry(interval.getTag(), interval.getStartTimeStamp(), interval.getEndTimeStamp(),
            Arrays.copyOf(buffer.array(), length)));
    }

    /**
     * Write the log: its header and every interval kept, compressed as the format wants.
     */
    @Override
    public void close() throws IOException
    {
        try (PrintStream log = new PrintStream(out, false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(log);
            writer.outputComment(comment);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startEpochMs);
            writer.setBaseTime(startEpochMs);
            writer.outputBaseTime(startEpochMs);
            writer.outputLegend();
            for (final Entry entry : entries)
            {
                final Histogram histogram = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(entry.encoded), 0);
                histogram.setTag(entry.tag);
                histogram.setStartTimeStamp(entry.startEpochMs);
                histogram.setEndTimeStamp(entry.endEpochMs);
                writer.outputIntervalHistogram(histogram);
            }
            if (log.checkError())
            {
                throw new IOException("could not write the interval log");
            }
        }
    }

    private record Entry(String tag, long startEpochMs, long endEpochMs, byte[] encoded)
    {
    }
}
