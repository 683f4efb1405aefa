package io.tickloop.loadgen.engine;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.PingDecoder;
import io.tickloop.protocol.PingEncoder;
import org.HdrHistogram.Recorder;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One engine thread: owns a Selector, its share of the connections and its recorders. Opens connections at the
 * ramp rate, sends PINGs on each connection's schedule (open loop) or keeps {@code pipeline} in flight (closed
 * loop), checks every reply and records latency from the intended send time and service time from the write.
 * <p>
 * Between the ramp and the close the loop allocates nothing: ready keys arrive through a consumer held in a
 * field, frames are built in one direct buffer and read from another, per-connection state lives in
 * {@link ClientSession}.
 * <p>
 * Connections wait for their next send on a {@link SendWheel}, so a pass touches only the due ones. The loop
 * spins on {@code selectNow} while a send is due within {@link #SPIN_THRESHOLD_NS}, so sends leave on time;
 * otherwise it blocks in {@code select} for a millisecond or more.
 */
final class ClientLoop implements Runnable
{
    /** The largest latency recorded; longer values are recorded as this. */
    static final long HIGHEST_TRACKABLE_NS = 120_000_000_000L;
    /** The smallest latency told apart: one microsecond. */
    static final long LOWEST_DISCERNIBLE_NS = 1_000L;
    static final int SIGNIFICANT_DIGITS = 3;
    static final long SPIN_THRESHOLD_NS = 2_000_000L;
    private static final long MAX_SELECT_MS = 10;
    private static final long DRAIN_GRACE_NS = 50_000_000L;
    private static final int BUFFER_CAPACITY = 64 * 1024;
    private static final long MAX_SELECT_NS = MAX_SELECT_MS * 1_000_000L;
    private static final long CHECK_INTERVAL_NS = 10_000_000L;

    private final InetSocketAddress target;
    private final List<InetAddress> sourceAddresses;
    private final int firstConnectionIndex;
    private final ClientSession[] sessions;
    private final boolean openLoop;
    private final double intervalNs;
    private final int pipeline;
    private final int messageSize;
    private final int writeTimesCapacity;
    private final double connectIntervalNs;
    private final long timeoutNs;
    private final long startNs;
    private final long warmupEndNs;
    private final long endNs;
    private final Recorder latency;
    private final Recorder service;
    private final Recorder warmupLatency;
    private final Recorder warmupService;
    private final LoadCounters counters;
    private final SplittableRandom random;

    private final ByteBuffer writeBuffer;
    private final UnsafeBuffer writeFrames;
    private final int framesPerWrite;
    private final ByteBuffer readBuffer;
    private final UnsafeBuffer readFrames;
    private final PingEncoder encoder = new PingEncoder();
    private final PingDecoder decoder = new PingDecoder();
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final FrameHandler onFrame = this::onFrame;
    private final SendWheel.DueHandler onDue = this::onDue;
    private final SendWheel wheel;

    private Selector selector;
    private int opened;
    private long nowNs;
    private ClientSession current;
    private volatile boolean stopRequested;

    ClientLoop(
        final LoadConfig config,
        final ClientShare share,
        final RunTimeline timeline,
        final ClientRecorders recorders,
        final LoadCounters counters)
    {
        this.target = config.target();
        this.sourceAddresses = config.effectiveSourceAddresses();
        this.firstConnectionIndex = share.firstConnectionIndex();
        this.sessions = new ClientSession[share.connections()];
        this.openLoop = config.isOpenLoop();
        this.intervalNs = openLoop ? 1e9 * share.connections() / share.ratePerSecond() : 0;
        this.pipeline = config.pipeline();
        this.messageSize = config.messageSize();
        this.writeTimesCapacity = writeTimesCapacity(openLoop, intervalNs, pipeline);
        this.connectIntervalNs = 1e9 / share.connectRatePerSecond();
        this.timeoutNs = config.timeoutMs() * 1_000_000L;
        this.startNs = timeline.startNs();
        this.warmupEndNs = timeline.warmupEndNs();
        this.endNs = timeline.endNs();
        this.latency = recorders.latency();
        this.service = recorders.service();
        this.warmupLatency = recorders.warmupLatency();
        this.warmupService = recorders.warmupService();
        this.counters = counters;
        this.random = new SplittableRandom(System.nanoTime() ^ share.firstConnectionIndex());
        this.wheel = new SendWheel(share.connections(), startNs);

        final int capacity = Math.max(BUFFER_CAPACITY, messageSize);
        this.writeBuffer = ByteBuffer.allocateDirect(capacity);
        this.writeFrames = new UnsafeBuffer(writeBuffer);
        this.framesPerWrite = capacity / messageSize;
        this.readBuffer = ByteBuffer.allocateDirect(BUFFER_CAPACITY);
        this.readFrames = new UnsafeBuffer(readBuffer);
    }

    static int writeTimesCapacity(final boolean openLoop, final double intervalNs, final int pipeline)
    {
        final long wanted = openLoop ? (long)(2e9 / intervalNs) : pipeline;
        return BitUtil.findNextPositivePowerOfTwo((int)Math.min(65_536, Math.max(16, wanted)));
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
            if (ramping || (openLoop && wheel.anyWithin(nowNs, SPIN_THRESHOLD_NS)))
            {
                selector.selectNow(onReady);
            }
            else
            {
                selector.select(onReady, openLoop && wheel.anyWithin(nowNs, MAX_SELECT_NS) ? 1 : MAX_SELECT_MS);
            }
        }
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
            SocketChannel channel = null;
            try
            {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (!sourceAddresses.isEmpty())
                {
                    final int globalIndex = firstConnectionIndex + index;
                    channel.bind(new InetSocketAddress(sourceAddresses.get(globalIndex % sourceAddresses.size()), 0));
                }
                final ClientSession session = new ClientSession(index, channel, messageSize, writeTimesCapacity);
                sessions[index] = session;
                session.connectStartNs = nowNs;
                final boolean connected = channel.connect(target);
                session.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
                    session);
                if (connected)
                {
                    onConnected(session);
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                counters.error(ErrorKind.CONNECT);
                if (null != sessions[index])
                {
                    sessions[index].state = ClientSession.CLOSED;
                }
                closeQuietly(channel);
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
            session.baseNs = nowNs + (long)(random.nextDouble() * intervalNs);
            session.seqLimit = session.baseNs >= endNs ? 0 : (long)Math.ceil((endNs - session.baseNs) / intervalNs);
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
            wheel.schedule(session.index, intendedNs(session, session.writeSeq));
        }
        else
        {
            wheel.cancel(session.index);
        }
    }

    private long intendedNs(final ClientSession session, final long seq)
    {
        return session.baseNs + (long)(seq * intervalNs);
    }

    private long dueSeq(final ClientSession session)
    {
        final long partial = session.writeOffset > 0 ? session.writeSeq + 1 : session.writeSeq;
        long due;
        if (openLoop)
        {
            due = nowNs < session.baseNs ? 0 :
                Math.min(session.seqLimit, (long)((nowNs - session.baseNs) / intervalNs) + 1);
        }
        else
        {
            due = nowNs < endNs && !stopRequested ? session.receiveSeq + pipeline : partial;
        }
        if (stopRequested)
        {
            due = partial;
        }
        return Math.max(partial, Math.min(due, session.receiveSeq + session.writeTimesNs.length));
    }

    private void flush(final ClientSession session)
    {
        final int frames = (int)Math.min(framesPerWrite, dueSeq(session) - session.writeSeq);
        if (frames <= 0)
        {
            return;
        }
        final long firstSeq = session.writeSeq;
        final int firstOffset = session.writeOffset;
        for (int i = 0; i < frames; i++)
        {
            final long seq = firstSeq + i;
            final long sendNanos = openLoop ? intendedNs(session, seq) :
                (i == 0 && firstOffset > 0 ? session.writeTimesNs[(int)seq & session.writeTimesMask] : nowNs);
            encoder.wrap(writeFrames, i * messageSize)
                .header(MessageTypes.PING, messageSize)
                .seq(seq)
                .sendNanos(sendNanos);
        }
        writeBuffer.limit(frames * messageSize).position(firstOffset);
        final int written;
        try
        {
            written = session.channel.write(writeBuffer);
        }
        catch (final IOException ex)
        {
            fail(session, ErrorKind.CLOSED);
            return;
        }
        onWritten(session, firstSeq, firstOffset, written);
        final boolean blocked = writeBuffer.hasRemaining();
        if (blocked != session.writeBlocked)
        {
            session.writeBlocked = blocked;
            session.key.interestOps(blocked ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void onWritten(final ClientSession session, final long firstSeq, final int firstOffset, final int written)
    {
        final long totalBytes = (long)firstOffset + written;
        final long startedEnd = firstSeq + (totalBytes + messageSize - 1) / messageSize;
        for (long seq = firstOffset > 0 ? firstSeq + 1 : firstSeq; seq < startedEnd; seq++)
        {
            session.writeTimesNs[(int)seq & session.writeTimesMask] = nowNs;
        }
        final long whole = totalBytes / messageSize;
        session.writeSeq = firstSeq + whole;
        session.writeOffset = (int)(totalBytes % messageSize);
        if (whole > 0)
        {
            counters.add(LoadCounters.SENT, whole);
            if (nowNs >= warmupEndNs && nowNs < endNs)
            {
                counters.add(LoadCounters.MEASURED_SENT, whole);
            }
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
            finishConnect(session);
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

    private void finishConnect(final ClientSession session)
    {
        try
        {
            if (session.channel.finishConnect())
            {
                session.key.interestOps(SelectionKey.OP_READ);
                onConnected(session);
            }
        }
        catch (final IOException ex)
        {
            counters.error(ErrorKind.CONNECT);
            session.state = ClientSession.CLOSED;
            session.key.cancel();
            closeQuietly(session.channel);
        }
    }

    private void read(final ClientSession session)
    {
        readBuffer.clear();
        final int bytesRead;
        try
        {
            bytesRead = session.channel.read(readBuffer);
        }
        catch (final IOException ex)
        {
            fail(session, ErrorKind.CLOSED);
            return;
        }
        if (bytesRead < 0)
        {
            fail(session, ErrorKind.CLOSED);
            return;
        }
        current = session;
        final CloseReason reason = session.reader.onBytes(readFrames, 0, bytesRead, onFrame);
        current = null;
        if (null != reason || session.failed)
        {
            fail(session, ErrorKind.PROTOCOL);
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

    private void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final ClientSession session = current;
        if (session.failed)
        {
            return;
        }
        if ((type != MessageTypes.PONG && type != MessageTypes.PING) || length != messageSize)
        {
            session.failed = true;
            return;
        }
        decoder.wrap(buffer, offset, length);
        final long seq = decoder.seq();
        if (seq != session.receiveSeq)
        {
            counters.error(ErrorKind.SEQUENCE);
            if (seq < session.receiveSeq || seq >= session.writeSeq)
            {
                return;
            }
            session.receiveSeq = seq;
        }
        final long writeNs = session.writeTimesNs[(int)seq & session.writeTimesMask];
        final long intendedNs = decoder.sendNanos();
        if (intendedNs != (openLoop ? intendedNs(session, seq) : writeNs))
        {
            session.failed = true;
            return;
        }
        session.receiveSeq = seq + 1;
        counters.increment(LoadCounters.RECEIVED);
        final long latencyNs = clamp(nowNs - intendedNs);
        final long serviceNs = clamp(nowNs - writeNs);
        if (intendedNs < warmupEndNs)
        {
            warmupLatency.recordValue(latencyNs);
            warmupService.recordValue(serviceNs);
        }
        else
        {
            counters.increment(LoadCounters.MEASURED_RECEIVED);
            latency.recordValue(latencyNs);
            service.recordValue(serviceNs);
        }
    }

    private static long clamp(final long valueNs)
    {
        return Math.max(0, Math.min(HIGHEST_TRACKABLE_NS, valueNs));
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
        closeQuietly(session.channel);
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
                final long scheduled = nowNs - session.baseNs < 0 ? 0 :
                    Math.min(session.seqLimit, (long)((nowNs - session.baseNs) / intervalNs) + 1);
                counters.add(LoadCounters.UNSENT, Math.max(0, scheduled - session.writeSeq));
            }
            close(session);
        }
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // nothing more to do with a channel that failed to close
            }
        }
    }
}
