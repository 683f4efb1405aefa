package io.tickloop.loadgen.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The load generator measuring itself: engine threads record each send's lag ({@link #onSent}) and each gap
 * between two looks at their sockets ({@link #onPollGap}), wait-free and allocation-free; the run's own thread
 * takes their interval histograms each second ({@link #sample}) and the engine threads' CPU time at the start and
 * end of the measured part ({@link #markCpu}), off the engine threads.
 */
public final class LoaderMeter
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Tally sendLag = new Tally();
    private final Tally pollGap = new Tally();
    private Thread[] engines = new Thread[0];
    private long startCpuNs = -1;
    private long startNs;
    private long endCpuNs = -1;
    private long endNs;

    /**
     * Engine thread: a message meant for {@code intendedNs} was written at {@code writtenNs}.
     *
     * @param intendedNs its intended send time.
     * @param writtenNs when it was written.
     */
    public void onSent(final long intendedNs, final long writtenNs)
    {
        sendLag.recorder.recordValue(clamp(writtenNs - intendedNs));
    }

    /**
     * Engine thread: it looks at its sockets again {@code gapNs} after it last did, so a reply that arrived in
     * between waited at most that long before it was read (data cuts a blocking wait short: that is a look).
     *
     * @param gapNs the time since the last look.
     */
    public void onPollGap(final long gapNs)
    {
        pollGap.recorder.recordValue(clamp(gapNs));
    }

    private static long clamp(final long ns)
    {
        return Math.max(0, Math.min(PingLoop.HIGHEST_TRACKABLE_NS, ns));
    }

    /**
     * @param threads the engine threads whose CPU time {@link #markCpu} takes.
     */
    public void engines(final Thread... threads)
    {
        engines = threads.clone();
    }

    /**
     * Run thread: take the send lag and poll gaps recorded since the last call, keeping them when the interval
     * was measured.
     *
     * @param measured false during the warm-up.
     */
    public void sample(final boolean measured)
    {
        sendLag.sample(measured);
        pollGap.sample(measured);
    }

    /**
     * Run thread: sample the engine threads' CPU time, as the start of the measured part or as its end so far.
     * A thread that has ended cannot be sampled: the sample is then dropped.
     *
     * @param nowNs the time now.
     * @param start true for the start of the measured part, false for its end.
     * @return false when the sample was dropped.
     */
    public boolean markCpu(final long nowNs, final boolean start)
    {
        long cpuNs = 0;
        for (final Thread engine : engines)
        {
            final long threadCpuNs = THREADS.getThreadCpuTime(engine.threadId());
            if (threadCpuNs < 0)
            {
                return false;
            }
            cpuNs += threadCpuNs;
        }
        if (start)
        {
            startCpuNs = cpuNs;
            startNs = nowNs;
        }
        else
        {
            endCpuNs = cpuNs;
            endNs = nowNs;
        }
        return true;
    }

    /**
     * @return the figures of the measured part.
     */
    public LoaderFigures figures()
    {
        final boolean sampled = startCpuNs >= 0 && endCpuNs >= startCpuNs && endNs - startNs > 0;
        return new LoaderFigures(sampled ? (double)(endCpuNs - startCpuNs) / (endNs - startNs) : Double.NaN,
            sendLag.total.copy(), pollGap.total.copy());
    }

    /** One figure: engine threads record into the recorder; the run thread swaps intervals out into the total. */
    private static final class Tally
    {
        private final Recorder recorder = ClientRecorders.newRecorder();
        private final Histogram total = ClientRecorders.newHistogram();
        /** The interval taken last, handed back to the recorder to be recycled. */
        private Histogram taken;

        void sample(final boolean measured)
        {
            taken = recorder.getIntervalHistogram(taken);
            if (measured && taken.getTotalCount() > 0)
            {
                total.add(taken);
            }
        }
    }
}
