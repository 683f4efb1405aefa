package io.tickloop.server.service;

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
}
