package io.tickloop.server.blocking;

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
import io.tickloop.server.transport.ThreadTracker;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client of a thread-per-connection model, served by two threads of its own: a reader that blocks in
 * {@code read()} and calls the service, and a writer that blocks in {@code write()}. Producers (the reader, or
 * any thread a service sends from) only append to a bounded {@link SendQueue}, so a client that never reads
 * blocks its own writer and nothing else, and is cut off as a slow consumer once the bound is passed.
 * <p>
 * The service's handler is called on the reader thread only, {@code onClose} included: whoever closes the
 * connection closes its channel, which ends the reader's blocked read.
 */
final class BlockingConnection implements Connection, ConnectionRegistry.Member
{
    private static final Logger LOG = LoggerFactory.getLogger(BlockingConnection.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final long id;
    private final SocketChannel channel;
    private final ServerCounters counters;
    private final ConnectionRegistry<BlockingConnection> registry;
    private final SendQueue sendQueue;
    private final PartialFrameClock frameClock = new PartialFrameClock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CloseReason closeReason;
    private volatile boolean draining;

    BlockingConnection(
        final long id,
        final SocketChannel channel,
        final int sendQueueBytes,
        final ServerCounters counters,
        final ConnectionRegistry<BlockingConnection> registry)
    {
        this.id = id;
        this.channel = channel;
        this.counters = counters;
        this.registry = registry;
        this.sendQueue = new SendQueue(sendQueueBytes);
    }

    /**
     * Count the connection as open and start its writer and reader threads. On the acceptor thread.
     *
     * @param service the service to run.
     * @param threads where the threads are started.
     */
    void start(final Service service, final ThreadTracker threads)
    {
        counters.onAccepted();
        registry.add(this);
        try
        {
            threads.start("tickloop-conn-" + id + "-writer", this::writeLoop);
            threads.start("tickloop-conn-" + id + "-reader", () -> readLoop(service));
        }
        catch (final OutOfMemoryError ex)
        {
            LOG.error("{}: cannot start its threads: {}", this, ex.toString());
            close(CloseReason.INTERNAL_ERROR);
        }
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
        }
        return appended;
    }

    private void readLoop(final Service service)
    {
        final ByteBuffer readByteBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        final UnsafeBuffer readBuffer = new UnsafeBuffer(readByteBuffer);
        ConnectionHandler handler = null;
        try
        {
            handler = service.onOpen(this);
            while (!closed.get())
            {
                readByteBuffer.clear();
                final int bytesRead = channel.read(readByteBuffer);
                if (bytesRead < 0)
                {
                    close(draining ? CloseReason.SHUTTING_DOWN : CloseReason.PEER_CLOSED);
                    break;
                }
                counters.onBytesIn(bytesRead);
                if (!draining && bytesRead > 0)
                {
                    handler.onBytes(readBuffer, 0, bytesRead);
                    frameClock.onBytesHandled(handler.partialFrameSeq(), System.nanoTime());
                }
            }
        }
        catch (final IOException ex)
        {
            close(CloseReason.IO_ERROR);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the service failed", this, ex);
            close(CloseReason.INTERNAL_ERROR);
        }
        finally
        {
            Closes.notifyHandler(LOG, this, handler, closeReason);
        }
    }

    private void writeLoop()
    {
        try
        {
            OutboundBuffer outbound;
            while (null != (outbound = sendQueue.awaitWrite()))
            {
                while (!outbound.isEmpty())
                {
                    counters.onBytesOut(outbound.writeTo(channel));
                }
                sendQueue.finishWrite();
            }
            if (sendQueue.claimOutputShutdown())
            {
                channel.shutdownOutput();
            }
        }
        catch (final IOException ex)
        {
            close(CloseReason.IO_ERROR);
        }
        catch (final InterruptedException ex)
        {
            close(CloseReason.SHUTTING_DOWN);
        }
    }
}
