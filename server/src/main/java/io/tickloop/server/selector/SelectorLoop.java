package io.tickloop.server.selector;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.Closes;
import io.tickloop.server.transport.LoopTasks;
import io.tickloop.server.transport.SingleLoopServer;
import io.tickloop.server.transport.SocketOptions;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.nio.channels.SelectionKey.OP_ACCEPT;
import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;

/**
 * One Selector and the thread that owns it: accept (when given a listening channel), read, write and timers
 * for every connection registered on it. Nothing else touches its keys; other threads reach it through
 * {@link #handOff} and {@link #requestShutdown}, which queue and wake it with a guarded {@code wakeup()}.
 * <p>
 * A turn ({@link #doWork}): select and handle ready keys through a consumer held in a field (no garbage);
 * take channels handed over; run timers; flush every session that queued bytes, once. Reads go into one
 * buffer shared by the loop's sessions, at most {@value #MAX_READS_PER_TURN} reads per key per turn so one
 * busy client cannot starve the rest. A write that leaves bytes behind sets OP_WRITE, cleared once drained.
 * <p>
 * An error on a connection closes that connection with a reason and counts it; the loop keeps running.
 */
public final class SelectorLoop implements SingleLoopServer.Loop
{
    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int MAX_READS_PER_TURN = 4;
    private static final int MAX_ACCEPTS_PER_TURN = 256;
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long ACCEPT_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerConfig config;
    private final Service service;
    private final ServerCounters counters;
    private final AtomicLong sessionIds;
    private final Selector selector;
    private final ServerSocketChannel acceptor;
    private final SelectionKey acceptKey;
    private final ByteBuffer readByteBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer readBuffer = new UnsafeBuffer(readByteBuffer);
    private final Long2ObjectHashMap<SelectorSession> sessions = new Long2ObjectHashMap<>();
    private final ArrayList<SelectorSession> dirtySessions = new ArrayList<>();
    private final ArrayList<SelectorSession> expiredSessions = new ArrayList<>();
    private final ManyToOneConcurrentLinkedQueue<SocketChannel> handOffs = new ManyToOneConcurrentLinkedQueue<>();
    private final LoopTasks tasks = new LoopTasks();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Consumer<SelectionKey> onReadyKey = this::onReadyKey;
    private final long frameTimeoutNs;
    private LoopAgent agent;
    private long agentDeadlineNs;
    private volatile boolean shutdownRequested;
    private boolean draining;
    private boolean stopped;
    private long nowNs = System.nanoTime();
    private long nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
    private long drainDeadlineNs;
    private long acceptPausedUntilNs;

    /**
     * @param config the validated configuration.
     * @param service the service every connection runs.
     * @param counters where the loop counts.
     * @param sessionIds source of session ids, shared by every loop of a server.
     * @param acceptor a bound listening channel this loop accepts on, or null when channels arrive by handOff.
     * @throws IOException when the Selector cannot be opened.
     */
    public SelectorLoop(
        final ServerConfig config,
        final Service service,
        final ServerCounters counters,
        final AtomicLong sessionIds,
        final ServerSocketChannel acceptor) throws IOException
    {
        this.config = config;
        this.service = service;
        this.counters = counters;
        this.sessionIds = sessionIds;
        this.acceptor = acceptor;
        this.frameTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.frameTimeoutMs());
        this.selector = Selector.open();
        if (null != acceptor)
        {
            acceptor.configureBlocking(false);
            acceptKey = acceptor.register(selector, OP_ACCEPT);
        }
        else
        {
            acceptKey = null;
        }
    }

    /**
     * Turn until shut down, then close every connection and the Selector.
     */
    @Override
    public void run()
    {
        try
        {
            while (!stopped)
            {
                doWork();
            }
        }
        catch (final RuntimeException | Error ex)
        {
            LOG.error("selector loop failed, closing every connection", ex);
            throw ex;
        }
        finally
        {
            closeEverything();
        }
    }

    /**
     * One turn of the loop. Call from the owning thread only.
     *
     * @return the number of keys and hand-offs handled.
     */
    public int doWork()
    {
        int workCount = select(selectTimeoutMs());
        nowNs = System.nanoTime();
        wakeupPending.set(false);
        workCount += drainHandOffs() + tasks.runAll(LOG);
        if (shutdownRequested && !draining)
        {
            beginDrain();
        }
        if (null != agent && nowNs - agentDeadlineNs >= 0)
        {
            agentDeadlineNs = agent.onTick(nowNs);
            workCount++;
        }
        if (nowNs - nextHousekeepingNs >= 0)
        {
            housekeeping();
        }
        flushDirtySessions();
        if (draining && (sessions.isEmpty() || nowNs - drainDeadlineNs >= 0))
        {
            stopped = true;
        }
        return workCount;
    }

    /**
     * Give the loop work to run on its thread on a schedule; call before {@link #run}, from the thread that
     * starts it.
     *
     * @param agent the work, or null for none.
     */
    public void agent(final LoopAgent agent)
    {
        this.agent = agent;
        this.agentDeadlineNs = System.nanoTime();
    }

    /**
     * @return true once the loop has drained and stopped; {@link #run} then returns.
     */
    public boolean isStopped()
    {
        return stopped;
    }

    /**
     * @return connections registered on this loop.
     */
    public int sessionCount()
    {
        return sessions.size();
    }

    /**
     * Hand an accepted channel to this loop; it is registered on the loop's own thread. Any thread. The acceptor
     * has already counted it as accepted ({@link ServerCounters#onAccepted()}), so that the connection limit it
     * applies is exact even while hand-offs wait in the queue.
     *
     * @param channel an accepted connection, counted.
     */
    public void handOff(final SocketChannel channel)
    {
        handOffs.offer(channel);
        wakeUp();
    }

    /**
     * Ask the loop to shut down gracefully: stop accepting, flush, close. Any thread; returns at once.
     */
    @Override
    public void requestShutdown()
    {
        shutdownRequested = true;
        wakeUp();
    }

    ServerCounters counters()
    {
        return counters;
    }

    /**
     * Run a task on the loop's thread at its next turn (a connection's sends, for a service whose own thread
     * produces them). Any thread.
     *
     * @param task to run.
     */
    void execute(final Runnable task)
    {
        tasks.offer(task);
        wakeUp();
    }


    void markDirty(final SelectorSession session)
    {
        if (!session.dirty)
        {
            session.dirty = true;
            dirtySessions.add(session);
        }
    }

    void close(final SelectorSession session, final CloseReason reason)
    {
        if (session.closed)
        {
            return;
        }
        session.closed = true;
        sessions.remove(session.id());
        session.key.cancel();
        Closes.onClosed(LOG, counters, session, reason, session.outbound().pendingBytes());
        CloseHelper.quietClose(session.channel);
        Closes.notifyHandler(LOG, session, session.handler, reason);
    }

    private void wakeUp()
    {
        if (!wakeupPending.getAndSet(true))
        {
            selector.wakeup();
        }
    }

    private int select(final long timeoutMs)
    {
        try
        {
            return timeoutMs > 0 ? selector.select(onReadyKey, timeoutMs) : selector.selectNow(onReadyKey);
        }
        catch (final IOException ex)
        {
            LOG.error("select failed", ex);
            return 0;
        }
    }

    private long selectTimeoutMs()
    {
        if (shutdownRequested && !draining || !handOffs.isEmpty() || !tasks.isEmpty())
        {
            return 0;
        }
        long untilNs = draining ? Math.min(drainDeadlineNs, nextHousekeepingNs) : nextHousekeepingNs;
        if (null != agent && agentDeadlineNs - untilNs < 0)
        {
            untilNs = agentDeadlineNs;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilNs - System.nanoTime() + 999_999));
    }

    private void onReadyKey(final SelectionKey key)
    {
        if (key == acceptKey)
        {
            onAcceptable();
            return;
        }
        final SelectorSession session = (SelectorSession)key.attachment();
        try
        {
            final int readyOps = key.readyOps();
            if ((readyOps & OP_WRITE) != 0)
            {
                flush(session);
            }
            if ((readyOps & OP_READ) != 0 && !session.closed)
            {
                onReadable(session);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the service failed", session, ex);
            close(session, CloseReason.INTERNAL_ERROR);
        }
    }

    private void onAcceptable()
    {
        for (int i = 0; i < MAX_ACCEPTS_PER_TURN; i++)
        {
            final SocketChannel channel;
            try
            {
                channel = acceptor.accept();
            }
            catch (final IOException ex)
            {
                LOG.warn("accept failed, pausing accepts for {} ms: {}",
                    TimeUnit.NANOSECONDS.toMillis(ACCEPT_PAUSE_NS), ex.toString());
                acceptKey.interestOps(0);
                acceptPausedUntilNs = System.nanoTime() + ACCEPT_PAUSE_NS;
                return;
            }
            if (null == channel)
            {
                return;
            }
            if (!Closes.refusedWhenFull(LOG, config, counters, channel))
            {
                register(channel, false);
            }
        }
    }

    private void register(final SocketChannel channel, final boolean countedByAcceptor)
    {
        final SelectionKey key;
        try
        {
            channel.configureBlocking(false);
            SocketOptions.configureAccepted(channel);
            key = channel.register(selector, OP_READ);
        }
        catch (final IOException ex)
        {
            LOG.debug("could not register an accepted connection: {}", ex.toString());
            CloseHelper.quietClose(channel);
            if (countedByAcceptor)
            {
                counters.onClosed(CloseReason.IO_ERROR);
            }
            return;
        }
        final SelectorSession session = new SelectorSession(
            sessionIds.incrementAndGet(), channel, key, config.sendQueueBytes(), this);
        key.attach(session);
        sessions.put(session.id(), session);
        if (!countedByAcceptor)
        {
            counters.onAccepted();
        }
        try
        {
            session.handler = service.onOpen(session);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the service failed to open it", session, ex);
            close(session, CloseReason.INTERNAL_ERROR);
            return;
        }
        if (draining)
        {
            startDraining(session);
        }
    }

    private int drainHandOffs()
    {
        int count = 0;
        SocketChannel channel;
        while (null != (channel = handOffs.poll()))
        {
            register(channel, true);
            count++;
        }
        return count;
    }

    private void onReadable(final SelectorSession session)
    {
        for (int i = 0; i < MAX_READS_PER_TURN && !session.closed; i++)
        {
            readByteBuffer.clear();
            final int bytesRead;
            try
            {
                bytesRead = session.channel.read(readByteBuffer);
            }
            catch (final IOException ex)
            {
                close(session, CloseReason.IO_ERROR);
                return;
            }
            if (bytesRead < 0)
            {
                close(session, session.draining ? CloseReason.SHUTTING_DOWN : CloseReason.PEER_CLOSED);
                return;
            }
            counters.onBytesIn(bytesRead);
            if (!session.draining && bytesRead > 0)
            {
                session.handler.onBytes(readBuffer, 0, bytesRead);
                // nowNs is the previous turn's: ready keys are handled inside select()
                session.frameClock.onBytesHandled(session.handler.partialFrameSeq(), System.nanoTime());
            }
            if (bytesRead < READ_BUFFER_BYTES)
            {
                return;
            }
        }
    }

    private void flushDirtySessions()
    {
        final ArrayList<SelectorSession> dirty = dirtySessions;
        for (int i = 0, size = dirty.size(); i < size; i++)
        {
            final SelectorSession session = dirty.get(i);
            session.dirty = false;
            flush(session);
        }
        dirty.clear();
    }

    private void flush(final SelectorSession session)
    {
        if (session.closed)
        {
            return;
        }
        try
        {
            counters.onBytesOut(session.outbound().writeTo(session.channel));
            if (!session.outbound().isEmpty())
            {
                if ((session.key.interestOps() & OP_WRITE) == 0)
                {
                    session.key.interestOpsOr(OP_WRITE);
                }
                return;
            }
            if ((session.key.interestOps() & OP_WRITE) != 0)
            {
                session.key.interestOpsAnd(~OP_WRITE);
            }
            if (session.draining && !session.outputShut)
            {
                session.outputShut = true;
                session.channel.shutdownOutput();
            }
        }
        catch (final IOException ex)
        {
            close(session, CloseReason.IO_ERROR);
        }
    }

    private void beginDrain()
    {
        draining = true;
        drainDeadlineNs = nowNs + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMs());
        if (null != acceptor)
        {
            acceptKey.cancel();
            CloseHelper.quietClose(acceptor);
        }
        LOG.info("shutting down: draining {} connections, at most {} ms", sessions.size(), config.shutdownTimeoutMs());
        if (null != agent)
        {
            agent.onDrain();
        }
        for (final SelectorSession session : sessions.values())
        {
            startDraining(session);
        }
    }

    private void startDraining(final SelectorSession session)
    {
        session.draining = true;
        markDirty(session);
    }

    private void housekeeping()
    {
        nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
        if (acceptPausedUntilNs != 0 && nowNs - acceptPausedUntilNs >= 0 && acceptKey.isValid())
        {
            acceptPausedUntilNs = 0;
            acceptKey.interestOps(OP_ACCEPT);
        }
        for (final SelectorSession session : sessions.values())
        {
            if (session.frameClock.isExpired(nowNs, frameTimeoutNs))
            {
                expiredSessions.add(session);
            }
        }
        for (int i = 0, size = expiredSessions.size(); i < size; i++)
        {
            close(expiredSessions.get(i), CloseReason.FRAME_TIMEOUT);
        }
        expiredSessions.clear();
    }

    private void closeEverything()
    {
        expiredSessions.addAll(sessions.values());
        for (final SelectorSession session : expiredSessions)
        {
            close(session, CloseReason.SHUTTING_DOWN);
        }
        expiredSessions.clear();
        SocketChannel channel;
        while (null != (channel = handOffs.poll()))
        {
            CloseHelper.quietClose(channel);
            counters.onClosed(CloseReason.SHUTTING_DOWN);
        }
        if (null != acceptor)
        {
            CloseHelper.quietClose(acceptor);
        }
        CloseHelper.quietClose(selector);
        stopped = true;
    }
}
