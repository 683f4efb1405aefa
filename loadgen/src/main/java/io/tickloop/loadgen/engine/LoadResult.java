package io.tickloop.loadgen.engine;

import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The outcome of a {@link LoadRun}: the measured histograms (nanoseconds), counts, errors by kind and the rate
 * achieved. Warm-up samples are kept apart and excluded from {@link #latency()} and {@link #service()}.
 */
public final class LoadResult
{
    /** A run whose achieved send rate is below this fraction of its target did not achieve its target. */
    public static final double RATE_TOLERANCE = 0.99;

    private final LoadConfig config;
    private final long startEpochMs;
    private final long endEpochMs;
    private final long measuredNs;
    private final boolean stoppedEarly;
    private final Histogram latency;
    private final Histogram service;
    private final Histogram warmupLatency;
    private final Histogram warmupService;
    private final Map<ErrorKind, Long> errors;
    private final long[] counts;
    private final LoaderFigures loader;

    LoadResult(
        final LoadConfig config,
        final long startEpochMs,
        final long endEpochMs,
        final long measuredNs,
        final boolean stoppedEarly,
        final Histogram latency,
        final Histogram service,
        final Histogram warmupLatency,
        final Histogram warmupService,
        final LoadCounters[] counters,
        final LoaderFigures loader)
    {
        this.config = config;
        this.startEpochMs = startEpochMs;
        this.endEpochMs = endEpochMs;
        this.measuredNs = measuredNs;
        this.stoppedEarly = stoppedEarly;
        this.latency = latency;
        this.service = service;
        this.warmupLatency = warmupLatency;
        this.warmupService = warmupService;
        this.counts = new long[LoadCounters.LENGTH];
        final EnumMap<ErrorKind, Long> errorCounts = new EnumMap<>(ErrorKind.class);
        for (final ErrorKind kind : ErrorKind.values())
        {
            errorCounts.put(kind, 0L);
        }
        for (final LoadCounters threadCounters : counters)
        {
            for (int i = 0; i < LoadCounters.LENGTH; i++)
            {
                counts[i] += threadCounters.value(i);
            }
            for (final ErrorKind kind : ErrorKind.values())
            {
                errorCounts.merge(kind, threadCounters.errors(kind), Long::sum);
            }
        }
        this.errors = Collections.unmodifiableMap(errorCounts);
        this.loader = loader;
    }

    /**
     * @return what the load generator measured of itself during the measured part.
     */
    public LoaderFigures loader()
    {
        return loader;
    }

    /**
     * @return what was run.
     */
    public LoadConfig config()
    {
        return config;
    }

    /**
     * @return wall-clock start, ms since the epoch.
     */
    public long startEpochMs()
    {
        return startEpochMs;
    }

    /**
     * @return when the measured window began (wall clock): the start plus the warm-up.
     */
    public long measureStartEpochMs()
    {
        return startEpochMs + config.warmupMs();
    }

    /**
     * @return when the measured window ended (wall clock); the run's tail and close come after it.
     */
    public long measureEndEpochMs()
    {
        return measureStartEpochMs() + measuredNs / 1_000_000;
    }

    /**
     * @return when the run ended, its tail and close included (wall clock).
     */
    public long endEpochMs()
    {
        return endEpochMs;
    }

    /**
     * @return how long the measured part lasted: {@link LoadConfig#durationMs()}, or less when stopped early.
     */
    public long measuredNs()
    {
        return measuredNs;
    }

    /**
     * @return true when {@link LoadRun#requestStop()} ended the run before its end.
     */
    public boolean isStoppedEarly()
    {
        return stoppedEarly;
    }

    /**
     * @return latency in ns from each PING's intended send time to its reply, measured part only.
     */
    public Histogram latency()
    {
        return latency;
    }

    /**
     * @return service time in ns from each PING's first byte written to its reply, measured part only.
     */
    public Histogram service()
    {
        return service;
    }

    /**
     * @return latency in ns of the warm-up samples.
     */
    public Histogram warmupLatency()
    {
        return warmupLatency;
    }

    /**
     * @return service time in ns of the warm-up samples.
     */
    public Histogram warmupService()
    {
        return warmupService;
    }

    /**
     * @return connections that came up.
     */
    public long connected()
    {
        return counts[LoadCounters.CONNECTED];
    }

    /**
     * @return PINGs written, warm-up included.
     */
    public long sent()
    {
        return counts[LoadCounters.SENT];
    }

    /**
     * @return replies received and checked, warm-up included.
     */
    public long received()
    {
        return counts[LoadCounters.RECEIVED];
    }

    /**
     * @return PINGs written during the measured part (after the warm-up, before the end).
     */
    public long measuredSent()
    {
        return counts[LoadCounters.MEASURED_SENT];
    }

    /**
     * @return replies to PINGs intended after the warm-up: the samples in {@link #latency()}.
     */
    public long measuredReceived()
    {
        return counts[LoadCounters.MEASURED_RECEIVED];
    }

    /**
     * @return PINGs whose intended send time had come (open loop) but that were never written, because the
     * socket stayed full, too many replies were outstanding or the run was stopped.
     */
    public long unsent()
    {
        return counts[LoadCounters.UNSENT];
    }

    /**
     * @return errors by kind, every kind present.
     */
    public Map<ErrorKind, Long> errors()
    {
        return errors;
    }

    /**
     * @return errors of every kind.
     */
    public long totalErrors()
    {
        long total = 0;
        for (final long count : errors.values())
        {
            total += count;
        }
        return total;
    }

    /**
     * @return PINGs written per second during the measured part.
     */
    public double achievedRatePerSecond()
    {
        return measuredNs <= 0 ? 0.0 : measuredSent() * 1e9 / measuredNs;
    }

    /**
     * @return replies received per second for the measured part.
     */
    public double receivedRatePerSecond()
    {
        return measuredNs <= 0 ? 0.0 : measuredReceived() * 1e9 / measuredNs;
    }

    /**
     * @return true in closed loop, or when the achieved send rate is within 1% of the target.
     */
    public boolean isRateAchieved()
    {
        return !config.isOpenLoop() || achievedRatePerSecond() >= RATE_TOLERANCE * config.ratePerSecond();
    }

    /**
     * @return true when some connection came up and errors stayed within {@link LoadConfig#maxErrors()}.
     */
    public boolean isSuccess()
    {
        return connected() > 0 && totalErrors() <= config.maxErrors();
    }
}
