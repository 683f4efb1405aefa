package io.tickloop.server.transport;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Acceptor threads, {@value #THREAD_NAME}, one per listening channel (the service's port, and the WebSocket port
 * when there is one): a blocking {@code accept()} in a loop, the connection limit applied to every accepted
 * channel, and the rest handed on, one channel at a time under a lock (once per accept, never per message), so
 * the limit is exact and the model sees one acceptor. {@link #close()} closes the listening channels, which ends
 * each blocked {@code accept()}, and joins the threads: that is how a server stops accepting.
 */
public final class BlockingAcceptor implements AutoCloseable
{
    /** The name of the threads that run an acceptor. */
    public static final String THREAD_NAME = "tickloop-acceptor";

    private static final Logger LOG = LoggerFactory.getLogger(BlockingAcceptor.class);
    private static final long ACCEPT_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final List<ServerSocketChannel> listeners;
    private final ServerConfig config;
    private final ServerCounters counters;
    private final OnAccepted onAccepted;
    private final Object acceptLock = new Object();
    private final Thread[] threads;

    /** What a model does with an accepted channel, on an acceptor thread, one channel at a time. */
    @FunctionalInterface
    public interface OnAccepted
    {
        /**
         * @param channel the accepted channel, not yet counted.
         * @param full true when it is past the connection limit: the model opens it with the service and closes
         * it at once as {@link io.tickloop.protocol.CloseReason#SERVER_FULL}.
         */
        void onAccepted(SocketChannel channel, boolean full);
    }

    /**
     * Start accepting.
     *
     * @param listeners bound listening channels; each is put in blocking mode.
     * @param config holding the connection limit.
     * @param counters holding the open connections, where refusals are counted.
     * @param onAccepted takes every accepted channel, and whether it is past the limit, on an acceptor thread.
     */
    public BlockingAcceptor(
        final List<ServerSocketChannel> listeners,
        final ServerConfig config,
        final ServerCounters counters,
        final OnAccepted onAccepted)
    {
        this.listeners = listeners;
        this.config = config;
        this.counters = counters;
        this.onAccepted = onAccepted;
        this.threads = new Thread[listeners.size()];
        for (int i = 0; i < threads.length; i++)
        {
            final ServerSocketChannel listener = listeners.get(i);
            threads[i] = new Thread(() -> run(listener), THREAD_NAME);
            threads[i].start();
        }
    }

    /**
     * @return how many acceptor threads are alive.
     */
    public int running()
    {
        return ServerThreads.alive(threads);
    }

    /**
     * Stop accepting: close the listening channels, which ends each blocked {@code accept()}, and wait for the
     * threads to end. Any thread but an acceptor's.
     */
    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(listeners);
        ServerThreads.joinUninterruptibly(threads);
    }

    private void run(final ServerSocketChannel listener)
    {
        try
        {
            listener.configureBlocking(true);
        }
        catch (final IOException ex)
        {
            LOG.error("cannot accept: {}", ex.toString());
            return;
        }
        while (listener.isOpen())
        {
            final SocketChannel channel;
            try
            {
                channel = listener.accept();
            }
            catch (final ClosedChannelException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                counters.onAcceptFailed();
                LOG.warn("accept failed, pausing accepts for {} ms: {}",
                    TimeUnit.NANOSECONDS.toMillis(ACCEPT_PAUSE_NS), ex.toString());
                LockSupport.parkNanos(ACCEPT_PAUSE_NS);
                continue;
            }
            synchronized (acceptLock)
            {
                onAccepted.onAccepted(channel, CloseReporting.isFull(LOG, config, counters));
            }
        }
    }
}
