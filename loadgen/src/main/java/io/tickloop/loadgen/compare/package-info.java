/**
 * {@code compare} and {@code report}: every socket model under the same load, measured side by side.
 * <p>
 * {@link io.tickloop.loadgen.compare.CompareCommand} starts each model's server as a child JVM
 * ({@link io.tickloop.loadgen.compare.ServerProcess}), samples it from {@code /proc}
 * ({@link io.tickloop.loadgen.compare.ProcessSampler}), drives it with the load engine in this process and
 * writes one folder per run. {@link io.tickloop.loadgen.compare.ComparisonReport} draws the report from those
 * folders alone, so {@code report} re-draws or merges saved runs with the same code. No server class is linked:
 * the server is a process, reached by its command line.
 */
package io.tickloop.loadgen.compare;
