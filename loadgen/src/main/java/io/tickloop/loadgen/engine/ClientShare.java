package io.tickloop.loadgen.engine;

/**
 * One engine thread's share of a run.
 *
 * @param firstConnectionIndex the run-wide index of its first connection (chooses its source address).
 * @param connections how many connections it opens.
 * @param ratePerSecond PINGs per second over its connections; 0 in closed loop.
 * @param connectRatePerSecond connections it starts per second.
 */
record ClientShare(int firstConnectionIndex, int connections, double ratePerSecond, double connectRatePerSecond)
{
}
