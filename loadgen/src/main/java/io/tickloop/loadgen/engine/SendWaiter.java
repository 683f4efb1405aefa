package io.tickloop.loadgen.engine;

import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Waits on an engine thread's Selector until its next send is due, handing the keys that become ready meanwhile
 * to the loop's consumer, in the way its {@link EngineIdle} says. Allocates nothing.
 * <p>
 * The thresholds come from measurement on a 2-core Linux machine (a parkNanos and select(1) loop, 3,000 waits):
 * with the default 50 us timer slack {@code parkNanos} overshoots by ~72 us at the median (95 us p99) and
 * {@code select(1)} by ~77 us (200 us p99); with the timer slack at 1 ns, as {@code bin/tickloop} sets it,
 * {@code parkNanos} overshoots by ~15-25 us (25-60 us p99) and {@code select(1)} by ~29 us (95 us p99). So
 * {@link EngineIdle#SELECT} stops selecting {@link #SELECT_LEAD_NS} before a send and parks for what is left less
 * the expected overshoot, {@link #PARK_LEAD_NS}; both leads grow by the process's timer slack (1 ns under the
 * launcher, so by nothing that matters).
 */
public final class SendWaiter implements AutoCloseable
{
    /** How far before a send a millisecond {@code select} must end: its p99 overshoot with a 1 ns slack. */
    static final long SELECT_LEAD_NS = 100_000L;
    /** The median overshoot of {@code parkNanos} with a 1 ns timer slack, taken off each park. */
    static final long PARK_LEAD_NS = 15_000L;
    /** The longest park before a {@code selectNow}: a ready reply waits at most about this long to be read. */
    public static final long PARK_SLICE_NS = 50_000L;
    /** The longest an engine waits with nothing to send: it times out requests and checks for a stop this often. */
    public static final long MAX_WAIT_NS = 10_000_000L;
    /** How close a send must be for the spinning strategies to poll rather than select. */
    static final long SPIN_WINDOW_NS = 2_000_000L;
    private static final long MS_NS = 1_000_000L;
    private static final long DEFAULT_TIMER_SLACK_NS = 50_000L;

    private final EngineIdle idle;
    private final long selectLeadNs;
    private final long parkLeadNs;
    private final BackoffIdleStrategy backoff = new BackoffIdleStrategy(10, 5, 1_000, PARK_SLICE_NS);
    private int lastReady;
    private long lastUntilNs;
    private SelectorAlarm alarm;
    static final boolean SLICES = Boolean.getBoolean("tickloop.slices");
    static final long ALARM_LEAD_NS = Long.getLong("tickloop.alarmLead", 0);
    private static final long ALARM_BACKSTOP_MS = 2;

    /**
     * @param idle the strategy.
     */
    public SendWaiter(final EngineIdle idle)
    {
        this.idle = idle;
        final long slackNs = timerSlackNs();
        this.selectLeadNs = SELECT_LEAD_NS + slackNs;
        this.parkLeadNs = PARK_LEAD_NS + slackNs;
    }

    /**
     * Wait for ready keys or until {@code untilNs}, whichever the strategy notices first; a key that is ready is
     * handed to {@code onReady} before this returns.
     *
     * @param selector the engine's selector.
     * @param onReady the engine's consumer of ready keys.
     * @param nowNs the time now.
     * @param untilNs when the engine must be back: its next send, connect or housekeeping.
     * @return how many keys were handed over.
     * @throws IOException when the selector fails.
     */
    public int await(
        final Selector selector, final Consumer<SelectionKey> onReady, final long nowNs, final long untilNs)
        throws IOException
    {
        final long remainingNs = untilNs - nowNs;
        final long previousUntilNs = lastUntilNs;
        lastUntilNs = untilNs;
        if (remainingNs <= 0)
        {
            return ready(selector.selectNow(onReady));
        }
        if (idle == EngineIdle.SELECT)
        {
            if (remainingNs >= MS_NS + selectLeadNs)
            {
                return ready(selector.select(onReady, (remainingNs - selectLeadNs) / MS_NS));
            }
            if (SLICES)
            {
                LockSupport.parkNanos(Math.max(1, Math.min(remainingNs - parkLeadNs, PARK_SLICE_NS)));
                return ready(selector.selectNow(onReady));
            }
            if (remainingNs <= ALARM_LEAD_NS)
            {
                Thread.onSpinWait();
                return ready(selector.selectNow(onReady));
            }
            if (null == alarm)
            {
                alarm = new SelectorAlarm(selector, ALARM_LEAD_NS, Thread.currentThread().getName() + "-alarm");
            }
            alarm.set(untilNs);
            return ready(selector.select(onReady, ALARM_BACKSTOP_MS));
        }
        if (remainingNs > SPIN_WINDOW_NS)
        {
            return ready(selector.select(onReady, Math.max(1, (remainingNs - SPIN_WINDOW_NS) / MS_NS)));
        }
        if (idle == EngineIdle.YIELD)
        {
            Thread.yield();
        }
        else if (idle == EngineIdle.BACKOFF)
        {
            // A new deadline means the engine sent (or connected) since the last wait: work, as a reply is.
            backoff.idle(untilNs != previousUntilNs ? 1 : lastReady);
        }
        return ready(selector.selectNow(onReady));
    }

    /**
     * Stop the alarm thread, if one was started.
     */
    @Override
    public void close()
    {
        if (null != alarm)
        {
            alarm.close();
        }
    }

    private int ready(final int keys)
    {
        lastReady = keys;
        return keys;
    }

    /**
     * @return this process's timer slack (Linux), which every {@code parkNanos} may overshoot by; 50 us when it
     * cannot be read.
     */
    static long timerSlackNs()
    {
        try
        {
            return Long.parseLong(Files.readString(Path.of("/proc/self/timerslack_ns")).trim());
        }
        catch (final IOException | RuntimeException ex)
        {
            return DEFAULT_TIMER_SLACK_NS;
        }
    }
}
