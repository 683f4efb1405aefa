package io.tickloop.loadgen.engine;

/**
 * When a run starts, leaves warm-up and ends, on the {@link System#nanoTime()} clock.
 *
 * @param startNs the run starts: connections begin to open.
 * @param warmupEndNs samples intended before this are warm-up samples.
 * @param endNs no message is scheduled at or after this.
 */
record RunTimeline(long startNs, long warmupEndNs, long endNs)
{
}
