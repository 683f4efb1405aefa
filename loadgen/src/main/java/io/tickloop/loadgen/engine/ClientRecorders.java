package io.tickloop.loadgen.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The recorders of one engine thread: latency (from the intended send time) and service time (from the write),
 * each for the measured part and for the warm-up. Values in nanoseconds, three significant digits.
 */
final class ClientRecorders
{
    private final Recorder latency = newRecorder();
    private final Recorder service = newRecorder();
    private final Recorder warmupLatency = newRecorder();
    private final Recorder warmupService = newRecorder();

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

    Recorder latency()
    {
        return latency;
    }

    Recorder service()
    {
        return service;
    }

    Recorder warmupLatency()
    {
        return warmupLatency;
    }

    Recorder warmupService()
    {
        return warmupService;
    }
}
