package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.LoaderMeter;
import io.tickloop.loadgen.report.HlogIntervalLog;
import io.tickloop.loadgen.report.RunFilesWriter;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One game load run: starts the {@link BotLoop} on its own thread, takes an interval of every metric each
 * second (a progress line, and the measured intervals into {@code run.hlog} tagged {@code input},
 * {@code chat} and {@code state-interval}), keeps warm-up intervals out of the totals, and stops after the
 * warm-up and the duration. The bots' thread only sends, reads and records: interval swaps, the progress line, the
 * {@code .hlog} and the samples of its CPU time ({@link LoaderMeter}) are taken on the thread that calls
 * {@link #run}.
 */
public final class GameLoadRun
{
    /** The bot loop's thread name. */
    public static final String THREAD_NAME = "tickloop-bots";
    static final String[] TAGS = {"input", "chat", "state-interval"};

    private final GameLoadConfig config;
    private final BotMetrics metrics = new BotMetrics();
    private final LoaderMeter meter = new LoaderMeter();
    private final Histogram[] totals = {BotMetrics.newHistogram(), BotMetrics.newHistogram(), BotMetrics.newHistogram()};
    private final Histogram[] intervals = new Histogram[3];
    private volatile boolean stopRequested;

    /**
     * @param config the validated configuration.
     */
    public GameLoadRun(final GameLoadConfig config)
    {
        this.config = config;
    }

    /**
     * Stop early (SIGINT): the run ends at its next interval and reports what it measured. Any thread.
     */
    public void requestStop()
    {
        stopRequested = true;
    }

    /**
     * Run to the end.
     *
     * @param console where progress lines go, or null for none.
     * @param hlog where measured intervals go, or null for none.
     * @return the result.
     * @throws IOException when the bots' thread failed (its selector could not be opened).
     */
    public GameLoadResult run(final PrintStream console, final HlogIntervalLog hlog) throws IOException
    {
        final long startNs = System.nanoTime();
        final long startEpochMs = System.currentTimeMillis();
        final long warmupEndNs = startNs + TimeUnit.MILLISECONDS.toNanos(config.warmupMs());
        final long endNs = warmupEndNs + TimeUnit.MILLISECONDS.toNanos(config.durationMs());
        final BotLoop loop = new BotLoop(config, metrics, meter, startNs, endNs);
        final Thread thread = new Thread(loop, THREAD_NAME);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        thread.setUncaughtExceptionHandler((failed, ex) -> failure.set(ex));
        meter.engines(thread);
        thread.start();
        meter.markCpu(startNs, true);
        final Counts measuredStart = new Counts();
        final Counts measuredEnd = new Counts();
        final Counts previous = new Counts();
        long measuredStartNs = startNs;
        long measuredEndNs = startNs;
        try
        {
            long nextIntervalNs = startNs + TimeUnit.SECONDS.toNanos(1);
            boolean warm = config.warmupMs() == 0;
            if (warm)
            {
                measuredStart.take(metrics);
            }
            while (!stopRequested && System.nanoTime() - endNs < 0)
            {
                sleepUntil(Math.min(nextIntervalNs, endNs));
                final long nowNs = System.nanoTime();
                takeIntervals(warm, hlog);
                if (null != console)
                {
                    console.println(progressLine(nowNs - startNs, previous));
                }
                if (!warm && nowNs - warmupEndNs >= 0)
                {
                    // Measuring starts at this interval's boundary, the first after the warm-up's end.
                    warm = true;
                    measuredStartNs = nowNs;
                    measuredStart.take(metrics);
                    meter.markCpu(nowNs, true);
                }
                nextIntervalNs += TimeUnit.SECONDS.toNanos(1);
            }
            takeIntervals(true, hlog);
            // The measured part ends here: the bots' stop and close that follow are not part of it.
            measuredEndNs = System.nanoTime();
            measuredEnd.take(metrics);
            meter.markCpu(measuredEndNs, false);
        }
        finally
        {
            loop.requestStop();
            joinUninterruptibly(thread);
        }
        if (null != failure.get())
        {
            throw new IOException("the bots' thread failed: " + failure.get(), failure.get());
        }
        final long measuredNs = Math.max(1, measuredEndNs - measuredStartNs);
        final long measureStartEpochMs = startEpochMs + (measuredStartNs - startNs) / 1_000_000;
        return new GameLoadResult(config, startEpochMs, measureStartEpochMs, measuredNs, totals, measuredStart,
            measuredEnd,
            metrics.connected.get(), stopRequested, meter.figures(), metrics.wsFirstFailure.get());
    }

    private void takeIntervals(final boolean measured, final HlogIntervalLog hlog)
    {
        final Recorder[] recorders = {metrics.inputLatency, metrics.chatLatency, metrics.stateInterval};
        for (int i = 0; i < recorders.length; i++)
        {
            intervals[i] = recorders[i].getIntervalHistogram(intervals[i]);
            if (measured)
            {
                totals[i].add(intervals[i]);
                if (null != hlog)
                {
                    intervals[i].setTag(TAGS[i]);
                    hlog.add(intervals[i]);
                }
            }
        }
        meter.sample(measured);
    }

    private String progressLine(final long elapsedNs, final Counts previous)
    {
        final Counts now = new Counts().take(metrics);
        final String line = String.format(
            "%5.1fs bots=%d/%d joined=%d moves/s=%d states/s=%d state=%.1fMB/s chats/s=%d/%d " +
            "input p50=%s p99=%s max=%s chat p99=%s state-interval p99=%s errors=%d",
            elapsedNs / 1e9, metrics.connected.get(), config.bots(), now.joined, now.moves - previous.moves,
            now.states - previous.states, (now.stateBytes - previous.stateBytes) / 1e6,
            now.chatsSent - previous.chatsSent, now.chatsReceived - previous.chatsReceived,
            GameLoadResult.ms(intervals[0], 50), GameLoadResult.ms(intervals[0], 99),
            GameLoadResult.ms(intervals[0], 100), GameLoadResult.ms(intervals[1], 99),
            GameLoadResult.ms(intervals[2], 99), now.errors);
        previous.copy(now);
        return line;
    }

    private static void sleepUntil(final long deadlineNs)
    {
        long remainingNs;
        while ((remainingNs = deadlineNs - System.nanoTime()) > 0)
        {
            try
            {
                TimeUnit.NANOSECONDS.sleep(remainingNs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void joinUninterruptibly(final Thread thread)
    {
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ignore)
            {
                // the bots must stop before the run reports
            }
        }
    }

    /**
     * Write the result's files: one {@code .hgrm} per metric (microseconds) and {@code summary.json}.
     *
     * @param result of the run.
     * @param directory to write into; created when missing.
     * @throws IOException when a file cannot be written.
     */
    public static void writeFiles(final GameLoadResult result, final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        for (int i = 0; i < TAGS.length; i++)
        {
            RunFilesWriter.writeHgrm(result.histogram(i), directory.resolve(TAGS[i] + ".hgrm"));
        }
        Files.writeString(directory.resolve("summary.json"), result.summaryJson(), StandardCharsets.UTF_8);
    }

    /** A snapshot of the counters. */
    static final class Counts
    {
        long moves;
        long chatsSent;
        long chatsReceived;
        long states;
        long stateBytes;
        long joined;
        long unsent;
        long errors;
        long kicks;
        long seqBackwards;
        long statesLost;
        long noUdp;
        long wsHandshakeFailures;
        long wsUpgrades;
        long wsUpgradeNs;
        long wsCloses;

        Counts take(final BotMetrics metrics)
        {
            moves = metrics.movesSent.get();
            chatsSent = metrics.chatsSent.get();
            chatsReceived = metrics.chatsReceived.get();
            states = metrics.states.get();
            stateBytes = metrics.stateBytes.get();
            joined = metrics.joined.get();
            unsent = metrics.unsent.get();
            errors = metrics.errors.get();
            kicks = metrics.kicks.get();
            seqBackwards = metrics.seqBackwards.get();
            statesLost = metrics.statesLost.get();
            noUdp = metrics.noUdp.get();
            wsHandshakeFailures = metrics.wsHandshakeFailures.get();
            wsUpgrades = metrics.wsUpgrades.get();
            wsUpgradeNs = metrics.wsUpgradeNs.get();
            wsCloses = metrics.wsCloses.get();
            return this;
        }

        void copy(final Counts other)
        {
            moves = other.moves;
            chatsSent = other.chatsSent;
            chatsReceived = other.chatsReceived;
            states = other.states;
            stateBytes = other.stateBytes;
            joined = other.joined;
            unsent = other.unsent;
            errors = other.errors;
            kicks = other.kicks;
            seqBackwards = other.seqBackwards;
            statesLost = other.statesLost;
            noUdp = other.noUdp;
            wsHandshakeFailures = other.wsHandshakeFailures;
            wsUpgrades = other.wsUpgrades;
            wsUpgradeNs = other.wsUpgradeNs;
            wsCloses = other.wsCloses;
        }
    }
}
