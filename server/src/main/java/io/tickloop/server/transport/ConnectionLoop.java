package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core of a model whose every connection lives on one thread ({@code selector}, {@code reactors},
 * {@code polling}): that thread accepts (when given a listening channel), reads, writes and keeps time, and
 * nothing else touches its connections. What makes a model is only where readiness comes from: a subclass's
 * {@link #pollIo} finds which connections can be read or written (a Selector, or trying every channel) and calls
 * {@link #readSome}, {@link #flush} and {@link #acceptSome}; the rest is here, written once.
 * <p>
 * A turn ({@link #doWork}): poll I/O; run tasks other threads queued; begin the drain once asked; run the agent
 * when its deadline has come; housekeeping (frame timeouts, resuming a paused accept); flush, once, every
 * session that queued bytes. Reads go into one buffer the loop's sessions share, at most
 * {@value #MAX_READS_PER_TURN} reads and {@value #MAX_FRAMES_PER_TURN} frames per session per turn so one busy
 * client cannot starve the rest.
 * <p>
 * An error on a connection closes that connection with a reason and counts it; the loop keeps running. Other
 * threads reach the loop only through {@link #execute} and {@link #requestShutdown}.
 */
public abstract class ConnectionLoop implements Runnable, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int MAX_READS_PER_TURN = 4;
    private static final int MAX_FRAMES_PER_TURN = 1024;
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ServerConfig config;
    private final Service service;
    private final ServerCounters counters;
    private final AtomicLong sessionIds;
    private final LoopAcceptor acceptor;
    private final LoopAgent agent;
    private final long frameTimeoutNs;
    private final long idleTimeoutNs;
    private final ByteBuffer readByteBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer readBuffer = new UnsafeBuffer(readByteBuffer);
    private final UnsafeBuffer lastWords = new UnsafeBuffer(new byte[ConnectionHandler.MAX_LAST_WORDS]);
    private final LoopSessions sessions = new LoopSessions();
    private final LoopTasks tasks = new LoopTasks();
    private volatile boolean shutdownRequested;
    private boolean draining;
    private boolean acceptStopped;
    private boolean stopped;
    private boolean closed;
    private long nowNs = System.nanoTime();
    private long agentDeadlineNs = nowNs;
    private long nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
    private long drainDeadlineNs;

    /**
     * @param config the server's configuration.
     * @param service the service every connection runs.
     * @param counters where the loop counts.
     * @param sessionIds source of session ids, shared by every loop of a server.
     * @param listeners the bound listening channels this loop accepts on, none when connections are handed to it.
     * @param agent work to run on this loop's thread on a schedule (the game's world), or null.
     * @param maxAcceptsPerTurn the most connections accepted in one turn.
     * @throws IOException when the listening channel cannot be made non-blocking.
     */
    protected ConnectionLoop(
        final ServerConfig config,
        final Service service,
        final ServerCounters counters,
        final AtomicLong sessionIds,
        final List<ServerSocketChannel> listeners,
        final LoopAgent agent,
        final int maxAcceptsPerTurn) throws IOException
    {
        this.config = config;
        this.service = service;
        this.counters = counters;
        this.sessionIds = sessionIds;
        this.acceptor = listeners.isEmpty() ? null :
            new LoopAcceptor(listeners, config, counters, maxAcceptsPerTurn);
        this.agent = agent;
        this.frameTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.frameTimeoutMs());
        this.idleTimeoutNs = InboundLimits.idleTimeoutNs(config, service);
    }

    /**
     * Turn until shut down, then {@link #close()}.
     */
    @Override
    public final void run()
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
            LOG.error("{} failed, closing every connection", getClass().getSimpleName(), ex);
            throw ex;
        }
        finally
        {
            close();
        }
    }

    /**
     * One turn of the loop. Call from the owning thread only (a test may call it on its own thread).
     *
     * @return how much was done: ready connections, accepts, tasks, agent runs.
     */
    public final int doWork()
    {
        final boolean mayWait = !(shutdownRequested && !draining) && tasks.isEmpty();
        int workCount = pollIo(mayWait, nextDeadlineNs());
        nowNs = System.nanoTime();
        workCount += tasks.runAll(LOG);
        if (shutdownRequested && !draining)
        {
            beginDrain();
        }
        if (null != agent && nowNs - agentDeadlineNs >= 0)
        {
            runAgent();
            workCount++;
        }
        if (nowNs - nextHousekeepingNs >= 0)
        {
            housekeeping();
        }
        sessions.flushDirty();
        if (draining && (sessions.size() == 0 || nowNs - drainDeadlineNs >= 0))
        {
            stopped = true;
        }
        return workCount;
    }

    /**
     * Ask the loop to shut down gracefully: stop accepting, flush, half-close, close. Any thread; returns at once.
     */
    public final void requestShutdown()
    {
        shutdownRequested = true;
        wakeUp();
    }

    /**
     * Stop accepting: close the listening channel on the loop's thread, and wait (at most the timeout) until it
     * is closed, so that a client connecting after this returns is refused. A graceful shutdown calls it before
     * the service says its last words. Any thread but the loop's.
     *
     * @param timeoutMs the longest wait.
     */
    public final void stopAccepting(final long timeoutMs)
    {
        final CountDownLatch closedListener = new CountDownLatch(1);
        execute(() ->
        {
            closeAcceptor();
            closedListener.countDown();
        });
        try
        {
            closedListener.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Run a task on the loop's thread at its next turn (a connection's sends, for a service whose own thread
     * produces them). Any thread.
     *
     * @param task to run.
     */
    public final void execute(final Runnable task)
    {
        tasks.offer(task);
        wakeUp();
    }

    /**
     * @return true once the loop has drained and stopped; {@link #run} then returns. On the loop's thread.
     */
    public final boolean isStopped()
    {
        return stopped;
    }

    /**
     * @return connections open on this loop. On the loop's thread.
     */
    public final int sessionCount()
    {
        return sessions.size();
    }

    /**
     * Wait for I/O readiness, at most until the deadline when allowed to wait at all, and handle what is ready:
     * accept, read and flush through the methods below.
     *
     * @param mayWait false when work is already queued and the poll must return at once.
     * @param deadlineNs the loop's next timer, in {@link System#nanoTime()} terms.
     * @return how much was done.
     */
    protected abstract int pollIo(boolean mayWait, long deadlineNs);

    /**
     * A session was made for an accepted channel, before the service sees it: register it for readiness.
     *
     * @param session the new session.
     * @throws IOException when it cannot be registered; the channel is then closed.
     */
    protected abstract void onRegistered(LoopSession session) throws IOException;

    /**
     * A flush left bytes behind, or wrote the last of them: a model that is told when a channel can take more
     * (OP_WRITE) asks for it now, or stops asking.
     *
     * @param session the session flushed.
     * @param pending true when bytes are still queued.
     */
    protected void onOutboundPending(final LoopSession session, final boolean pending)
    {
    }

    /**
     * The peer half-closed: the session reads no more (EOF stays readable, so a Selector would report it every
     * turn) and closes once its queue is written.
     *
     * @param session the session.
     */
    protected void onInputShut(final LoopSession session)
    {
    }

    /**
     * Accepting has failed (often: out of descriptors) and pauses for a while, or resumes.
     *
     * @param paused true when it pauses.
     */
    protected void onAcceptPaused(final boolean paused)
    {
    }

    /**
     * Another thread has queued work: a loop that may be blocked waiting for readiness wakes up.
     */
    protected void wakeUp()
    {
    }

    /**
     * The loop has closed every connection: release what the model holds (its Selector).
     */
    protected void onStopped()
    {
    }

    /**
     * @param index 0 until {@link #sessionCount()}.
     * @return that session; closing one moves the last into its place.
     */
    protected final LoopSession session(final int index)
    {
        return sessions.get(index);
    }

    /**
     * Accept what waits on the listening channel, up to the per-turn bound, unless there is no listener, the
     * loop is draining or accepting is paused after a failure (see {@link LoopAcceptor}).
     *
     * @return how many were accepted.
     */
    protected final int acceptSome()
    {
        return null == acceptor || acceptStopped ? 0 : acceptor.acceptSome(this);
    }

    /**
     * Make a session for an accepted channel and open it with the service.
     *
     * @param channel the accepted channel.
     * @param countedByAcceptor true when another thread has already counted it as accepted (and applied the
     * connection limit), false when this loop accepted it.
     * @param full true when it is past the connection limit: opened, then closed as
     * {@link CloseReason#SERVER_FULL} through the normal close, so the service may say its last words.
     */
    protected final void register(final SocketChannel channel, final boolean countedByAcceptor, final boolean full)
    {
        final LoopSession session = new LoopSession(
            sessionIds.incrementAndGet(), channel, config.sendQueueBytes(), config.maxFramesPerSecond(), this);
        try
        {
            channel.configureBlocking(false);
            SocketOptions.configureAccepted(channel);
            onRegistered(session);
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
        sessions.add(session);
        if (!countedByAcceptor)
        {
            counters.onAccepted();
        }
        session.handler = ServiceCalls.onOpen(LOG, service, session);
        if (full && !session.closed)
        {
            session.close(CloseReason.SERVER_FULL);
        }
        if (draining && !session.closed)
        {
            sessions.startDraining(session);
        }
    }

    /**
     * @param session a session of this loop.
     * @return how many reads brought bytes: see {@link LoopSession#readSome}, into this loop's shared buffer.
     */
    protected final int readSome(final LoopSession session)
    {
        return session.readSome(readByteBuffer, readBuffer, MAX_READS_PER_TURN, MAX_FRAMES_PER_TURN);
    }

    /**
     * @param session a session of this loop.
     * @return true when bytes were written: see {@link LoopSession#flush}.
     */
    protected final boolean flush(final LoopSession session)
    {
        return session.flush();
    }

    /**
     * @return where the loop counts.
     */
    protected final ServerCounters counters()
    {
        return counters;
    }

    /**
     * @return where a closing session puts its service's last words; the loop's thread only.
     */
    final UnsafeBuffer lastWordsBuffer()
    {
        return lastWords;
    }

    final void markDirty(final LoopSession session)
    {
        sessions.markDirty(session);
    }

    final void onClosed(final LoopSession session, final CloseReason reason)
    {
        sessions.remove(session);
        CloseReporting.onClosed(LOG, counters, session, reason, session.outbound().pendingBytes());
    }

    private long nextDeadlineNs()
    {
        long deadlineNs = draining && drainDeadlineNs - nextHousekeepingNs < 0 ? drainDeadlineNs : nextHousekeepingNs;
        if (null != agent && agentDeadlineNs - deadlineNs < 0)
        {
            deadlineNs = agentDeadlineNs;
        }
        return deadlineNs;
    }

    /**
     * The last line of defence around the agent (the game guards its own tick): an agent that throws is a bug,
     * logged with its stack trace; it runs again a housekeeping interval later, and the loop and its connections
     * go on.
     */
    private void runAgent()
    {
        try
        {
            agentDeadlineNs = agent.onTick(nowNs);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("the loop's agent failed; it runs again in {} ms",
                TimeUnit.NANOSECONDS.toMillis(HOUSEKEEPING_INTERVAL_NS), ex);
            agentDeadlineNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
        }
    }

    private void beginDrain()
    {
        draining = true;
        drainDeadlineNs = nowNs + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMs());
        closeAcceptor();
        LOG.info("shutting down: draining {} connections, at most {} ms", sessions.size(), config.shutdownTimeoutMs());
        if (null != agent)
        {
            agent.onDrain();
        }
        sessions.startDraining();
    }

    private void housekeeping()
    {
        nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
        if (null != acceptor)
        {
            acceptor.resumeIfDue(this, nowNs);
        }
        sessions.closeExpired(nowNs, frameTimeoutNs, idleTimeoutNs);
    }

    /**
     * Close every connection, the listener and what the model holds, at once, without a drain (see
     * {@link #requestShutdown()} for that). On the loop's thread, once it no longer turns; {@link #run} ends so.
     * Idempotent.
     */
    @Override
    public final void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        sessions.closeAll(CloseReason.SHUTTING_DOWN);
        closeAcceptor();
        onStopped();
        stopped = true;
    }

    private void closeAcceptor()
    {
        acceptStopped = true;
        if (null != acceptor)
        {
            acceptor.close();
            onAcceptorClosed();
        }
    }

    /**
     * The listening channel was just closed, on the loop's thread: a model whose readiness source still holds it
     * lets go of it here, so that no client connects after a shutdown has stopped accepting.
     */
    protected void onAcceptorClosed()
    {
    }
}
