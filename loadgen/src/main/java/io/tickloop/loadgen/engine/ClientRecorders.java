package io.tickloop.loadgen.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The recorders of one engine thread: latency (from the intended send time) and service time (from the write),
 * each for the measured part and for the warm-up. Values in nanoseconds, three significant digits. Each pair is
 * indexed by {@link RunTimeline#warmupBit}, so the engine records through the same code before and after the
 * warm-up. The engine thread records; the run thread takes the intervals.
 */
final class ClientRecorders
{
    private final Recorder[] latency = {newRecorder(), newRecorder()};
    private final Recorder[] service = {newRecorder(), newRecorder()};
    /** The intervals last taken, handed back to their recorders to be recycled: swapped, never copied. */
    private final Histogram[] latencyTaken = new Histogram[2];
    private final Histogram[] serviceTaken = new Histogram[2];

    static Recorder newRecorder()
    {
        return new Recorder(
            PingLoop.LOWEST_DISCERNIBLE_NS, PingLoop.HIGHEST_TRACKABLE_NS, PingLoop.SIGNIFICANT_DIGITS);
    }

    static Histogram newHistogram()
    {
        return new Histogram(
            PingLoop.LOWEST_DISCERNIBLE_NS, PingLoop.HIGHEST_TRACKABLE_NS, PingLoop.SIGNIFICANT_DIGITS);
    }

    /**
     * @param warmupBit 1 for the warm-up's recorder, 0 for the measured part's.
     * @return the latency recorder.
     */
    Recorder latency(final int warmupBit)
    {
        return latency[warmupBit];
    }

    /**
     * @param warmupBit 1 for the warm-up's recorder, 0 for the measured part's.
     * @return the service-time recorder.
     */
    Recorder service(final int warmupBit)
    {
        return service[warmupBit];
    }

    /**
     * Run thread: the latency recorded since the last call.
     *
     * @param warmupBit 1 for the warm-up's recorder, 0 for the measured part's.
     * @return the interval, valid until the next call.
     */
    Histogram takeLatency(final int warmupBit)
    {
        return take(latency, latencyTaken, warmupBit);
    }

    /**
     * Run thread: the service time recorded since the last call.
     *
     * @param warmupBit 1 for the warm-up's recorder, 0 for the measured part's.
     * @return the interval, valid until the next call.
     */
    Histogram takeService(final int warmupBit)
    {
        return take(service, serviceTaken, warmupBit);
    }

    /** Swap the recorder's interval out, handing back the one taken last time to be recycled. */
    private static Histogram take(final Recorder[] recorders, final Histogram[] taken, final int warmupBit)
    {
        taken[warmupBit] = recorders[warmupBit].getIntervalHistogram(taken[warmupBit]);
        return taken[warmupBit];
    }
}
