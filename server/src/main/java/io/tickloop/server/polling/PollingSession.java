package io.tickloop.server.polling;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.transport.LoopConnection;
import io.tickloop.server.transport.PartialFrameClock;

import java.nio.channels.SocketChannel;

/**
 * One connection of a {@link PollingLoop}: its non-blocking channel, its bounded outbound buffer and the
 * service's handler. Every method runs on the loop's thread.
 */
final class PollingSession extends LoopConnection
{
    final SocketChannel channel;
    final PartialFrameClock frameClock = new PartialFrameClock();
    ConnectionHandler handler;
    boolean closed;
    boolean draining;
    boolean outputShut;

    private final PollingLoop loop;

    PollingSession(final long id, final SocketChannel channel, final int sendQueueBytes, final PollingLoop loop)
    {
        super(id, sendQueueBytes);
        this.channel = channel;
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
        // the polling loop tries to write every connection on every turn
    }
}
