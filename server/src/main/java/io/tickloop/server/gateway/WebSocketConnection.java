package io.tickloop.server.gateway;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.websocket.WebSocketDescriptor;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The connection a service sees behind the gateway: each frame it sends leaves as one binary WebSocket message,
 * a header of 2 to 10 bytes put before the frame in the same send into the transport's queue, so nothing another
 * thread queues (a pong, the close words of a reading thread that fails the connection) lands inside a message
 * and a full queue takes all of it or none. The rest is the transport connection's own.
 */
final class WebSocketConnection implements Connection
{
    private final Connection transport;
    private final WebSocketSession session;
    /** The WebSocket header, then the service's own header if it sends one; used under the lock. */
    private final ExpandableArrayBuffer header =
        new ExpandableArrayBuffer(WebSocketFrames.MAX_SERVER_HEADER + FrameDescriptor.HEADER_LENGTH);
    private final Object lock = new Object();

    WebSocketConnection(final Connection transport, final WebSocketSession session)
    {
        this.transport = transport;
        this.session = session;
    }

    @Override
    public long id()
    {
        return transport.id();
    }

    @Override
    public int localPort()
    {
        return transport.localPort();
    }

    /**
     * Frames, whole: a service sends whole frames, one or a batch; bytes that do not parse as one (never from the
     * services here) leave as one message, so nothing is dropped.
     */
    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        synchronized (lock)
        {
            int position = offset;
            final int end = offset + length;
            while (position < end)
            {
                final int left = end - position;
                final int frameLength = left < FrameDescriptor.HEADER_LENGTH ? left :
                    FrameDescriptor.frameLength(buffer, position);
                final int messageLength = frameLength < FrameDescriptor.HEADER_LENGTH || frameLength > left ?
                    left : frameLength;
                if (!sendMessage(WebSocketDescriptor.OPCODE_BINARY, buffer, position, messageLength))
                {
                    return false;
                }
                position += messageLength;
            }
            return true;
        }
    }

    @Override
    public boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        synchronized (lock)
        {
            final int frameLength = FrameDescriptor.HEADER_LENGTH + bodyLength;
            final int headerLength =
                WebSocketFrames.putHeader(header, 0, WebSocketDescriptor.OPCODE_BINARY, frameLength);
            FrameDescriptor.putHeader(header, headerLength, frameLength, type);
            return transport.sendWithHeader(
                header, headerLength + FrameDescriptor.HEADER_LENGTH, body, bodyOffset, bodyLength);
        }
    }

    @Override
    public boolean sendWithHeader(
        final DirectBuffer serviceHeader, final int serviceHeaderLength, final DirectBuffer body, final int bodyOffset,
        final int bodyLength)
    {
        synchronized (lock)
        {
            final int headerLength = WebSocketFrames.putHeader(
                header, 0, WebSocketDescriptor.OPCODE_BINARY, serviceHeaderLength + bodyLength);
            header.putBytes(headerLength, serviceHeader, 0, serviceHeaderLength);
            return transport.sendWithHeader(header, headerLength + serviceHeaderLength, body, bodyOffset, bodyLength);
        }
    }

    /**
     * A frame of the gateway's own (a pong, a close), from the reading thread.
     */
    boolean sendControl(final int opcode, final DirectBuffer payload, final int offset, final int length)
    {
        synchronized (lock)
        {
            return sendMessage(opcode, payload, offset, length);
        }
    }

    @Override
    public int queuedBytes()
    {
        return transport.queuedBytes();
    }

    /**
     * The service closes: the browser is told why with a close code beside the service's own last words.
     */
    @Override
    public void close(final CloseReason reason)
    {
        session.onServiceClose(reason);
        transport.close(reason);
    }

    @Override
    public ServerCounters counters()
    {
        return transport.counters();
    }

    @Override
    public void executeOnOwner(final Runnable task)
    {
        transport.executeOnOwner(task);
    }

    @Override
    public String toString()
    {
        return transport.toString();
    }

    private boolean sendMessage(final int opcode, final DirectBuffer payload, final int offset, final int length)
    {
        final int headerLength = WebSocketFrames.putHeader(header, 0, opcode, length);
        return transport.sendWithHeader(header, headerLength, payload, offset, length);
    }
}
