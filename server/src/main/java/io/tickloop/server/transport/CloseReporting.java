package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * How every socket model reports a connection that ends or is refused: count it and log it the same way (one
 * WARN line for a client's fault, no stack trace). One place, so every model counts and logs alike.
 */
public final class CloseReporting
{
    private CloseReporting()
    {
    }

    /**
     * Count a close and log it: WARN for a protocol error, a slow consumer or a frame timeout, DEBUG otherwise.
     *
     * @param log the model's logger.
     * @param counters where the close is counted.
     * @param connection names the connection in the log line.
     * @param reason why it closed.
     * @param queuedBytes bytes that were still queued for the peer.
     */
    public static void onClosed(
        final Logger log,
        final ServerCounters counters,
        final Object connection,
        final CloseReason reason,
        final long queuedBytes)
    {
        counters.onClosed(reason);
        if (reason.isProtocolError() || reason == CloseReason.SLOW_CONSUMER || reason == CloseReason.FRAME_TIMEOUT)
        {
            log.warn("{} closed: {} ({} bytes were queued for it)", connection, reason, queuedBytes);
        }
        else
        {
            log.debug("{} closed: {}", connection, reason);
        }
    }

    /**
     * What a send does when its bytes were not queued: cut the connection off, as a slow consumer when they would
     * pass the send-queue bound (a service never blocks on a client that does not read), or, with one WARN line,
     * as {@link CloseReason#INTERNAL_ERROR} when the queue could not grow for want of direct memory (counted where
     * it grew): that one connection, never the thread that serves the others.
     *
     * @param log the model's logger.
     * @param connection the connection sent to.
     * @param outOfMemory true when the queue refused for want of memory.
     */
    public static void cutOff(final Logger log, final Connection connection, final boolean outOfMemory)
    {
        if (outOfMemory)
        {
            log.warn("{}: no direct memory to grow its send buffer, closing it", connection);
        }
        connection.close(outOfMemory ? CloseReason.INTERNAL_ERROR : CloseReason.SLOW_CONSUMER);
    }

    /**
     * Whether a just-accepted connection is one past the connection limit. It is refused through the model's
     * normal path all the same: made, opened with the service, then closed as {@link CloseReason#SERVER_FULL},
     * so that a service's last words before a close it did not ask for reach this client too.
     *
     * @param log the model's logger.
     * @param config holding the limit.
     * @param counters holding the open connections, the new one not yet counted.
     * @return true when the connection must be refused.
     */
    public static boolean isFull(final Logger log, final ServerConfig config, final ServerCounters counters)
    {
        if (counters.openConnections() < config.maxConnections())
        {
            return false;
        }
        log.debug("refusing a connection: {} connections open", config.maxConnections());
        return true;
    }

    /**
     * A connection's last words said at once, for a connection closed before any thread or write path of its own
     * exists (one refused past the connection limit, {@link CloseReason#SERVER_FULL}, under the queued models):
     * one write to its new, idle socket, whose send buffer is empty, so the write does not wait. Best effort.
     *
     * @param log the model's logger.
     * @param connection the connection being closed.
     * @param handler the service's handler, or null when it was never made.
     * @param reason why the server closes it.
     * @param channel the connection's channel: a {@link SocketChannel} or an {@link AsynchronousSocketChannel}.
     */
    public static void sayLastWordsAtOnce(
        final Logger log,
        final Connection connection,
        final ConnectionHandler handler,
        final CloseReason reason,
        final Closeable channel)
    {
        final ByteBuffer words = ByteBuffer.allocate(ConnectionHandler.MAX_LAST_WORDS); // a refusal is rare
        words.limit(ServiceCalls.lastWords(log, connection, handler, reason, new UnsafeBuffer(words)));
        if (!words.hasRemaining())
        {
            return;
        }
        try
        {
            if (channel instanceof SocketChannel socket)
            {
                connection.counters().onBytesOut(socket.write(words));
            }
            else if (channel instanceof AsynchronousSocketChannel socket)
            {
                socket.write(words); // started at once on an idle socket; the close that follows ends it
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            log.debug("{}: its last words were not sent: {}", connection, ex.toString());
        }
    }

    /**
     * A connection's read buffer could not be allocated (direct memory exhausted): count it, log one line and
     * close the connection, so that its descriptor, threads and slot are freed and the server serves on.
     *
     * @param log the model's logger.
     * @param connection the connection, counted as open.
     * @param ex the allocation's failure.
     */
    public static void onAllocationFailed(final Logger log, final Connection connection, final OutOfMemoryError ex)
    {
        connection.counters().onAllocationFailed();
        log.warn("{}: no memory for its read buffer, closing it: {}", connection, ex.getMessage());
        connection.close(CloseReason.INTERNAL_ERROR);
    }
}
