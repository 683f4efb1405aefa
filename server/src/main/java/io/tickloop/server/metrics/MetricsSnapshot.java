package io.tickloop.server.metrics;

import io.tickloop.protocol.CloseReason;

/**
 * A server's counters at one moment.
 *
 * @param timeNs when it was taken ({@link System#nanoTime()}).
 * @param connections connections open.
 * @param accepted connections accepted since start.
 * @param framesIn whole frames received.
 * @param framesOut frames queued for peers.
 * @param bytesIn bytes read.
 * @param bytesOut bytes written.
 * @param closesByReason closes counted per {@link CloseReason}, indexed by ordinal.
 * @param threads the socket model's threads.
 * @param acceptFailures {@code accept} calls that failed (each pauses accepting).
 * @param allocationFailures connections closed because their read buffer could not be allocated or their send
 * buffer grown.
 * @param frameBudgetHits times a connection used up its frames for one loop turn.
 * @param emptyPolls loop wake-ups that found nothing to do (timer expiries included).
 * @param bufferBytes bytes of direct memory the connections' send buffers hold now.
 * @param buffersShrunk send buffers grown for a burst and freed once their connection went idle.
 */
public record MetricsSnapshot(
    long timeNs,
    long connections,
    long accepted,
    long framesIn,
    long framesOut,
    long bytesIn,
    long bytesOut,
    long[] closesByReason,
    int threads,
    long acceptFailures,
    long allocationFailures,
    long frameBudgetHits,
    long emptyPolls,
    long bufferBytes,
    long buffersShrunk)
{
    /**
     * @param reason a close reason.
     * @return how many connections closed for it.
     */
    public long closes(final CloseReason reason)
    {
        return closesByReason[reason.ordinal()];
    }

    /**
     * @return the closes for every reason that has any, as {@code REASON=count ...}, or {@code none}.
     */
    public String closesSummary()
    {
        final StringBuilder summary = new StringBuilder();
        for (final CloseReason reason : CloseReason.values())
        {
            if (closes(reason) > 0)
            {
                summary.append(summary.isEmpty() ? "" : " ").append(reason).append('=').append(closes(reason));
            }
        }
        return summary.isEmpty() ? "none" : summary.toString();
    }

    /**
     * @param earlier a snapshot taken before this one.
     * @return one line for a log: connections, rates since {@code earlier}, closes and threads.
     */
    public String describeSince(final MetricsSnapshot earlier)
    {
        final double seconds = Math.max(1, timeNs - earlier.timeNs) / 1e9;
        return String.format(
            "connections=%d framesIn/s=%.0f framesOut/s=%.0f bytesIn/s=%.0f bytesOut/s=%.0f closes=[%s] threads=%d " +
                "acceptFailures=%d allocationFailures=%d frameBudgetHits=%d emptyPolls/s=%.0f " +
                "bufferBytes=%d buffersShrunk=%d",
            connections,
            (framesIn - earlier.framesIn) / seconds,
            (framesOut - earlier.framesOut) / seconds,
            (bytesIn - earlier.bytesIn) / seconds,
            (bytesOut - earlier.bytesOut) / seconds,
            closesSummary(),
            threads,
            acceptFailures,
            allocationFailures,
            frameBudgetHits,
            (emptyPolls - earlier.emptyPolls) / seconds,
            bufferBytes,
            buffersShrunk);
    }
}
