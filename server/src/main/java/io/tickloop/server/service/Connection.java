package io.tickloop.server.service;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import org.agrona.DirectBuffer;

/**
 * A connection as a service sees it, whatever the socket model underneath.
 * <p>
 * Sends queue bytes for the peer and never block. A send that would take the queued bytes past the
 * send-queue bound closes the connection as a {@link CloseReason#SLOW_CONSUMER} and returns false.
 */
public interface Connection
{
    /**
     * @return the connection's id, unique within the server's life.
     */
    long id();

    /**
     * Queue raw bytes for the peer.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     * @return false when the connection is closed or was just closed for passing its send-queue bound.
     */
    boolean send(DirectBuffer buffer, int offset, int length);

    /**
     * Queue one frame for the peer: a header of the given type, then a copy of the body.
     *
     * @param type the message type.
     * @param body holding the body.
     * @param bodyOffset where the body starts.
     * @param bodyLength how long the body is.
     * @return false when the connection is closed or was just closed for passing its send-queue bound.
     */
    boolean sendFrame(int type, DirectBuffer body, int bodyOffset, int bodyLength);

    /**
     * Close the connection for a reason: it is counted and, for a client's fault, logged.
     *
     * @param reason why.
     */
    void close(CloseReason reason);

    /**
     * @return the counters of the server this connection belongs to.
     */
    ServerCounters counters();

    /**
     * Run a task where it may send on and close this connection. A model whose sends are safe from any
     * thread (blocking, virtual, async: the default) runs it at once on the caller's thread; a model whose
     * sends belong to one loop thread (reactors, polling) queues it for that thread and wakes it. Any thread.
     *
     * @param task to run; it should be preallocated, it may be queued.
     */
    default void executeOnOwner(final Runnable task)
    {
        task.run();
    }
}
