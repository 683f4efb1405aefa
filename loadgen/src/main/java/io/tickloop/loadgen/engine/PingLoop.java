package io.tickloop.loadgen.engine;

import java.nio.channels.SocketChannel;

/**
 * The PING driver of an {@link EngineLoop}: sends PINGs on each connection's schedule (open loop) or keeps
 * {@code pipeline} in flight (closed loop), checks every reply and records latency from the intended send time
 * and service time from the write.
 * <p>
 * Frames are built in one direct buffer ({@link PingWriter}) and read and checked from another
 * ({@link ReplyChecker}), per-connection state lives in {@link ClientSession}, and {@link SendSchedule} says
 * when each frame is due. Open loop, connections wait for their next send on a {@link SendWheel}, so a pass
 * touches only the due ones; each send's lag behind its intended time goes to the run's {@link LoaderMeter}.
 */
final class PingLoop extends EngineLoop<ClientSession>
{
    /** The largest latency recorded; longer values are recorded as this. */
    static final long HIGHEST_TRACKABLE_NS = 120_000_000_000L;
    /** The smallest latency told apart: one microsecond. */
    static final long LOWEST_DISCERNIBLE_NS = 1_000L;
    static final int SIGNIFICANT_DIGITS = 3;
    /** How long after the run's end (and the reply timeout) outstanding replies are still read. */
    private static final long DRAIN_GRACE_NS = 50_000_000L;

    private final boolean openLoop;
    private final int messageSize;
    private final long timeoutNs;
    private final LoadCounters counters;
    private final SendSchedule schedule;
    private final PingWriter pings;
    private final ReplyChecker replies;
    private final SendWheel.DueHandler onDue = this::onDue;
    private final SendWheel wheel;
    /** PINGs sent on connections that closed before their replies came: never coming. */
    private long abandoned;

    PingLoop(
        final LoadConfig config,
        final ClientShare share,
        final RunTimeline timeline,
        final ClientRecorders recorders,
        final LoadCounters counters,
        final LoaderMeter meter)
    {
        super(new ClientSession[share.connections()], settings(config, share, timeline), meter);
        this.openLoop = config.isOpenLoop();
        this.messageSize = config.messageSize();
        this.timeoutNs = config.timeoutMs() * 1_000_000L;
        this.counters = counters;
        this.schedule = new SendSchedule(openLoop, share, config.pipeline(), timeline.endNs());
        this.pings = new PingWriter(schedule, config.messageSize(), timeline, counters, meter);
        this.replies = new ReplyChecker(schedule, config.messageSize(), timeline.warmupEndNs(), recorders, counters);
        this.wheel = new SendWheel(share.connections(), timeline.startNs());
    }

    private static EngineSettings settings(final LoadConfig config, final ClientShare share, final RunTimeline timeline)
    {
        final long timeoutNs = config.timeoutMs() * 1_000_000L;
        return new EngineSettings(config.target(), config.effectiveSourceAddresses(), share.firstConnectionIndex(),
            share.connectRatePerSecond(), timeoutNs, config.idle(), timeline.startNs(), timeline.endNs(),
            timeoutNs + DRAIN_GRACE_NS);
    }

    @Override
    protected ClientSession newConnection(final int index, final SocketChannel channel)
    {
        return new ClientSession(index, channel, messageSize, schedule.writeTimesCapacity());
    }

    @Override
    protected void onConnected(final ClientSession session)
    {
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

    @Override
    protected long sendDue()
    {
        if (!openLoop)
        {
            return Long.MAX_VALUE;
        }
        wheel.expire(nowNs, onDue);
        return wheel.nextDeadlineNs(nowNs, SendWaiter.MAX_WAIT_NS);
    }

    @Override
    protected boolean awaitsData()
    {
        return !openLoop || counters.value(LoadCounters.SENT) - counters.value(LoadCounters.RECEIVED) > abandoned;
    }

    @Override
    protected boolean check(final ClientSession session)
    {
        if (session.writeSeq > session.receiveSeq &&
            nowNs - session.writeTimesNs[(int)session.receiveSeq & session.writeTimesMask] > timeoutNs)
        {
            fail(session, ErrorKind.TIMEOUT);
            return false;
        }
        return session.hasOutstanding() || (openLoop && session.writeSeq < session.seqLimit);
    }

    private void onDue(final int index)
    {
        final ClientSession session = connections[index];
        if (session.isUp() && !session.writeBlocked)
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
        if (session.isUp() && !session.writeBlocked && session.writeOffset == 0 &&
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
        if (!pings.write(session, schedule.dueSeq(session, nowNs, isStopRequested())))
        {
            fail(session, ErrorKind.CLOSED);
        }
    }

    @Override
    protected void onWritable(final ClientSession session)
    {
        session.writeBlocked = false;
        flush(session);
        reschedule(session);
    }

    @Override
    protected void onReadable(final ClientSession session)
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

    @Override
    protected void onError(final ErrorKind kind)
    {
        counters.error(kind);
    }

    @Override
    protected void onClosed(final ClientSession session, final boolean wasUp, final boolean runEnded)
    {
        wheel.cancel(session.index);
        abandoned += session.writeSeq - session.receiveSeq;
        if (wasUp)
        {
            counters.add(LoadCounters.CONNECTIONS_UP, -1);
            if (runEnded && openLoop)
            {
                counters.add(LoadCounters.UNSENT, Math.max(0, schedule.scheduledBy(session, nowNs) - session.writeSeq));
            }
        }
    }
}
