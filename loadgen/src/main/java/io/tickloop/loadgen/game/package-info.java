/**
 * The {@code game} scenario of {@code tickloop load}: bots that HELLO, JOIN rooms, MOVE on an open-loop
 * schedule, CHAT and answer heartbeats, all on one selector thread, and the metrics they record: input
 * latency (a MOVE's intended send time to the first STATE showing its sequence), chat fan-out latency, the
 * interval between STATEs, and STATE bytes per second.
 * <p>
 * Speaks the protocol through {@code io.tickloop.protocol.game} only; never links server classes.
 */
package io.tickloop.loadgen.game;
