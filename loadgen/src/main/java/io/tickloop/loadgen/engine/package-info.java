/**
 * The client engine: {@link io.tickloop.loadgen.engine.LoadRun} runs a {@link io.tickloop.loadgen.engine.LoadConfig}
 * on one or more {@link io.tickloop.loadgen.engine.ClientLoop} threads and returns a
 * {@link io.tickloop.loadgen.engine.LoadResult}.
 * <p>
 * Each loop thread owns its Selector, its connections and its HdrHistogram recorders; nothing else touches them.
 * The steady state (send on schedule, read, check, record) allocates nothing. Open loop by default: latency is
 * measured from each message's intended send time, so a stalled server shows up as latency rather than as
 * fewer samples (no coordinated omission).
 * <p>
 * Two pieces serve the game bots' loop too: {@link io.tickloop.loadgen.engine.SendWaiter} (how a loop waits for
 * its next send, {@code --idle}) and {@link io.tickloop.loadgen.engine.LoaderMeter} (the engine's own send lag and
 * CPU time, the {@code loader} figures of a result).
 * <p>
 * This package speaks the wire protocol of {@code io.tickloop.protocol} only; it never links server classes and
 * writes no files (see {@code io.tickloop.loadgen.report}).
 */
package io.tickloop.loadgen.engine;
