package io.tickloop.loadgen.engine;

import org.HdrHistogram.Histogram;

/**
 * What the load generator measured of itself over a run's measured part, so a reader can tell its own delay from
 * the server's.
 *
 * @param cpuCores CPU time of the engine threads divided by wall time; NaN when it could not be sampled.
 * @param sendLag in ns, each message's actual write minus its intended send time (open loop; empty in closed
 * loop, where a message is sent when its reply arrives).
 * @param pollGap in ns, each time between two looks of an engine thread at its sockets (a poll, or the end of a
 * wait that data cuts short): the longest a reply that arrived in between waited before it was read.
 */
public record LoaderFigures(double cpuCores, Histogram sendLag, Histogram pollGap)
{
    /** A send lag or poll gap p99 above this share of the measured latency p99 makes the load generator suspect. */
    public static final double SUSPECT_SHARE = 0.25;

    /**
     * @param latency the measured latency in ns.
     * @return true when the send lag's or the poll gap's p99 is more than {@link #SUSPECT_SHARE} of the latency's
     * p99.
     */
    public boolean isSuspect(final Histogram latency)
    {
        return isLarge(sendLag, latency) || isLarge(pollGap, latency);
    }

    /**
     * @param own one of this record's histograms.
     * @param latency the measured latency in ns.
     * @return true when {@code own}'s p99 is more than {@link #SUSPECT_SHARE} of the latency's p99.
     */
    public static boolean isLarge(final Histogram own, final Histogram latency)
    {
        return own.getTotalCount() > 0 && latency.getTotalCount() > 0 &&
            own.getValueAtPercentile(99.0) > SUSPECT_SHARE * latency.getValueAtPercentile(99.0);
    }
}
