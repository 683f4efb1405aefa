package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.service.Connection;
import org.agrona.DirectBuffer;

/**
 * What the connections of the single-thread loops ({@code selector}, {@code reactors}, {@code polling}) share:
 * an id and a bounded {@link OutboundBuffer} that sends append to, on the loop's thread, without a lock. A send
 * that would pass the bound closes the connection as a {@link CloseReason#SLOW_CONSUMER}.
 */
public abstract class LoopConnection implements Connection
{
    private final long id;
    private final OutboundBuffer outbound;

    /**
     * @param id the connection's id.
     * @param sendQueueBytes the bound on bytes queued for the peer.
     */
    protected LoopConnection(final long id, final int sendQueueBytes)
    {
        this.id = id;
        this.outbound = new OutboundBuffer(sendQueueBytes);
    }

    @Override
    public final long id()
    {
        return id;
    }

    /**
     * @return the bytes queued for the peer; the owning loop writes them.
     */
    public final OutboundBuffer outbound()
    {
        return outbound;
    }

    @Override
    public final boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        return !isClosed() && queued(outbound.append(buffer, offset, length));
    }

    @Override
    public final boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        return !isClosed() && queued(outbound.appendFrame(type, body, bodyOffset, bodyLength));
    }

    @Override
    public String toString()
    {
        return "session-" + id;
    }

    /**
     * @return true once the loop has closed the connection.
     */
    protected abstract boolean isClosed();

    /**
     * Bytes were queued: a loop that flushes only the connections that queued something notes it here.
     */
    protected abstract void onQueued();

    private boolean queued(final boolean appended)
    {
        if (!appended)
        {
            close(CloseReason.SLOW_CONSUMER);
            return false;
        }
        onQueued();
        return true;
    }
}
