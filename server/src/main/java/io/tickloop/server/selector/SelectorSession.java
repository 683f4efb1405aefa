package io.tickloop.server.selector;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.transport.LoopConnection;
import io.tickloop.server.transport.PartialFrameClock;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection on a {@link SelectorLoop}: its channel and key, its bounded outbound buffer, and the
 * service's handler. Every method runs on the loop's thread.
 */
final class SelectorSession extends LoopConnection
{
    final SocketChannel channel;
    final SelectionKey key;
    final PartialFrameClock frameClock = new PartialFrameClock();
    ConnectionHandler handler;
    boolean closed;
    boolean draining;
    boolean dirty;
    boolean outputShut;

    private final SelectorLoop loop;

    SelectorSession(
        final long id,
        final SocketChannel channel,
        final SelectionKey key,
        final int sendQueueBytes,
        final SelectorLoop loop)
    {
        super(id, sendQueueBytes);
        this.channel = channel;
        this.key = key;
        this.loop = loop;
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
    protected boolean isClosed()
    {
        return closed;
    }

    @Override
    protected void onQueued()
    {
        loop.markDirty(this);
    }
}
