/**
 * The load generator: a client engine that drives thousands of connections from one thread, open- and
 * closed-loop scenarios, HdrHistogram recording, reports and the socket-model comparison.
 * <p>
 * This package holds the command lines: {@link io.tickloop.loadgen.LoadgenCommand} and its {@code load}
 * subcommand, and the flags as picocli mixins that check their values and make immutable records:
 * {@link io.tickloop.loadgen.RunOptions} (the flags {@code load} and {@code compare} share) and
 * {@link io.tickloop.loadgen.LoadOptions} ({@code load}'s own, making an
 * {@link io.tickloop.loadgen.engine.LoadConfig}).
 * <p>
 * It speaks the wire protocol of {@code io.tickloop.protocol} and never links server classes.
 */
package io.tickloop.loadgen;
