package io.tickloop.loadgen.engine;

/**
 * Told about each interval of a run, on the thread that called {@link LoadRun#run}.
 */
@FunctionalInterface
public interface IntervalListener
{
    /**
     * @param interval what happened; its histograms are reused after the call returns.
     */
    void onInterval(Interval interval);
}
