package io.tickloop.server.polling;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.Closes;
import io.tickloop.server.transport.LoopTasks;
import io.tickloop.server.transport.SingleLoopServer;
import io.tickloop.server.transport.SocketOptions;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The busy loop of the {@code polling} model: no Selector, so every turn asks the non-blocking listening
 * channel for a connection ({@code accept()} returning null when none waits) and every connection for bytes
 * ({@code read()} returning 0 when none arrived), then writes what each has queued, keeping what a partial
 * write leaves. It is correct and costs a core: when a turn finds nothing to do it only calls
 * {@link Thread#onSpinWait()} and turns again.
 */
final class PollingLoop implements SingleLoopServer.Loop
{
    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int MAX_READS_PER_TURN = 4;
    private static final int MAX_ACCEPTS_PER_TURN = 64;
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long ACCEPT_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LoopTasks tasks = new LoopTasks();
    private final ServerConfig config;
    private final Service service;
    private final ServerCounters counters;
    private final ServerSocketChannel listener;
    private final ByteBuffer readByteBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer readBuffer = new UnsafeBuffer(readByteBuffer);
    private final ArrayList<PollingSession> sessions = new ArrayList<>();
    private final long frameTimeoutNs;
    private volatile boolean shutdownRequested;
    private boolean draining;
    private boolean stopped;
    private int closedSinceCompaction;
    private long lastSessionId;
    private long nowNs = System.nanoTime();
    private long nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
    private long acceptPausedUntilNs = nowNs;
    private long drainDeadlineNs;

    PollingLoop(
        final ServerConfig config,
        final Service service,
        final ServerCounters counters,
        final ServerSocketChannel listener) throws IOException
    {
        this.config = config;
        this.service = service;
        this.counters = counters;
        this.listener = listener;
        this.frameTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.frameTimeoutMs());
        listener.configureBlocking(false);
    }

    @Override
    public void run()
    {
        try
        {
            while (!stopped)
            {
                if (doWork() == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
        catch (final RuntimeException | Error ex)
        {
            LOG.error("polling loop failed, closing every connection", ex);
            throw ex;
        }
        finally
        {
            closeEverything();
        }
    }

    /**
     * One turn. On the loop's thread only.
     *
     * @return connections accepted, reads that brought bytes and writes that took bytes.
     */
    int doWork()
    {
        nowNs = System.nanoTime();
        int workCount = 0;
        if (shutdownRequested && !draining)
        {
            beginDrain();
        }
        if (!draining && nowNs - acceptPausedUntilNs >= 0)
        {
            workCount += acceptSome();
        }
        workCount += tasks.runAll(LOG);
        final ArrayList<PollingSession> sessions = this.sessions;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final PollingSession session = sessions.get(i);
            workCount += readSome(session) + flush(session);
        }
        removeClosed();
        if (nowNs - nextHousekeepingNs >= 0)
        {
            expireFrames();
        }
        if (draining && (sessions.isEmpty() || nowNs - drainDeadlineNs >= 0))
        {
            stopped = true;
        }
        return workCount;
    }

    /**
     * Ask the loop to drain and stop. Any thread; returns at once.
     */
    @Override
    public void requestShutdown()
    {
        shutdownRequested = true;
    }

    ServerCounters counters()
    {
        return counters;
    }

    /**
     * Run a task on the loop's thread at its next turn. Any thread.
     *
     * @param task to run.
     */
    void execute(final Runnable task)
    {
        tasks.offer(task);
    }


    void close(final PollingSession session, final CloseReason reason)
    {
        if (session.closed)
        {
            return;
        }
        session.closed = true;
        closedSinceCompaction++;
        Closes.onClosed(LOG, counters, session, reason, session.outbound().pendingBytes());
        CloseHelper.quietClose(session.channel);
        Closes.notifyHandler(LOG, session, session.handler, reason);
    }

    private int acceptSome()
    {
        int accepted = 0;
        for (int i = 0; i < MAX_ACCEPTS_PER_TURN; i++)
        {
            final SocketChannel channel;
            try
            {
                channel = listener.accept();
            }
            catch (final IOException ex)
            {
                LOG.warn("accept failed, pausing accepts for {} ms: {}",
                    TimeUnit.NANOSECONDS.toMillis(ACCEPT_PAUSE_NS), ex.toString());
                acceptPausedUntilNs = nowNs + ACCEPT_PAUSE_NS;
                break;
            }
            if (null == channel)
            {
                break;
            }
            accepted++;
            if (!Closes.refusedWhenFull(LOG, config, counters, channel))
            {
                register(channel);
            }
        }
        return accepted;
    }

    private void register(final SocketChannel channel)
    {
        try
        {
            channel.configureBlocking(false);
            SocketOptions.configureAccepted(channel);
        }
        catch (final IOException ex)
        {
            LOG.debug("could not configure an accepted connection: {}", ex.toString());
            CloseHelper.quietClose(channel);
            return;
        }
        final PollingSession session = new PollingSession(++lastSessionId, channel, config.sendQueueBytes(), this);
        sessions.add(session);
        counters.onAccepted();
        try
        {
            session.handler = service.onOpen(session);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the service failed", session, ex);
            close(session, CloseReason.INTERNAL_ERROR);
        }
    }

    private int readSome(final PollingSession session)
    {
        int reads = 0;
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
                break;
            }
            if (bytesRead < 0)
            {
                close(session, session.draining ? CloseReason.SHUTTING_DOWN : CloseReason.PEER_CLOSED);
                break;
            }
            if (bytesRead == 0)
            {
                break;
            }
            reads++;
            counters.onBytesIn(bytesRead);
            if (!session.draining)
            {
                onBytes(session, bytesRead);
            }
        }
        return reads;
    }

    private void onBytes(final PollingSession session, final int bytesRead)
    {
        try
        {
            session.handler.onBytes(readBuffer, 0, bytesRead);
            session.frameClock.onBytesHandled(session.handler.partialFrameSeq(), nowNs);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the service failed", session, ex);
            close(session, CloseReason.INTERNAL_ERROR);
        }
    }

    private int flush(final PollingSession session)
    {
        if (session.closed)
        {
            return 0;
        }
        try
        {
            final int written = session.outbound().writeTo(session.channel);
            counters.onBytesOut(written);
            if (session.draining && !session.outputShut && session.outbound().isEmpty())
            {
                session.outputShut = true;
                session.channel.shutdownOutput();
            }
            return written > 0 ? 1 : 0;
        }
        catch (final IOException ex)
        {
            close(session, CloseReason.IO_ERROR);
            return 0;
        }
    }

    private void removeClosed()
    {
        if (closedSinceCompaction == 0)
        {
            return;
        }
        closedSinceCompaction = 0;
        final ArrayList<PollingSession> sessions = this.sessions;
        int kept = 0;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final PollingSession session = sessions.get(i);
            if (!session.closed)
            {
                sessions.set(kept++, session);
            }
        }
        for (int i = sessions.size() - 1; i >= kept; i--)
        {
            sessions.remove(i);
        }
    }

    private void expireFrames()
    {
        nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final PollingSession session = sessions.get(i);
            if (!session.closed && session.frameClock.isExpired(nowNs, frameTimeoutNs))
            {
                close(session, CloseReason.FRAME_TIMEOUT);
            }
        }
        removeClosed();
    }

    private void beginDrain()
    {
        draining = true;
        drainDeadlineNs = nowNs + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMs());
        CloseHelper.quietClose(listener);
        LOG.info("shutting down: draining {} connections, at most {} ms", sessions.size(), config.shutdownTimeoutMs());
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            sessions.get(i).draining = true;
        }
    }

    private void closeEverything()
    {
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            close(sessions.get(i), CloseReason.SHUTTING_DOWN);
        }
        sessions.clear();
        CloseHelper.quietClose(listener);
        stopped = true;
    }
}
