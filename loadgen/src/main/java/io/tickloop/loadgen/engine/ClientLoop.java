package io.tickloop.loadgen.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * One engine thread: owns a Selector, its share of the connections and its recorders. Opens connections at the
 * ramp rate ({@link Connector}), sends PINGs on each connection's schedule (open loop) or keeps {@code pipeline} in flight (closed
 * loop), checks every reply and records latency from the intended send time and service time from the write.
 * <p>
 * Between the ramp and the close the loop allocates nothing: ready keys arrive through a consumer held in a
 * field, frames are built in one direct buffer ({@link PingWriter}) and read and checked from another
 * ({@link ReplyChecker}), per-connection state lives in {@link ClientSession}, and {@link SendSchedule} says
 * when each frame is due.
 * <p>
 * Connections wait for their next send on a {@link SendWheel}, so a pass touches only the due ones. Between
 * passes the loop waits for its next send or connect, reading replies meanwhile, as its {@link SendWaiter} does
 * ({@code --idle}); each send's lag behind its intended time goes to the run's {@link LoaderMeter}.
 */
final class ClientLoop implements Runnable
{
    /** The largest latency recorded; longer values are recorded as this. */
    static final long HIGHEST_TRACKABLE_NS = 120_000_000_000L;
    /** The smallest latency told apart: one microsecond. */
    static final long LOWEST_DISCERNIBLE_NS = 1_000L;
    static final int SIGNIFICANT_DIGITS = 3;
    private static final long DRAIN_GRACE_NS = 50_000_000L;
    private static final long CHECK_INTERVAL_NS = 10_000_000L;

    private final ClientSession[] sessions;
    private final boolean openLoop;
    private final double connectIntervalNs;
    private final long timeoutNs;
    private final long startNs;
    private final long endNs;
    private final LoadCounters counters;
    private final SendSchedule schedule;
    private final Connector connector;
    private final PingWriter pings;
    private final ReplyChecker replies;
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final SendWheel.DueHandler onDue = this::onDue;
    private final SendWheel wheel;
    private final SendWaiter waiter;

    private Selector selector;
    private int opened;
    private long nowNs;
    private volatile boolean stopRequested;

    ClientLoop(
        final LoadConfig config,
        final ClientShare share,
        final RunTimeline timeline,
        final ClientRecorders recorders,
        final LoadCounters counters,
        final LoaderMeter meter)
    {
        this.sessions = new ClientSession[share.connections()];
        this.openLoop = config.isOpenLoop();
        this.connectIntervalNs = 1e9 / share.connectRatePerSecond();
        this.timeoutNs = config.timeoutMs() * 1_000_000L;
        this.startNs = timeline.startNs();
        this.endNs = timeline.endNs();
        this.counters = counters;
        this.schedule = new SendSchedule(openLoop, share, config.pipeline(), endNs);
        this.connector = new Connector(config, share.firstConnectionIndex(), schedule.writeTimesCapacity(), counters);
        this.pings = new PingWriter(schedule, config.messageSize(), timeline, counters, meter);
        this.replies = new ReplyChecker(schedule, config.messageSize(), timeline.warmupEndNs(), recorders, counters);
        this.wheel = new SendWheel(share.connections(), startNs);
        this.waiter = new SendWaiter(config.idle());
    }

    /**
     * Ask the loop to stop sending and close soon; safe from any thread.
     */
    void requestStop()
    {
        stopRequested = true;
    }

    @Override
    public void run()
    {
        try (Selector selector = Selector.open())
        {
            this.selector = selector;
            loop();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            closeAll();
        }
    }

    private void loop() throws IOException
    {
        long nextCheckNs = nowNs = System.nanoTime();
        boolean idle = false;
        while (true)
        {
            nowNs = System.nanoTime();
            final boolean ramping = opened < sessions.length && nowNs - endNs < 0 && !stopRequested;
            if (ramping)
            {
                openConnections();
            }
            if (openLoop)
            {
                wheel.expire(nowNs, onDue);
            }
            if (nowNs - nextCheckNs >= 0)
            {
                idle = checkTimeouts();
                nextCheckNs = nowNs + CHECK_INTERVAL_NS;
            }
            if (isDone(idle))
            {
                return;
            }
            waiter.await(selector, onReady, System.nanoTime(), wakeNs(ramping));
        }
    }

    /**
     * @return when the loop must be back: its next send, its next connect while ramping, or housekeeping.
     */
    private long wakeNs(final boolean ramping)
    {
        long wakeNs = openLoop ? wheel.nextDeadlineNs(nowNs, SendWaiter.MAX_WAIT_NS) : nowNs + SendWaiter.MAX_WAIT_NS;
        if (ramping)
        {
            wakeNs = Math.min(wakeNs, startNs + (long)(opened * connectIntervalNs));
        }
        return wakeNs;
    }

    private boolean isDone(final boolean idle)
    {
        if (stopRequested)
        {
            return true;
        }
        if (opened == sessions.length && counters.value(LoadCounters.CONNECTIONS_UP) == 0 && noneConnecting())
        {
            return true;
        }
        return nowNs - endNs >= 0 && (idle || nowNs - endNs >= timeoutNs + DRAIN_GRACE_NS);
    }

    private boolean noneConnecting()
    {
        for (int i = 0; i < opened; i++)
        {
            final ClientSession session = sessions[i];
            if (null != session && session.state == ClientSession.CONNECTING)
            {
                return false;
            }
        }
        return true;
    }

    private void openConnections()
    {
        final long allowed = Math.min(sessions.length, (long)((nowNs - startNs) / connectIntervalNs) + 1);
        while (opened < allowed)
        {
            final int index = opened++;
            final ClientSession session = connector.open(selector, index, nowNs);
            sessions[index] = session;
            if (null != session && session.channel.isConnected())
            {
                onConnected(session);
            }
        }
    }

    private void onConnected(final ClientSession session)
    {
        session.state = ClientSession.UP;
        counters.increment(LoadCounters.CONNECTED);
        counters.increment(LoadCounters.CONNECTIONS_UP);
        if (openLoop)
        {
            schedule.start(session, nowNs);
            reschedule(session);
        }
        else
        {
            flush(session);
        }
    }

    /**
     * Time out stale requests and connects; every {@link #CHECK_INTERVAL_NS}.
     *
     * @return true when the run is over and no request is outstanding or still to send.
     */
    private boolean checkTimeouts()
    {
        boolean busy = nowNs - endNs < 0;
        for (int i = 0; i < opened; i++)
        {
            final ClientSession session = sessions[i];
            if (null == session || session.state == ClientSession.CLOSED)
            {
                continue;
            }
            if (session.state == ClientSession.CONNECTING)
            {
                if (nowNs - session.connectStartNs > timeoutNs)
                {
                    counters.error(ErrorKind.CONNECT);
                    close(session);
                }
                continue;
            }
            if (session.writeSeq > session.receiveSeq &&
                nowNs - session.writeTimesNs[(int)session.receiveSeq & session.writeTimesMask] > timeoutNs)
            {
                fail(session, ErrorKind.TIMEOUT);
                continue;
            }
            busy |= session.hasOutstanding() || (openLoop && session.writeSeq < session.seqLimit);
        }
        return !busy;
    }

    private void onDue(final int index)
    {
        final ClientSession session = sessions[index];
        if (session.state == ClientSession.UP && !session.writeBlocked)
        {
            flush(session);
        }
        reschedule(session);
    }

    /**
     * Open loop: put the connection on the wheel at the intended time of its next frame, unless it cannot send
     * then anyway (socket full, too many outstanding, schedule done); whatever unblocks it reschedules it.
     */
    private void reschedule(final ClientSession session)
    {
        if (!openLoop)
        {
            return;
        }
        if (session.state == ClientSession.UP && !session.writeBlocked && session.writeOffset == 0 &&
            session.writeSeq < session.seqLimit &&
            session.writeSeq - session.receiveSeq < session.writeTimesNs.length)
        {
            wheel.schedule(session.index, schedule.intendedNs(session, session.writeSeq));
        }
        else
        {
            wheel.cancel(session.index);
        }
    }

    private void flush(final ClientSession session)
    {
        if (!pings.write(session, schedule.dueSeq(session, nowNs, stopRequested)))
        {
            fail(session, ErrorKind.CLOSED);
        }
    }

    private void onReady(final SelectionKey key)
    {
        final ClientSession session = (ClientSession)key.attachment();
        if (!key.isValid() || session.state == ClientSession.CLOSED)
        {
            return;
        }
        nowNs = System.nanoTime();
        final int readyOps = key.readyOps();
        if ((readyOps & SelectionKey.OP_CONNECT) != 0)
        {
            if (connector.finish(session))
            {
                onConnected(session);
            }
            return;
        }
        if ((readyOps & SelectionKey.OP_READ) != 0)
        {
            read(session);
        }
        if (session.state == ClientSession.UP && (readyOps & SelectionKey.OP_WRITE) != 0)
        {
            session.writeBlocked = false;
            flush(session);
            reschedule(session);
        }
    }

    private void read(final ClientSession session)
    {
        final ErrorKind error = replies.read(session, nowNs);
        if (null != error)
        {
            fail(session, error);
            return;
        }
        if (!openLoop)
        {
            flush(session);
        }
        else if (!wheel.isScheduled(session.index))
        {
            reschedule(session);
        }
    }

    private void fail(final ClientSession session, final ErrorKind kind)
    {
        counters.error(kind);
        close(session);
    }

    private void close(final ClientSession session)
    {
        wheel.cancel(session.index);
        if (session.state == ClientSession.UP)
        {
            counters.add(LoadCounters.CONNECTIONS_UP, -1);
        }
        session.state = ClientSession.CLOSED;
        if (null != session.key)
        {
            session.key.cancel();
        }
        Connector.closeQuietly(session.channel);
    }

    private void closeAll()
    {
        nowNs = System.nanoTime();
        for (int i = 0; i < opened; i++)
        {
            final ClientSession session = sessions[i];
            if (null == session || session.state == ClientSession.CLOSED)
            {
                continue;
            }
            if (session.state == ClientSession.UP && openLoop)
            {
                counters.add(LoadCounters.UNSENT, Math.max(0, schedule.scheduledBy(session, nowNs) - session.writeSeq));
            }
            close(session);
        }
    }
}
