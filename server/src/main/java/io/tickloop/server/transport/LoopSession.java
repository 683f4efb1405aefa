package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.DirectBuffer;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection of a {@link ConnectionLoop}: its non-blocking channel, its bounded {@link OutboundBuffer} that
 * sends append to without a lock, and the service's handler. Every method runs on the loop's thread. A send that
 * would pass the bound closes the connection as a {@link CloseReason#SLOW_CONSUMER}.
 */
public final class LoopSession implements Connection
{
    final PartialFrameClock frameClock = new PartialFrameClock();
    ConnectionHandler handler;
    boolean closed;
    boolean draining;
    boolean dirty;
    boolean outputShut;
    int index;

    private final long id;
    private final SocketChannel channel;
    private final OutboundBuffer outbound;
    private final ConnectionLoop loop;
    private SelectionKey key;

    LoopSession(final long id, final SocketChannel channel, final int sendQueueBytes, final ConnectionLoop loop)
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

    /**
     * @return the connection's channel.
     */
    public SocketChannel channel()
    {
        return channel;
    }

    /**
     * @return the channel's key on the loop's Selector, or null under a loop that has none ({@code polling}).
     */
    public SelectionKey key()
    {
        return key;
    }

    /**
     * @param key the channel's key on the loop's Selector, set once when the loop registers it.
     */
    public void key(final SelectionKey key)
    {
        this.key = key;
    }

    /**
     * @return true once the loop has closed the connection.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return the bytes queued for the peer; the loop writes them.
     */
    public OutboundBuffer outbound()
    {
        return outbound;
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
            close(CloseReason.SLOW_CONSUMER);
            return false;
        }
        loop.markDirty(this);
        return true;
    }
}
