package io.tickloop.server.polling;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.transport.OutboundBuffer;
import io.tickloop.server.transport.PartialFrameClock;
import org.agrona.DirectBuffer;

import java.nio.channels.SocketChannel;

/**
 * One connection of a {@link PollingLoop}: its non-blocking channel, its bounded outbound buffer and the
 * service's handler. Every method runs on the loop's thread.
 */
final class PollingSession implements Connection
{
    final long id;
    final SocketChannel channel;
    final OutboundBuffer outbound;
    final PartialFrameClock frameClock = new PartialFrameClock();
    ConnectionHandler handler;
    boolean closed;
    boolean draining;
    boolean outputShut;

    private final PollingLoop loop;

    PollingSession(final long id, final SocketChannel channel, final int sendQueueBytes, final PollingLoop loop)
    {
        this.id = id;
        this.channel = channel;
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

    @Override
    public String toString()
    {
        return "session-" + id;
    }

    private boolean queued(final boolean appended)
    {
        if (!appended)
        {
            loop.close(this, CloseReason.SLOW_CONSUMER);
        }
        return appended;
    }
}
