/**
 * What a load run leaves behind: the console progress line and percentile table, the {@code .hgrm} percentile
 * distributions, the {@code .hlog} interval log and the JSON summary.
 * <p>
 * Reads {@code io.tickloop.loadgen.engine} results; never drives the engine or touches sockets.
 */
package io.tickloop.loadgen.report;
