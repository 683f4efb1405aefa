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
     * @return the local port the connection arrived on, which tells the service's own port from the WebSocket
     * port; -1 when the channel no longer knows it.
     */
    default int localPort()
    {
        return -1;
    }

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
     * Queue a header of the caller's and a copy of the body as one send: no send from another thread lands
     * between them, and the bound takes both or neither. A wrapper that frames a service's bytes again (the
     * WebSocket gateway) puts its header before them with it, so its messages stay whole whatever thread closes.
     *
     * @param header holding the header, from index 0.
     * @param headerLength how long the header is.
     * @param body holding the body.
     * @param bodyOffset where the body starts.
     * @param bodyLength how long the body is.
     * @return false when the connection is closed or was just closed for passing its send-queue bound.
     */
    boolean sendWithHeader(DirectBuffer header, int headerLength, DirectBuffer body, int bodyOffset, int bodyLength);

    /**
     * Bytes queued for the peer and not yet written, as the owning thread last left them. Another thread reads
     * an estimate: it may see bytes already written (never fewer than the sends it made visible, through a lock,
     * before it asked). A service that stages bytes of its own before they reach {@link #send} (the game's
     * outbox under a world thread) counts this against the same send-queue bound, so that the bound is one
     * number however many queues hold a connection's bytes.
     *
     * @return bytes queued for the peer.
     */
    default int queuedBytes()
    {
        return 0;
    }

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
