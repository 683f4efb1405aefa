package io.tickloop.loadgen.engine;

import org.HdrHistogram.Histogram;

/**
 * What happened during one reporting interval (about a second) of a run. The histograms are reused for the next
 * interval: copy what must outlive {@link IntervalListener#onInterval}.
 */
public final class Interval
{
    final Histogram measuredLatency = ClientRecorders.newHistogram();
    final Histogram measuredService = ClientRecorders.newHistogram();
    final Histogram warmupLatency = ClientRecorders.newHistogram();
    /** Both latencies, merged only when asked for and both have samples (at the warm-up's end). */
    private final Histogram latency = ClientRecorders.newHistogram();
    private boolean merged;
    long elapsedNs;
    long intervalNs;
    boolean warmup;
    long connectionsUp;
    int connections;
    long sent;
    long received;
    long errors;

    Interval()
    {
    }

    /**
     * @return time since the run started, at the end of this interval.
     */
    public long elapsedNs()
    {
        return elapsedNs;
    }

    /**
     * @return how long this interval lasted.
     */
    public long intervalNs()
    {
        return intervalNs;
    }

    /**
     * @return true when this interval ended within the warm-up.
     */
    public boolean isWarmup()
    {
        return warmup;
    }

    /**
     * @return connections open at the end of the interval.
     */
    public long connectionsUp()
    {
        return connectionsUp;
    }

    /**
     * @return connections the run asked for.
     */
    public int connections()
    {
        return connections;
    }

    /**
     * @return PINGs written whole during the interval.
     */
    public long sent()
    {
        return sent;
    }

    /**
     * @return replies received during the interval.
     */
    public long received()
    {
        return received;
    }

    /**
     * @return PINGs sent per second during the interval.
     */
    public double sentPerSecond()
    {
        return sent * 1e9 / Math.max(1, intervalNs);
    }

    /**
     * @return replies received per second during the interval.
     */
    public double receivedPerSecond()
    {
        return received * 1e9 / Math.max(1, intervalNs);
    }

    /**
     * @return errors of every kind since the run started.
     */
    public long errors()
    {
        return errors;
    }

    /**
     * @return latency (ns, from the intended send time) of every reply received in the interval, warm-up included.
     */
    public Histogram latency()
    {
        if (warmupLatency.getTotalCount() == 0)
        {
            return measuredLatency;
        }
        if (measuredLatency.getTotalCount() == 0)
        {
            return warmupLatency;
        }
        if (!merged)
        {
            latency.reset();
            latency.add(measuredLatency);
            latency.add(warmupLatency);
            merged = true;
        }
        return latency;
    }

    /**
     * Empty the histograms for the next interval; one already empty is left alone, as clearing costs a pass over
     * its whole counts array.
     */
    void clear()
    {
        clear(measuredLatency);
        clear(measuredService);
        clear(warmupLatency);
        merged = false;
    }

    private static void clear(final Histogram histogram)
    {
        if (histogram.getTotalCount() > 0)
        {
            histogram.reset();
        }
    }

    /**
     * @return latency (ns) of the measured replies received in the interval, with epoch-ms start and end stamps.
     */
    public Histogram measuredLatency()
    {
        return measuredLatency;
    }

    /**
     * @return service time (ns, from the write) of the measured replies received in the interval, stamped.
     */
    public Histogram measuredService()
    {
        return measuredService;
    }
}
