package io.tickloop.server.service;

import java.nio.channels.SelectableChannel;

/**
 * Work that runs on a loop's own thread on a schedule, such as the game's tick. The loop calls
 * {@link #onTick} from its turn once the deadline it last returned has passed, and bounds its select timeout
 * by that deadline, so nothing sleeps and nothing else runs the work: it needs no locks. Implementations
 * should not allocate in steady state.
 */
public interface LoopAgent
{
    /**
     * The deadline has come.
     *
     * @param nowNs {@link System#nanoTime()} at the start of the loop's turn.
     * @return the next deadline, in {@link System#nanoTime()} terms.
     */
    long onTick(long nowNs);

    /**
     * The loop begins a graceful shutdown: the agent may queue goodbyes, which are flushed before the
     * connections close. On the loop's thread.
     */
    default void onDrain()
    {
    }

    /**
     * @return a non-blocking channel of the agent's own that the loop watches for reads beside its connections
     * (the game's UDP port), or null; asked once, when the loop starts.
     */
    default SelectableChannel channel()
    {
        return null;
    }

    /**
     * The {@link #channel()} is readable: take a bounded amount of what waits. On the loop's thread.
     *
     * @param nowNs {@link System#nanoTime()} at the start of the loop's turn.
     * @return how much was done.
     */
    default int onChannelReadable(final long nowNs)
    {
        return 0;
    }
}
