package io.tickloop.server.async;

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
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;

/**
 * One connection of the {@code async} model, the Overlapped/IOCP pattern: exactly one read outstanding, issued
 * again from its own completion, so the service's handler is called one completion at a time; at most one
 * write outstanding, taking what the bounded {@link SendQueue} holds, the next issued from the previous one's
 * completion or by the first send that finds none outstanding. While the write side is behind (and not
 * stalled on a peer that does not read) the next read is deferred, resumed by a write's completion or, once the
 * write stalls, by the housekeeping thread ({@link SendQueue#deferRead}). Completions run on the channel group's
 * threads; sends may come from any thread.
 * <p>
 * The service's {@code onClose} is called where the read chain ends: a closed channel fails its read.
 */
final class AsyncSession implements QueuedConnection.Io
{
    private static final Logger LOG = LoggerFactory.getLogger(AsyncSession.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final AsynchronousSocketChannel channel;
    private final ServerCounters counters;
    private final QueuedConnection connection;
    private final SendQueue sendQueue;
    private final UnsafeBuffer readBuffer = new UnsafeBuffer(0, 0);
    private final ReadCompletion onRead = new ReadCompletion();
    private final WriteCompletion onWrite = new WriteCompletion();
    private final boolean full;
    private ByteBuffer readByteBuffer;
    private ConnectionHandler handler;
    private OutboundBuffer writing;

    AsyncSession(
        final long id,
        final AsynchronousSocketChannel channel,
        final int sendQueueBytes,
        final long maxFramesPerSecond,
        final ServerCounters counters,
        final ConnectionRegistry<QueuedConnection> registry,
        final boolean full)
    {
        this.full = full;
        this.channel = channel;
        this.counters = counters;
        this.connection = new QueuedConnection(
            id, channel, sendQueueBytes, maxFramesPerSecond, counters, registry, LOG, this);
        this.sendQueue = connection.sendQueue();
    }

    /**
     * Count the connection as open and register it.
     */
    void open()
    {
        connection.open();
    }

    /**
     * Allocate the read buffer, open the service's handler and issue the first read. Without memory for the
     * buffer the connection is closed and counted; the server serves on.
     *
     * @param service the service to run.
     */
    void start(final Service service)
    {
        if (full)
        {
            // past the connection limit: opened, then closed through the normal close (the service's last words)
            handler = ServiceCalls.onOpen(LOG, service, connection);
            connection.refuse(handler); // no read buffer, no read: the last words are written at once
            connection.notifyClosed(handler);
            return;
        }
        try
        {
            readByteBuffer = DirectBuffers.allocate(READ_BUFFER_BYTES);
        }
        catch (final OutOfMemoryError ex)
        {
            CloseReporting.onAllocationFailed(LOG, connection, ex);
            return;
        }
        readBuffer.wrap(readByteBuffer);
        handler = ServiceCalls.onOpen(LOG, service, connection);
        connection.handler(handler);
        if (null != handler)
        {
            read();
        }
    }

    @Override
    public void onQueued()
    {
        flush();
    }

    @Override
    public void onReadResumed()
    {
        read();
    }

    private void read()
    {
        if (connection.isClosed())
        {
            connection.notifyClosed(handler);
            return;
        }
        if (sendQueue.deferRead(System.nanoTime()))
        {
            return;
        }
        readByteBuffer.clear();
        try
        {
            channel.read(readByteBuffer, this, onRead);
        }
        catch (final RuntimeException ex)
        {
            connection.close(CloseReason.IO_ERROR);
            connection.notifyClosed(handler);
        }
    }

    private void flush()
    {
        final OutboundBuffer outbound = sendQueue.beginWrite();
        if (null != outbound)
        {
            writing = outbound;
            write();
        }
        else if (connection.isDraining() && sendQueue.claimOutputShutdown())
        {
            try
            {
                channel.shutdownOutput();
                connection.onOutputShut();
            }
            catch (final IOException ex)
            {
                connection.close(CloseReason.IO_ERROR);
            }
        }
    }

    private void write()
    {
        try
        {
            channel.write(writing.view(), this, onWrite);
        }
        catch (final RuntimeException ex)
        {
            connection.close(CloseReason.IO_ERROR);
        }
    }

    private void onWritten(final int bytesWritten)
    {
        counters.onBytesOut(bytesWritten);
        writing.onWritten(bytesWritten);
        if (!writing.isEmpty())
        {
            write();
            return;
        }
        final boolean readResumed = sendQueue.finishWrite();
        flush();
        if (readResumed)
        {
            read();
        }
    }

    private static final class ReadCompletion implements CompletionHandler<Integer, AsyncSession>
    {
        @Override
        public void completed(final Integer bytesRead, final AsyncSession session)
        {
            final QueuedConnection connection = session.connection;
            connection.onRead(session.handler, session.readBuffer, bytesRead);
            if (connection.isPeerClosed() && !connection.isClosed())
            {
                return; // EOF: no read until the queued replies are written and the close resumes the chain
            }
            session.read();
        }

        @Override
        public void failed(final Throwable ex, final AsyncSession session)
        {
            session.connection.close(CloseReason.IO_ERROR);
            session.connection.notifyClosed(session.handler);
        }
    }

    private static final class WriteCompletion implements CompletionHandler<Integer, AsyncSession>
    {
        @Override
        public void completed(final Integer bytesWritten, final AsyncSession session)
        {
            session.onWritten(bytesWritten);
        }

        @Override
        public void failed(final Throwable ex, final AsyncSession session)
        {
            session.connection.close(CloseReason.IO_ERROR);
            session.sendQueue.abandonWrite();
        }
    }
}
