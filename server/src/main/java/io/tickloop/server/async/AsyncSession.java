package io.tickloop.server.async;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.Closes;
import io.tickloop.server.transport.ConnectionRegistry;
import io.tickloop.server.transport.OutboundBuffer;
import io.tickloop.server.transport.PartialFrameClock;
import io.tickloop.server.transport.SendQueue;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection of the {@code async} model, the Overlapped/IOCP pattern: exactly one read outstanding, issued
 * again from its own completion, so the service's handler is called one completion at a time; at most one
 * write outstanding, taking what the bounded {@link SendQueue} holds, the next issued from the previous one's
 * completion. Completions run on the channel group's threads; sends may come from any thread.
 * <p>
 * The service's {@code onClose} is called where the read chain ends: a closed channel fails its read.
 */
final class AsyncSession implements Connection, ConnectionRegistry.Member
{
    private static final Logger LOG = LoggerFactory.getLogger(AsyncSession.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final long id;
    private final AsynchronousSocketChannel channel;
    private final ServerCounters counters;
    private final ConnectionRegistry<AsyncSession> registry;
    private final SendQueue sendQueue;
    private final PartialFrameClock frameClock = new PartialFrameClock();
    private final ByteBuffer readByteBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer readBuffer = new UnsafeBuffer(readByteBuffer);
    private final ReadCompletion onRead = new ReadCompletion();
    private final WriteCompletion onWrite = new WriteCompletion();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CloseReason closeReason;
    private volatile boolean draining;
    private ConnectionHandler handler;
    private OutboundBuffer writing;

    AsyncSession(
        final long id,
        final AsynchronousSocketChannel channel,
        final int sendQueueBytes,
        final ServerCounters counters,
        final ConnectionRegistry<AsyncSession> registry)
    {
        this.id = id;
        this.channel = channel;
        this.counters = counters;
        this.registry = registry;
        this.sendQueue = new SendQueue(sendQueueBytes);
    }

    /**
     * Count the connection as open and register it.
     */
    void open()
    {
        counters.onAccepted();
        registry.add(this);
    }

    /**
     * Open the service's handler and issue the first read.
     *
     * @param service the service to run.
     */
    void start(final Service service)
    {
        try
        {
            handler = service.onOpen(this);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the service failed", this, ex);
            close(CloseReason.INTERNAL_ERROR);
            return;
        }
        read();
    }

    @Override
    public long id()
    {
        return id;
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        return !closed.get() && queued(sendQueue.append(buffer, offset, length));
    }

    @Override
    public boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        return !closed.get() && queued(sendQueue.appendFrame(type, body, bodyOffset, bodyLength));
    }

    @Override
    public ServerCounters counters()
    {
        return counters;
    }

    @Override
    public PartialFrameClock frameClock()
    {
        return frameClock;
    }

    @Override
    public void beginDrain()
    {
        draining = true;
        sendQueue.beginDrain();
        flush();
    }

    @Override
    public void close(final CloseReason reason)
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        closeReason = reason;
        final int queuedBytes = sendQueue.queuedBytes();
        sendQueue.close();
        registry.remove(this);
        Closes.onClosed(LOG, counters, this, reason, queuedBytes);
        CloseHelper.quietClose(channel);
    }

    @Override
    public String toString()
    {
        return "session-" + id;
    }

    private boolean queued(final boolean appended)
    {
        if (!appended)
        {
            close(CloseReason.SLOW_CONSUMER);
            return false;
        }
        flush();
        return true;
    }

    private void read()
    {
        if (closed.get())
        {
            Closes.notifyHandler(LOG, this, handler, closeReason);
            return;
        }
        readByteBuffer.clear();
        try
        {
            channel.read(readByteBuffer, this, onRead);
        }
        catch (final RuntimeException ex)
        {
            close(CloseReason.IO_ERROR);
            Closes.notifyHandler(LOG, this, handler, closeReason);
        }
    }

    private void onRead(final int bytesRead)
    {
        if (bytesRead < 0)
        {
            close(draining ? CloseReason.SHUTTING_DOWN : CloseReason.PEER_CLOSED);
        }
        else
        {
            counters.onBytesIn(bytesRead);
            if (!draining && bytesRead > 0)
            {
                try
                {
                    handler.onBytes(readBuffer, 0, bytesRead);
                    frameClock.onBytesHandled(handler.partialFrameSeq(), System.nanoTime());
                }
                catch (final RuntimeException ex)
                {
                    LOG.error("{}: the service failed", this, ex);
                    close(CloseReason.INTERNAL_ERROR);
                }
            }
        }
        read();
    }

    private void flush()
    {
        final OutboundBuffer outbound = sendQueue.beginWrite();
        if (null != outbound)
        {
            writing = outbound;
            write();
        }
        else if (draining && sendQueue.claimOutputShutdown())
        {
            try
            {
                channel.shutdownOutput();
            }
            catch (final IOException ex)
            {
                close(CloseReason.IO_ERROR);
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
            close(CloseReason.IO_ERROR);
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
        sendQueue.finishWrite();
        flush();
    }

    private static final class ReadCompletion implements CompletionHandler<Integer, AsyncSession>
    {
        @Override
        public void completed(final Integer bytesRead, final AsyncSession session)
        {
            session.onRead(bytesRead);
        }

        @Override
        public void failed(final Throwable ex, final AsyncSession session)
        {
            session.close(CloseReason.IO_ERROR);
            Closes.notifyHandler(LOG, session, session.handler, session.closeReason);
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
            session.close(CloseReason.IO_ERROR);
        }
    }
}
