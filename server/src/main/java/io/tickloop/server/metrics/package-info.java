/**
 * Server counters and the snapshot type that tests, {@code --stats} and the comparison read them through.
 * Counters are updated on I/O threads and read from any thread.
 */
package io.tickloop.server.metrics;
