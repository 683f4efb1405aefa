/**
 * The {@code polling} socket model: non-blocking channels checked in a busy loop, with no Selector. The
 * non-blocking anti-pattern, kept correct so that its cost can be measured: the CPU it burns waiting.
 * <p>
 * Threads: one, {@code tickloop-polling}, runs {@link io.tickloop.server.polling.PollingLoop}, the loop core
 * ({@link io.tickloop.server.transport.ConnectionLoop}) with readiness from trying: every turn it calls
 * {@code accept()} on the listening channel (null when none waits), {@code read()} on every connection (0 when
 * nothing arrived) and {@code write()} for every connection with bytes queued; a turn with nothing done spins
 * with {@link java.lang.Thread#onSpinWait()}. It never blocks and never sleeps. The game's world runs on a
 * thread of its own.
 */
package io.tickloop.server.polling;
