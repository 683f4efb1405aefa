/**
 * The load generator: a client engine that drives thousands of connections from one thread, open- and
 * closed-loop scenarios, HdrHistogram recording, reports and the socket-model comparison.
 * <p>
 * It speaks the wire protocol of {@code io.tickloop.protocol} and never links server classes.
 */
package io.tickloop.loadgen;
