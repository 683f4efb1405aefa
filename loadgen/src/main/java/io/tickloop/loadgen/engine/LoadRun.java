package io.tickloop.loadgen.engine;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one load: starts a {@link PingLoop} thread per {@link LoadConfig#threads()}, samples their recorders
 * once a second for an {@link IntervalListener}, and returns the {@link LoadResult} when the loops finish. The
 * engine threads only send, read and record: the interval swaps, the listener (progress line, {@code .hlog}) and
 * the engine's CPU samples ({@link LoaderMeter}) all run on the thread that called {@link #run}. That thread's
 * second is kept short, as on a machine with few cores it takes a core from the engine or the server: intervals
 * are swapped out of the recorders, not copied, an empty one is not added, and the {@code .hlog} is compressed
 * after the run ({@code HlogIntervalLog}).
 * <pre>{@code
 * LoadResult result = new LoadRun(LoadOptions.parse("--target", "127.0.0.1:7777", "--connections", "100",
 *     "--rate", "20000", "--duration", "5s", "--warmup", "1s")).run(null);
 * }</pre>
 */
public final class LoadRun
{
    /** How often the listener is told. */
    public static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LoadConfig config;
    private final ClientRecorders[] recorders;
    private final LoadCounters[] counters;
    private final PingLoop[] loops;
    private final Interval interval = new Interval();
    private final Histogram latency = ClientRecorders.newHistogram();
    private final Histogram service = ClientRecorders.newHistogram();
    private final Histogram warmupLatency = ClientRecorders.newHistogram();
    private final Histogram warmupService = ClientRecorders.newHistogram();
    private final LoaderMeter meter = new LoaderMeter();
    private volatile long stopRequestedNs;
    private volatile boolean stopRequested;
    private long lastSent;
    private long lastReceived;
    private long lastSampleNs;
    private long lastSampleEpochMs;
    private boolean cpuStarted;
    private boolean cpuEnded;

    /**
     * @param config what to run, its values checked by whoever made it (the flags check theirs).
     */
    public LoadRun(final LoadConfig config)
    {
        this.config = config;
        final int threads = config.threads();
        this.recorders = new ClientRecorders[threads];
        this.counters = new LoadCounters[threads];
        this.loops = new PingLoop[threads];
    }

    /**
     * Ask a running load to stop early (from any thread): sending stops and the run returns what it has.
     */
    public void requestStop()
    {
        if (!stopRequested)
        {
            stopRequestedNs = System.nanoTime();
            stopRequested = true;
        }
        for (final PingLoop loop : loops)
        {
            if (null != loop)
            {
                loop.requestStop();
            }
        }
    }

    /**
     * Run the load to its end on the calling thread's watch.
     *
     * @param listener told once a second and once at the end; may be null. If it throws, the run stops and the
     * exception propagates.
     * @return the result.
     * @throws IOException when an engine thread could not run (for example no selector could be opened).
     */
    public LoadResult run(final IntervalListener listener) throws IOException
    {
        final long startEpochMs = System.currentTimeMillis();
        final long startNs = System.nanoTime();
        final long warmupEndNs = startNs + TimeUnit.MILLISECONDS.toNanos(config.warmupMs());
        final RunTimeline timeline = new RunTimeline(
            startNs, warmupEndNs, warmupEndNs + TimeUnit.MILLISECONDS.toNanos(config.durationMs()));
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] threads = startLoops(timeline, failure);
        meter.engines(threads);
        lastSampleNs = startNs;
        lastSampleEpochMs = startEpochMs;

        try
        {
            long nextSampleNs = startNs + INTERVAL_NS;
            while (anyAlive(threads))
            {
                final long nowNs = System.nanoTime();
                markCpu(timeline, nowNs);
                if (nowNs - nextSampleNs >= 0)
                {
                    sample(timeline, nowNs, listener);
                    nextSampleNs += INTERVAL_NS;
                }
                LockSupport.parkNanos(Math.max(1, Math.min(POLL_NS, nextSampleNs - nowNs)));
            }
        }
        catch (final RuntimeException | Error ex)
        {
            requestStop();
            join(threads);
            throw ex;
        }
        join(threads);
        sample(timeline, System.nanoTime(), listener);
        if (null != failure.get())
        {
            throw new IOException("a load thread failed: " + failure.get(), failure.get());
        }
        final long measuredEndNs = stopRequested && stopRequestedNs - timeline.endNs() < 0 ?
            stopRequestedNs : timeline.endNs();
        final long measuredNs = Math.max(0, measuredEndNs - timeline.warmupEndNs());
        return new LoadResult(config, startEpochMs, System.currentTimeMillis(), measuredNs, stopRequested,
            latency.copy(), service.copy(), warmupLatency.copy(), warmupService.copy(), counters, meter.figures());
    }

    private Thread[] startLoops(final RunTimeline timeline, final AtomicReference<Throwable> failure)
    {
        final int threadCount = config.threads();
        final Thread[] threads = new Thread[threadCount];
        int firstConnection = 0;
        for (int i = 0; i < threadCount; i++)
        {
            final int connections = config.connections() / threadCount + (i < config.connections() % threadCount ? 1 : 0);
            final double ratePerSecond = (double)config.ratePerSecond() * connections / config.connections();
            final ClientShare share = new ClientShare(
                firstConnection, connections, ratePerSecond, (double)config.connectRatePerSecond() / threadCount);
            recorders[i] = new ClientRecorders();
            counters[i] = new LoadCounters();
            loops[i] = new PingLoop(config, share, timeline, recorders[i], counters[i], meter);
            threads[i] = new Thread(loops[i], "tickloop-load-" + i);
            threads[i].setUncaughtExceptionHandler((thread, ex) -> failure.compareAndSet(null, ex));
            firstConnection += connections;
        }
        for (final Thread thread : threads)
        {
            thread.start();
        }
        return threads;
    }

    private void sample(final RunTimeline timeline, final long nowNs, final IntervalListener listener)
    {
        final long nowEpochMs = System.currentTimeMillis();
        interval.clear();
        long sent = 0;
        long received = 0;
        long connectionsUp = 0;
        long errors = 0;
        for (int i = 0; i < recorders.length; i++)
        {
            add(recorders[i].takeLatency(0), interval.measuredLatency);
            add(recorders[i].takeService(0), interval.measuredService);
            add(recorders[i].takeLatency(1), interval.warmupLatency);
            add(recorders[i].takeService(1), warmupService);
            sent += counters[i].value(LoadCounters.SENT);
            received += counters[i].value(LoadCounters.RECEIVED);
            connectionsUp += counters[i].value(LoadCounters.CONNECTIONS_UP);
            errors += counters[i].totalErrors();
        }
        add(interval.measuredLatency, latency);
        add(interval.measuredService, service);
        add(interval.warmupLatency, warmupLatency);
        stamp(interval.measuredLatency, "latency", nowEpochMs);
        stamp(interval.measuredService, "service", nowEpochMs);

        interval.elapsedNs = nowNs - timeline.startNs();
        interval.intervalNs = nowNs - lastSampleNs;
        interval.warmup = nowNs - timeline.warmupEndNs() < 0;
        // The send lag counts from the first interval that begins after the warm-up (or at the start, without one).
        meter.sample(lastSampleNs - timeline.warmupEndNs() >= -POLL_NS);
        interval.connectionsUp = connectionsUp;
        interval.connections = config.connections();
        interval.sent = sent - lastSent;
        interval.received = received - lastReceived;
        interval.errors = errors;
        lastSent = sent;
        lastReceived = received;
        lastSampleNs = nowNs;
        lastSampleEpochMs = nowEpochMs;
        final boolean emptyTail = interval.sent == 0 && interval.received == 0 &&
            interval.latency().getTotalCount() == 0 && interval.intervalNs < INTERVAL_NS / 2;
        if (null != listener && !emptyTail)
        {
            listener.onInterval(interval);
        }
    }

    /**
     * Sample the engines' CPU time at the first poll after the warm-up, then at every poll up to the first after
     * the measured part's end (or the last before the engines end).
     */
    private void markCpu(final RunTimeline timeline, final long nowNs)
    {
        if (cpuEnded || nowNs - timeline.warmupEndNs() < 0)
        {
            return;
        }
        if (meter.markCpu(nowNs, !cpuStarted))
        {
            cpuEnded = cpuStarted && nowNs - timeline.endNs() >= 0;
            cpuStarted = true;
        }
    }

    private void stamp(final Histogram histogram, final String tag, final long nowEpochMs)
    {
        histogram.setTag(tag);
        histogram.setStartTimeStamp(lastSampleEpochMs);
        histogram.setEndTimeStamp(nowEpochMs);
    }

    /** Histogram.add passes over the whole counts array, so an empty interval is not added. */
    private static void add(final Histogram interval, final Histogram into)
    {
        if (interval.getTotalCount() > 0)
        {
            into.add(interval);
        }
    }

    private static boolean anyAlive(final Thread[] threads)
    {
        for (final Thread thread : threads)
        {
            if (thread.isAlive())
            {
                return true;
            }
        }
        return false;
    }

    private static void join(final Thread[] threads)
    {
        for (final Thread thread : threads)
        {
            boolean interrupted = false;
            while (thread.isAlive())
            {
                try
                {
                    thread.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
