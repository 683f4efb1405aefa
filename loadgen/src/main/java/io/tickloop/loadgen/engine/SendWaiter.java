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
 * to the loop's consumer, in the way its {@link EngineIdle} says. Allocates nothing once its alarm has started.
 * It tells the run's {@link LoaderMeter} each gap between two looks at the sockets: how long a reply could sit
 * there unread.
 * <p>
 * {@link EngineIdle#SELECT} never spins for long. A send more than a millisecond away is waited for in a timed
 * {@code select}, which a reply ends at once. Closer than that, Java has no wait that is both precise and cut
 * short by a reply, so the waiter picks by what may happen: with no reply outstanding it parks on the thread's
 * own timer (one wake per send, as a C client's {@code epoll_pwait2} timeout); with replies outstanding it sleeps
 * in an untimed {@code select} that a {@link SelectorAlarm} ends at the send time. The alarm is set
 * {@link #SPIN_WINDOW_NS} early, since its thread's wake and the Selector's wakeup take about that long, and the
 * last stretch is polled with {@code selectNow}.
 * <p>
 * When sends come closer together than {@link #DENSE_SENDS_GAP_NS} on average, the waiter parks even with replies
 * outstanding, in slices of at most {@link #DENSE_PARK_MAX_NS}, each followed by a {@code selectNow}: a reply waits
 * at most a slice, while the alarm's thread would wake once per send and, on a machine whose cores are busy with
 * the server, preempt the server (measured at 50,000 msg/s: the echo server's involuntary context switches went
 * from ~40/s to ~2,400/s). Parking until the next send instead left a reply waiting for the gap, and with random
 * phases the gaps are random too: their p99 is ~4.6 times their mean, ~150 us at 30,000 msg/s.
 * <p>
 * The thresholds come from measurement on this project's 2-core VM (docs/benchmarks.md). With the timer slack at
 * 1 ns, as {@code bin/tickloop} sets it, {@code parkNanos} overshoots by ~15-25 us (25-60 us p99) and
 * {@code select(1)} by ~29 us (95 us p99); so a timed {@code select} ends {@link #SELECT_LEAD_NS} before a send
 * and a park {@link #PARK_LEAD_NS} early. Both leads, and the polled window, grow by the process's timer slack
 * where it is larger (Linux's default is 50 us).
 */
public final class SendWaiter implements AutoCloseable
{
    /** How far before a send a millisecond {@code select} must end: its p99 overshoot with a 1 ns slack. */
    static final long SELECT_LEAD_NS = 100_000L;
    /** The median overshoot of {@code parkNanos} with a 1 ns timer slack, taken off each park. */
    static final long PARK_LEAD_NS = 15_000L;
    /**
     * {@link EngineIdle#SELECT}: how early the alarm wakes the Selector, and the stretch before a send that is
     * polled: about what the alarm's wake and the Selector's wakeup take (measured: send lag p50 ~50 us with no
     * lead, 13-30 us with this one, at 0.15-0.2 cores for 5,000 msg/s).
     */
    static final long SPIN_WINDOW_NS = 20_000L;
    /**
     * {@link EngineIdle#SELECT}: below this mean gap between sends, the next send ends a wait soon enough to read
     * a reply without the alarm.
     */
    static final long DENSE_SENDS_GAP_NS = 50_000L;
    /**
     * {@link EngineIdle#SELECT}, sends dense, replies outstanding: the longest park before the next
     * {@code selectNow}. It bounds how late a reply that has arrived is read, for ~0.05 cores (six rounds at 30,000
     * msg/s: p99 median 0.55 ms against 0.74 parking to the send, the ranges overlapping; docs/benchmarks.md).
     */
    static final long DENSE_PARK_MAX_NS = 20_000L;
    /** The mean gap follows each new deadline with this weight (1/16): about the last 16 sends. */
    private static final int GAP_SHIFT = 4;
    /** The longest park of {@link EngineIdle#BACKOFF}. */
    public static final long BACKOFF_MAX_PARK_NS = 50_000L;
    /** The longest an engine waits with nothing to send: it times out requests and checks for a stop this often. */
    public static final long MAX_WAIT_NS = 10_000_000L;
    /** How close a send must be for the spinning strategies to poll rather than select. */
    static final long BUSY_WINDOW_NS = 2_000_000L;
    /** The alarm's {@code select} times out after this anyway, should a wakeup ever be lost. */
    private static final long ALARM_BACKSTOP_MS = 2;
    private static final long MS_NS = 1_000_000L;
    private static final long DEFAULT_TIMER_SLACK_NS = 50_000L;

    private final EngineIdle idle;
    private final LoaderMeter meter;
    private final long selectLeadNs;
    private final long parkLeadNs;
    private final long spinWindowNs;
    private final BackoffIdleStrategy backoff = new BackoffIdleStrategy(10, 5, 1_000, BACKOFF_MAX_PARK_NS);
    private SelectorAlarm alarm;
    private int lastReady;
    private long lastUntilNs;
    private long meanSendGapNs = MAX_WAIT_NS;
    /** When the engine last looked at its sockets: a poll's start, or the end of a wait that data ends; 0 before. */
    private long lastLookNs;

    /**
     * @param idle the strategy.
     * @param meter where the gaps between two looks at the sockets go.
     */
    public SendWaiter(final EngineIdle idle, final LoaderMeter meter)
    {
        this.idle = idle;
        this.meter = meter;
        final long slackNs = timerSlackNs();
        this.selectLeadNs = SELECT_LEAD_NS + slackNs;
        this.parkLeadNs = PARK_LEAD_NS + slackNs;
        this.spinWindowNs = Math.max(SPIN_WINDOW_NS + slackNs, parkLeadNs); // a park always has time left to take
    }

    /**
     * Wait for ready keys or until {@code untilNs}, whichever the strategy notices first; a key that is ready is
     * handed to {@code onReady} before this returns.
     *
     * @param selector the engine's selector, the same at every call.
     * @param onReady the engine's consumer of ready keys.
     * @param nowNs the time now.
     * @param untilNs when the engine must be back: its next send, connect or housekeeping.
     * @param awaitsData true while data may arrive before then (a reply outstanding, a server that pushes): the
     * wait must be one a read cuts short.
     * @return how many keys were handed over.
     * @throws IOException when the selector fails.
     */
    public int await(
        final Selector selector,
        final Consumer<SelectionKey> onReady,
        final long nowNs,
        final long untilNs,
        final boolean awaitsData)
        throws IOException
    {
        final long remainingNs = untilNs - nowNs;
        final long previousUntilNs = lastUntilNs;
        lastUntilNs = untilNs;
        if (untilNs - previousUntilNs > 0)
        {
            meanSendGapNs += (Math.min(untilNs - previousUntilNs, MAX_WAIT_NS) - meanSendGapNs) >> GAP_SHIFT;
        }
        if (remainingNs <= 0)
        {
            return poll(selector, onReady, nowNs, awaitsData);
        }
        if (idle == EngineIdle.SELECT)
        {
            return awaitSelecting(selector, onReady, nowNs, remainingNs, untilNs, awaitsData);
        }
        if (remainingNs > BUSY_WINDOW_NS)
        {
            return select(selector, onReady, nowNs, Math.max(1, (remainingNs - BUSY_WINDOW_NS) / MS_NS), awaitsData);
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
        return poll(selector, onReady, idle == EngineIdle.SPIN ? nowNs : System.nanoTime(), awaitsData);
    }

    private int awaitSelecting(
        final Selector selector,
        final Consumer<SelectionKey> onReady,
        final long nowNs,
        final long remainingNs,
        final long untilNs,
        final boolean awaitsData)
        throws IOException
    {
        if (awaitsData && remainingNs > spinWindowNs && remainingNs < MS_NS + selectLeadNs &&
            meanSendGapNs >= DENSE_SENDS_GAP_NS)
        {
            if (null == alarm)
            {
                alarm = new SelectorAlarm(selector, spinWindowNs, Thread.currentThread().getName() + "-alarm");
            }
            alarm.set(untilNs);
            return select(selector, onReady, nowNs, ALARM_BACKSTOP_MS, awaitsData);
        }
        if (null != alarm)
        {
            alarm.cancel(); // a deadline set for an earlier wait would end this one early
        }
        if (remainingNs >= MS_NS + selectLeadNs)
        {
            return select(selector, onReady, nowNs, (remainingNs - selectLeadNs) / MS_NS, awaitsData);
        }
        if (remainingNs > spinWindowNs)
        {
            final long parkNs = remainingNs - parkLeadNs;
            LockSupport.parkNanos(awaitsData ? Math.min(parkNs, DENSE_PARK_MAX_NS) : parkNs);
            return poll(selector, onReady, System.nanoTime(), awaitsData);
        }
        Thread.onSpinWait();
        return poll(selector, onReady, nowNs, awaitsData);
    }

    /** Look at the sockets without waiting. */
    private int poll(
        final Selector selector, final Consumer<SelectionKey> onReady, final long nowNs, final boolean awaitsData)
        throws IOException
    {
        look(nowNs, awaitsData);
        return ready(selector.selectNow(onReady));
    }

    /** Wait in the Selector, which data ends at once: the engine looks at its sockets until it returns. */
    private int select(
        final Selector selector,
        final Consumer<SelectionKey> onReady,
        final long nowNs,
        final long timeoutMs,
        final boolean awaitsData)
        throws IOException
    {
        look(nowNs, awaitsData);
        final int keys = selector.select(onReady, timeoutMs);
        lastLookNs = System.nanoTime();
        return ready(keys);
    }

    /**
     * Record the time since the engine last looked at its sockets: a reply arriving in it waited up to that long.
     * With nothing awaited now, nothing was during the gap either (a send in it would still be unanswered, as
     * replies are read only when the engine looks), so no reply waited and the gap is not recorded.
     */
    private void look(final long nowNs, final boolean awaitsData)
    {
        if (awaitsData && 0 != lastLookNs)
        {
            meter.onPollGap(nowNs - lastLookNs);
        }
        lastLookNs = nowNs;
    }

    /**
     * Stop the alarm's thread, if one was started.
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
