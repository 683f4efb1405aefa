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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An acceptor thread, {@value #THREAD_NAME}: a blocking {@code accept()} in a loop, the connection limit applied
 * to every accepted channel, and the rest handed on. {@link #close()} closes the listening channel, which ends a
 * blocked {@code accept()}, and joins the thread: that is how a server stops accepting.
 */
public final class BlockingAcceptor implements AutoCloseable
{
    /** The name of the thread that runs an acceptor. */
    public static final String THREAD_NAME = "tickloop-acceptor";

    private static final Logger LOG = LoggerFactory.getLogger(BlockingAcceptor.class);
    private static final long ACCEPT_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerSocketChannel listener;
    private final ServerConfig config;
    private final ServerCounters counters;
    private final OnAccepted onAccepted;
    private final Thread thread;

    /** What a model does with an accepted channel, on the acceptor thread. */
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
     * @param listener a bound listening channel; it is put in blocking mode.
     * @param config holding the connection limit.
     * @param counters holding the open connections, where refusals are counted.
     * @param onAccepted takes every accepted channel, and whether it is past the limit, on the acceptor thread.
     */
    public BlockingAcceptor(
        final ServerSocketChannel listener,
        final ServerConfig config,
        final ServerCounters counters,
        final OnAccepted onAccepted)
    {
        this.listener = listener;
        this.config = config;
        this.counters = counters;
        this.onAccepted = onAccepted;
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.start();
    }

    /**
     * @return true while the acceptor thread is alive.
     */
    public boolean isRunning()
    {
        return thread.isAlive();
    }

    /**
     * Stop accepting: close the listening channel, which ends a blocked {@code accept()}, and wait for the thread
     * to end. Any thread but the acceptor's.
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(listener);
        ServerThreads.joinUninterruptibly(thread);
    }

    private void run()
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
            onAccepted.onAccepted(channel, CloseReporting.isFull(LOG, config, counters));
        }
    }
}
