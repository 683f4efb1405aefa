package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.Service;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.slf4j.Logger;

/**
 * How every socket model calls a service's handler: a service that throws is a bug, logged once with its stack
 * trace; it costs the one connection it was serving (closed as {@link CloseReason#INTERNAL_ERROR}) and never the
 * thread that called it.
 */
public final class ServiceCalls
{
    private ServiceCalls()
    {
    }

    /**
     * Open a connection with the service.
     *
     * @param log the model's logger.
     * @param service the server's service.
     * @param connection the new connection; closed if the service throws.
     * @return the service's handler for it, or null when the service threw.
     */
    public static ConnectionHandler onOpen(final Logger log, final Service service, final Connection connection)
    {
        try
        {
            return service.onOpen(connection);
        }
        catch (final RuntimeException ex)
        {
            log.error("{}: the service failed to open it", connection, ex);
            connection.close(CloseReason.INTERNAL_ERROR);
            return null;
        }
    }

    /**
     * Hand bytes read to the service, then note whether a frame is left incomplete (for the frame timeout) and
     * charge the frames received to the connection's allowance (past it: closed as {@link CloseReason#FLOODING}).
     *
     * @param log the model's logger.
     * @param connection the connection the bytes came from; closed if the service throws.
     * @param handler the service's handler for it.
     * @param inboundLimits the connection's inbound limits.
     * @param buffer holding the bytes, from offset 0.
     * @param length how many.
     */
    public static void onBytes(
        final Logger log,
        final Connection connection,
        final ConnectionHandler handler,
        final InboundLimits inboundLimits,
        final DirectBuffer buffer,
        final int length)
    {
        try
        {
            handler.onBytes(buffer, 0, length);
            if (!inboundLimits.onBytesHandled(handler.partialFrameSeq(), handler.framesIn(), System.nanoTime()))
            {
                connection.close(CloseReason.FLOODING);
            }
        }
        catch (final RuntimeException ex)
        {
            log.error("{}: the service failed", connection, ex);
            connection.close(CloseReason.INTERNAL_ERROR);
        }
    }

    /**
     * Ask the service for its last words before a close the server decided; a service that fails here is
     * logged, never propagated.
     *
     * @param log the model's logger.
     * @param connection names the connection in the log line.
     * @param handler the service's handler, or null when the service never got to make one.
     * @param reason why the server closes.
     * @param out at least {@value ConnectionHandler#MAX_LAST_WORDS} bytes for the words, from offset 0.
     * @return how many bytes to send, 0 for none (a close the peer caused, a shutdown, nothing to say).
     */
    public static int lastWords(final Logger log, final Object connection, final ConnectionHandler handler,
        final CloseReason reason, final MutableDirectBuffer out)
    {
        if (null == handler || !reason.isServerDecided())
        {
            return 0;
        }
        try
        {
            return handler.lastWords(reason, out);
        }
        catch (final RuntimeException ex)
        {
            log.error("{}: the service failed to say its last words", connection, ex);
            return 0;
        }
    }

    /**
     * The handler's words before a drain's FIN ({@link ConnectionHandler#drainWords}); a service that fails here
     * is logged, never propagated.
     *
     * @param log the model's logger.
     * @param connection names the connection in the log line.
     * @param handler the connection's handler, or null before it has one.
     * @param out where the words go.
     * @return how many bytes to send, 0 for none.
     */
    public static int drainWords(final Logger log, final Object connection, final ConnectionHandler handler,
        final MutableDirectBuffer out)
    {
        if (null == handler)
        {
            return 0;
        }
        try
        {
            return handler.drainWords(out);
        }
        catch (final RuntimeException ex)
        {
            log.error("{}: the service failed to say its words before the drain's end", connection, ex);
            return 0;
        }
    }

    /**
     * A housekeeping pass for the service's handler; a service that fails here is logged, never propagated.
     *
     * @param log the model's logger.
     * @param connection names the connection in the log line.
     * @param handler the service's handler, or null when the service never got to make one.
     */
    public static void onHousekeeping(final Logger log, final Object connection, final ConnectionHandler handler)
    {
        if (null == handler)
        {
            return;
        }
        try
        {
            handler.onHousekeeping();
        }
        catch (final RuntimeException ex)
        {
            log.error("{}: the service failed in housekeeping", connection, ex);
        }
    }

    /**
     * Tell the service a connection has closed; a service that fails here is logged, never propagated.
     *
     * @param log the model's logger.
     * @param connection names the connection in the log line.
     * @param handler the service's handler, or null when the service never got to make one.
     * @param reason why it closed.
     */
    public static void onClose(
        final Logger log, final Object connection, final ConnectionHandler handler, final CloseReason reason)
    {
        if (null == handler)
        {
            return;
        }
        try
        {
            handler.onClose(reason);
        }
        catch (final RuntimeException ex)
        {
            log.error("{}: the service failed while closing", connection, ex);
        }
    }
}
