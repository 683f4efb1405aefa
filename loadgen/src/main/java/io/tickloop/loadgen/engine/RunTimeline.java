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
    /**
     * 1 for a time in the warm-up, 0 after it, by arithmetic rather than a branch. The engine picks its recorders
     * with it: a branch that the warm-up never takes is compiled by C2 as a trap, and taking it at the warm-up's end
     * deoptimizes the engine's whole inlined loop mid-run (measured at 50,000 msg/s: PingWriter and ReplyChecker
     * made not entrant at the boundary, and the first measured second's p99 at 46 ms against 1-4 ms in the others).
     *
     * @param timeNs a time on the {@link System#nanoTime()} clock.
     * @param warmupEndNs the warm-up's end.
     * @return 1 before {@code warmupEndNs}, else 0.
     */
    static int warmupBit(final long timeNs, final long warmupEndNs)
    {
        return (int)((timeNs - warmupEndNs) >>> 63);
    }

    /**
     * @param timeNs a time on the {@link System#nanoTime()} clock.
     * @return 1 when it lies in the measured part, else 0; without a branch, as {@link #warmupBit}.
     */
    int measuredBit(final long timeNs)
    {
        return (warmupBit(timeNs, warmupEndNs) ^ 1) & warmupBit(timeNs, endNs); // after the warm-up, before the end
    }
}
