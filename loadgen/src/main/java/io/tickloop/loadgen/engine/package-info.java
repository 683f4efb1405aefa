/**
 * The client engine. {@link io.tickloop.loadgen.engine.EngineLoop} is one engine thread: its Selector, its share of
 * the connections, the connect ramp (with source addresses), the wait for the next send
 * ({@link io.tickloop.loadgen.engine.SendWaiter}, {@code --idle}), connect timeouts and closing. Its two drivers
 * decide what is sent and how replies are read: {@link io.tickloop.loadgen.engine.PingLoop} here, run by
 * {@link io.tickloop.loadgen.engine.LoadRun} from a {@link io.tickloop.loadgen.engine.LoadConfig} into a
 * {@link io.tickloop.loadgen.engine.LoadResult}, and the game's bot loop in {@code io.tickloop.loadgen.game}.
 * <p>
 * Each loop thread owns its Selector, its connections and its HdrHistogram recorders; nothing else touches them.
 * The steady state (send on schedule, read, check, record) allocates nothing. Open loop by default: latency is
 * measured from each message's intended send time, so a stalled server shows up as latency rather than as
 * fewer samples (no coordinated omission). Each send's lag behind its intended time and the engine's CPU time go
 * to a {@link io.tickloop.loadgen.engine.LoaderMeter}, the {@code loader} figures of a result.
 * <p>
 * This package speaks the wire protocol of {@code io.tickloop.protocol} only; it never links server classes and
 * writes no files (see {@code io.tickloop.loadgen.report}).
 */
package io.tickloop.loadgen.engine;
