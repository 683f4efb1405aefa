package io.tickloop.loadgen;

import io.tickloop.cli.ByteSizes;
import io.tickloop.cli.Flags;
import io.tickloop.loadgen.engine.EngineIdle;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.PingDecoder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * The flags every measured run has, mixed into both {@code tickloop load} and {@code tickloop compare}: how long
 * it measures and warms up, the PING size, how fast it connects, the errors it tolerates, how the engine waits
 * between sends, and progress lines.
 * Each flag's bounds sit in its setter. {@code compare} has its own defaults for the run's length (its default
 * provider), since it repeats every run.
 */
public final class RunOptions
{
    /** The one flag whose default differs between {@code load} and {@code compare}. */
    public static final String DURATION = "--duration";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private long durationMs;
    private long warmupMs;
    private int messageSize;
    private int connectRatePerSecond;
    private long maxErrors;

    @Option(names = "--quiet", order = 91,
        description = "No progress line each second (compare: one line per run instead).")
    private boolean quiet;

    @Option(names = "--idle", order = 25, defaultValue = "select", paramLabel = "STRATEGY",
        description = "How the engine waits between sends, of ${COMPLETION-CANDIDATES}. select sleeps until a " +
            "send in a wait a reply ends at once (the selector, woken at the send time by an alarm thread; with " +
            "sends under 50 us apart, parks of at most 20 us, as the next send comes soon anyway) and polls " +
            "only the last 20 us: for a machine whose cores the server shares. spin busy-polls while a " +
            "send is due within 2 ms: only with cores to spare and the server pinned elsewhere (compare --pin), " +
            "otherwise it is preempted for whole scheduler slices and takes the server's core. yield spins with " +
            "Thread.yield(); backoff spins, yields, then parks up to 50 us (Agrona's BackoffIdleStrategy). " +
            "Default: ${DEFAULT-VALUE}.")
    private EngineIdle idle;

    @Option(names = DURATION, order = 20, defaultValue = "10s", paramLabel = "DURATION",
        description = "Measured time of each run, after its warm-up (such as 30s, 2m). Default: ${DEFAULT-VALUE}.")
    void duration(final Duration duration)
    {
        durationMs = Flags.atLeastMs(spec, DURATION, duration.toMillis(), 1);
    }

    @Option(names = "--warmup", order = 21, defaultValue = "5s", paramLabel = "DURATION",
        description = "Warm-up first, including the connection ramp (compare stretches it to cover the ramp); " +
            "its samples are kept out of the result. A new load generator's JIT takes about 5 s to settle (after " +
            "2 s its p99.9 was 2-3 times the settled one); compare's engine stays in one JVM across its runs. " +
            "Default: ${DEFAULT-VALUE}.")
    void warmup(final Duration warmup)
    {
        warmupMs = Flags.atLeastMs(spec, "--warmup", warmup.toMillis(), 0);
    }

    @Option(names = "--size", order = 22, defaultValue = "64", paramLabel = "BYTES", converter = ByteSizes.class,
        description = "PING frame length, header included (" + PingDecoder.MIN_FRAME_LENGTH + ".." +
            FrameDescriptor.MAX_FRAME_LENGTH_LIMIT + "). Default: ${DEFAULT-VALUE}.")
    void size(final int size)
    {
        messageSize = Flags.range(spec, "--size", size, PingDecoder.MIN_FRAME_LENGTH,
            FrameDescriptor.MAX_FRAME_LENGTH_LIMIT);
    }

    @Option(names = "--connect-rate", order = 23, defaultValue = "5000", paramLabel = "CONNS_PER_S",
        description = "New connections started per second. Default: ${DEFAULT-VALUE}.")
    void connectRate(final int connectRate)
    {
        connectRatePerSecond = Flags.atLeast(spec, "--connect-rate", connectRate, 1);
    }

    @Option(names = "--max-errors", order = 24, defaultValue = "0", paramLabel = "N",
        description = "Errors of all kinds a run may have before it fails (load: exit 1; compare: reported as " +
            "'errors'); the default 0 fails a run with any error, since its figures are then suspect. " +
            "Default: ${DEFAULT-VALUE}.")
    void maxErrors(final long maxErrors)
    {
        this.maxErrors = Flags.atLeast(spec, "--max-errors", maxErrors, 0);
    }

    /**
     * @return how long the measured part of a run lasts.
     */
    public long durationMs()
    {
        return durationMs;
    }

    /**
     * @return how long the warm-up before it lasts.
     */
    public long warmupMs()
    {
        return warmupMs;
    }

    /**
     * @return the PING frame length in bytes, header included.
     */
    public int messageSize()
    {
        return messageSize;
    }

    /**
     * @return new connections started per second.
     */
    public int connectRatePerSecond()
    {
        return connectRatePerSecond;
    }

    /**
     * @return errors tolerated before a run fails.
     */
    public long maxErrors()
    {
        return maxErrors;
    }

    /**
     * @return how the engine threads wait between sends.
     */
    public EngineIdle idle()
    {
        return idle;
    }

    /**
     * @return true for no progress line each second.
     */
    public boolean isQuiet()
    {
        return quiet;
    }
}
