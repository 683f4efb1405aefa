package io.tickloop.server.selector;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.transport.OutboundBuffer;
import org.agrona.DirectBuffer;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection on a {@link SelectorLoop}: its channel and key, its bounded outbound buffer, and the
 * service's handler. Every method runs on the loop's thread.
 */
final class SelectorSession implements Connection
{
    final long id;
    final SocketChannel channel;
    final OutboundBuffer outbound;
    final SelectionKey key;
    ConnectionHandler handler;
    boolean closed;
    boolean draining;
    boolean dirty;
    long partialFrameSeq;
    long partialFrameSinceNs;
    boolean outputShut;

    private final SelectorLoop loop;

    SelectorSession(
        final long id,
        final SocketChannel channel,
        final SelectionKey key,
        final int sendQueueBytes,
        final SelectorLoop loop)
    {
        this.id = id;
        this.channel = channel;
        this.key = key;
        this.outbound = new OutboundBuffer(sendQueueBytes);
        this.loop = loop;
    }

    @Override
    public long id()
    {
        return id;
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        return !closed && queued(outbound.append(buffer, offset, length));
    }

    @Override
    public boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        return !closed && queued(outbound.appendFrame(type, body, bodyOffset, bodyLength));
    }

    @Override
    public void close(final CloseReason reason)
    {
        loop.close(this, reason);
    }

    @Override
    public ServerCounters counters()
    {
        return loop.counters();
    }

    @Override
    public void executeOnOwner(final Runnable task)
    {
        loop.execute(task);
    }

    private boolean queued(final boolean appended)
    {
        if (!appended)
        {
            loop.close(this, CloseReason.SLOW_CONSUMER);
            return false;
        }
        loop.markDirty(this);
        return true;
    }

    @Override
    public String toString()
    {
        return "session-" + id;
    }
}
