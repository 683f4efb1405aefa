package io.tickloop.server.blocking;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.CloseReporting;
import io.tickloop.server.transport.ConnectionRegistry;
import io.tickloop.server.transport.DirectBuffers;
import io.tickloop.server.transport.OutboundBuffer;
import io.tickloop.server.transport.QueuedConnection;
import io.tickloop.server.transport.SendQueue;
import io.tickloop.server.transport.ServiceCalls;
import io.tickloop.server.transport.ThreadTracker;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One client of a thread-per-connection model, served by two threads of its own: a reader that blocks in
 * {@code read()} and calls the service, and a writer that blocks on the bounded {@link SendQueue}, then in
 * {@code write()}. Producers (the reader, or any thread a service sends from) only append to the queue, so a
 * client that never reads blocks its own writer and nothing else, and is cut off as a slow consumer once the
 * bound is passed. The reader waits before its next read while the writer is behind but not stalled
 * ({@link SendQueue#awaitRoom()}), so a client that reads is never cut off for the writer's lag.
 * <p>
 * The service's handler is called on the reader thread only, {@code onClose} included: whoever closes the
 * connection closes its channel, which ends the reader's blocked read.
 */
final class BlockingConnection
{
    private static final Logger LOG = LoggerFactory.getLogger(BlockingConnection.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final QueuedConnection.Io THREADS_WAKE_THEMSELVES = new QueuedConnection.Io()
    {
        @Override
        public void onQueued()
        {
            // the writer waits on the send queue, which wakes it
        }

        @Override
        public void onReadResumed()
        {
            // the reader waits in awaitRoom(), never defers a read
        }
    };

    private final SocketChannel channel;
    private final ServerCounters counters;
    private final QueuedConnection connection;

    BlockingConnection(
        final long id,
        final SocketChannel channel,
        final int sendQueueBytes,
        final long maxFramesPerSecond,
        final ServerCounters counters,
        final ConnectionRegistry<QueuedConnection> registry)
    {
        this.channel = channel;
        this.counters = counters;
        this.connection = new QueuedConnection(
            id, channel, sendQueueBytes, maxFramesPerSecond, counters, registry, LOG, THREADS_WAKE_THEMSELVES);
    }

    /**
     * Count the connection as open and start its writer and reader threads. On the acceptor thread.
     *
     * @param service the service to run.
     * @param threads where the threads are started.
     */
    void start(final Service service, final ThreadTracker threads)
    {
        connection.open();
        try
        {
            threads.start("tickloop-conn-" + connection.id() + "-writer", this::writeLoop);
            threads.start("tickloop-conn-" + connection.id() + "-reader", () -> readLoop(service));
        }
        catch (final OutOfMemoryError ex)
        {
            LOG.error("{}: cannot start its threads: {}", connection, ex.toString());
            connection.close(CloseReason.INTERNAL_ERROR);
        }
    }

    /**
     * Past the connection limit: open it with the service and close it at once as SERVER_FULL, counted like any
     * close, after the service's last words (the game's KICK) written at once, without starting a thread. On the
     * acceptor thread.
     *
     * @param service the service to run.
     */
    void refuse(final Service service)
    {
        connection.open();
        final ConnectionHandler handler = ServiceCalls.onOpen(LOG, service, connection);
        connection.refuse(handler); // the last words written at once: there is no writer thread
        connection.notifyClosed(handler);
    }

    private void readLoop(final Service service)
    {
        final ByteBuffer readByteBuffer;
        try
        {
            readByteBuffer = DirectBuffers.allocate(READ_BUFFER_BYTES);
        }
        catch (final OutOfMemoryError ex)
        {
            CloseReporting.onAllocationFailed(LOG, connection, ex);
            return; // the close ended the writer; the service never saw the connection
        }
        final UnsafeBuffer readBuffer = new UnsafeBuffer(readByteBuffer);
        ConnectionHandler handler = null;
        try
        {
            handler = service.onOpen(connection);
            connection.handler(handler);
            while (!connection.isClosed())
            {
                connection.sendQueue().awaitRoom();
                readByteBuffer.clear();
                connection.onRead(handler, readBuffer, channel.read(readByteBuffer));
                if (connection.isPeerClosed())
                {
                    connection.awaitClosed(); // EOF again at once if read: the writer flushes, then closes
                }
            }
        }
        catch (final IOException ex)
        {
            connection.close(CloseReason.IO_ERROR);
        }
        catch (final InterruptedException ex)
        {
            connection.close(CloseReason.SHUTTING_DOWN);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the service failed", connection, ex);
            connection.close(CloseReason.INTERNAL_ERROR);
        }
        finally
        {
            // an Error escaping the service still frees the descriptor, the writer and the slot
            connection.close(CloseReason.INTERNAL_ERROR);
            connection.notifyClosed(handler);
        }
    }

    private void writeLoop()
    {
        final SendQueue sendQueue = connection.sendQueue();
        try
        {
            while (!connection.isClosed())
            {
                final OutboundBuffer outbound = sendQueue.awaitWrite();
                if (null != outbound)
                {
                    while (!outbound.isEmpty())
                    {
                        counters.onBytesOut(outbound.writeTo(channel));
                    }
                    sendQueue.finishWrite();
                }
                else if (sendQueue.claimOutputShutdown())
                {
                    channel.shutdownOutput();
                    connection.onOutputShut();
                    return;
                }
            }
        }
        catch (final IOException ex)
        {
            connection.close(CloseReason.IO_ERROR);
            sendQueue.abandonWrite();
        }
        catch (final InterruptedException ex)
        {
            connection.close(CloseReason.SHUTTING_DOWN);
        }
    }
}
