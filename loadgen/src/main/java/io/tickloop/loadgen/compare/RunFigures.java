package io.tickloop.loadgen.compare;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * One row of a comparison: a run's record, its merged histograms and what the server cost while it ran.
 *
 * @param record the run's record.
 * @param latency latency from the intended send time, nanoseconds.
 * @param service service time from the actual write, nanoseconds.
 * @param p99Timeline {@code [second, p99 ms]} per interval of the measured window; NaN for an interval with no
 * samples.
 * @param serverCores CPU cores the server used in the measured window (user + system), NaN when not sampled.
 * @param peakRssBytes the server's largest resident memory in the measured window, 0 when not sampled.
 * @param rssPerConnectionBytes the server's RSS growth from before the load to its peak, per connection: what
 * a connection costs, plus whatever the heap grew by under the load (NaN when unknown).
 * @param maxThreads the server's most threads in the measured window, 0 when not sampled.
 */
public record RunFigures(
    RunRecord record,
    Histogram latency,
    Histogram service,
    List<double[]> p99Timeline,
    double serverCores,
    long peakRssBytes,
    double rssPerConnectionBytes,
    int maxThreads)
{
    /**
     * @param record the run's record.
     * @param latency merged latency.
     * @param service merged service time.
     * @param p99Timeline p99 per interval.
     * @param samples the server's samples, the first taken before the load began.
     * @return the figures.
     */
    public static RunFigures of(
        final RunRecord record,
        final Histogram latency,
        final Histogram service,
        final List<double[]> p99Timeline,
        final List<ServerSample> samples)
    {
        final List<ServerSample> window = samples.stream()
            .filter(sample -> sample.epochMs() >= record.measureStartEpochMs() &&
                sample.epochMs() <= record.measureEndEpochMs() + 500)
            .toList();
        double cores = Double.NaN;
        if (window.size() >= 2)
        {
            final ServerSample first = window.get(0);
            final ServerSample last = window.get(window.size() - 1);
            cores = (double)(last.cpuMs() - first.cpuMs()) / Math.max(1, last.epochMs() - first.epochMs());
        }
        final long peakRss = window.stream().mapToLong(ServerSample::rssBytes).max().orElse(0);
        final int maxThreads = window.stream().mapToInt(ServerSample::threads).max().orElse(0);
        final double perConnection = samples.isEmpty() || record.connected() == 0 || peakRss == 0 ? Double.NaN :
            (double)(peakRss - samples.get(0).rssBytes()) / record.connected();
        return new RunFigures(record, latency, service, p99Timeline, cores, peakRss, perConnection, maxThreads);
    }

    /**
     * @param percentile such as 99.0.
     * @return the latency at it in milliseconds, NaN with no samples.
     */
    public double latencyMs(final double percentile)
    {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
    }

    /**
     * @return the largest latency in milliseconds, NaN with no samples.
     */
    public double maxLatencyMs()
    {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1e6;
    }
}
