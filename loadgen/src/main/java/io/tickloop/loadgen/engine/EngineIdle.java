package io.tickloop.loadgen.engine;

import java.util.Locale;

/**
 * How an engine thread waits between sends ({@code --idle}); {@link SendWaiter} carries each one out. Replies
 * are read whenever the thread wakes, so the strategy sets both how late a send leaves and how long a reply waits
 * in the socket before it is read.
 */
public enum EngineIdle
{
    /**
     * Sleep until the next send in a wait a reply ends at once: a timed {@code select} while the send is more
     * than a millisecond away, then an untimed one that an alarm thread wakes at the send time (or a
     * {@code parkNanos}, with no reply outstanding or sends under 50 us apart); only the last 20 us are polled. The default, for a machine whose cores
     * the server shares.
     */
    SELECT,
    /**
     * Busy-poll {@code selectNow} while a send is due within 2 ms: the most precise with cores to spare and
     * {@code --pin}; on a small shared machine the scheduler preempts it for whole slices and it takes the
     * server's core.
     */
    SPIN,
    /** Like {@link #SPIN} with a {@code Thread.yield()} between polls: spins, but lets other threads run first. */
    YIELD,
    /**
     * Agrona's {@code BackoffIdleStrategy} while a send is due within 2 ms: spins, then yields, then parks for
     * growing periods (up to {@link SendWaiter#BACKOFF_MAX_PARK_NS}) while nothing happens.
     */
    BACKOFF;

    /**
     * @return the name on the command line.
     */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
