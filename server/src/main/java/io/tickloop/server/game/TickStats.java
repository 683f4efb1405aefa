package io.tickloop.server.game;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Tick duration (the world's work per tick) and lateness (how far past its deadline a tick started), as
 * HdrHistogram interval recorders: the world's thread records without allocating, {@code --stats} reads an
 * interval from another thread.
 */
final class TickStats
{
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);

    private final Recorder durationNs = new Recorder(HIGHEST_NS, 3);
    private final Recorder latenessNs = new Recorder(HIGHEST_NS, 3);
    private final Recorder recentDurationNs = new Recorder(HIGHEST_NS, 3);
    private Histogram recentInterval;
    private long recentSinceNs = System.nanoTime();
    private String recentJson;
    private Histogram durationInterval;
    private Histogram latenessInterval;

    void onTick(final long latenessNs, final long durationNs)
    {
        this.latenessNs.recordValue(Math.min(HIGHEST_NS, Math.max(0, latenessNs)));
        final long boundedDurationNs = Math.min(HIGHEST_NS, Math.max(0, durationNs));
        this.durationNs.recordValue(boundedDurationNs);
        recentDurationNs.recordValue(boundedDurationNs);
    }

    /**
     * The tick durations of a window of its own, so that {@code --stats} and any number of pages asking for
     * {@code /stats} do not take each other's intervals: renewed when a second or more has passed.
     *
     * @param nowNs the time now.
     * @return JSON members: the ticks and their duration's p50, p99 and max in ms over the last window.
     */
    synchronized String recentJson(final long nowNs)
    {
        if (null == recentJson || nowNs - recentSinceNs >= TimeUnit.SECONDS.toNanos(1))
        {
            recentInterval = recentDurationNs.getIntervalHistogram(recentInterval);
            recentSinceNs = nowNs;
            recentJson = String.format(Locale.ROOT, "\"ticks\":%d,\"tickDurationMs\":{\"p50\":%.3f," +
                "\"p99\":%.3f,\"max\":%.3f}", recentInterval.getTotalCount(),
                recentInterval.getValueAtPercentile(50) / 1e6, recentInterval.getValueAtPercentile(99) / 1e6,
                recentInterval.getMaxValue() / 1e6);
        }
        return recentJson;
    }

    /**
     * @return ticks, duration and lateness since the last call; any one thread.
     */
    synchronized String describeInterval()
    {
        durationInterval = durationNs.getIntervalHistogram(durationInterval);
        latenessInterval = latenessNs.getIntervalHistogram(latenessInterval);
        return "ticks=" + durationInterval.getTotalCount() +
            " tick duration " + percentiles(durationInterval) + " lateness " + percentiles(latenessInterval);
    }

    private static String percentiles(final Histogram histogram)
    {
        return String.format("p50=%.2fms p99=%.2fms max=%.2fms",
            histogram.getValueAtPercentile(50) / 1e6,
            histogram.getValueAtPercentile(99) / 1e6,
            histogram.getMaxValue() / 1e6);
    }
}
