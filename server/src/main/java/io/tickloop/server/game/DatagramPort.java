package io.tickloop.server.game;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import io.tickloop.protocol.game.GameProtocol;

/**
 * The game's UDP socket: one non-blocking {@link DatagramChannel} beside the TCP listener, unconnected, since it
 * talks to every client. One thread receives (the selector loop, or the receiver of a world-thread model) and
 * the world's thread sends; a {@code DatagramChannel} allows one of each at a time.
 */
final class DatagramPort implements AutoCloseable
{
    /**
     * The socket's receive buffer: every client's datagrams land in this one socket, and while the loop writes a
     * tick's STATEs nobody reads it. Linux's default (208 KiB, ~270 small datagrams) overflowed at 1,000 bots
     * (~9,500 datagrams dropped in 9 s, input p99 up a tick); the kernel caps it at {@code net.core.rmem_max}.
     */
    static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    /** A datagram larger than the protocol's bound is read into this much and dropped as malformed. */
    static final int RECEIVE_BYTES = GameProtocol.MAX_DATAGRAM_BYTES + 1;

    private final DatagramChannel channel;
    private final int port;
    private final ByteBuffer received = BufferUtil.allocateDirectAligned(RECEIVE_BYTES, 64);
    private final UnsafeBuffer receivedView = new UnsafeBuffer(received);
    private final ByteBuffer sending = BufferUtil.allocateDirectAligned(GameProtocol.MAX_DATAGRAM_BYTES, 64);
    private final UnsafeBuffer sendingView = new UnsafeBuffer(sending);

    /**
     * @param host the address to bind, the TCP listener's.
     * @param port the port; 0 picks a free one.
     * @throws IOException when it cannot be bound.
     */
    DatagramPort(final String host, final int port) throws IOException
    {
        channel = DatagramChannel.open();
        try
        {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(host, port));
            channel.configureBlocking(false);
            this.port = ((InetSocketAddress)channel.getLocalAddress()).getPort();
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * @return the port bound.
     */
    int port()
    {
        return port;
    }

    /**
     * @return the channel, for a selector to watch (it is non-blocking).
     */
    DatagramChannel channel()
    {
        return channel;
    }

    /**
     * Receiving thread: take the next datagram, if one is waiting.
     *
     * @return its source, or null when none was waiting; its bytes are in {@link #received()} from 0, for
     * {@link #receivedLength()} bytes.
     * @throws IOException when the channel fails.
     */
    SocketAddress receive() throws IOException
    {
        received.clear();
        return channel.receive(received);
    }

    /**
     * @return the last datagram's bytes (valid until the next {@link #receive()}).
     */
    UnsafeBuffer received()
    {
        return receivedView;
    }

    /**
     * @return the last datagram's length; {@link #RECEIVE_BYTES} when it was longer than the protocol allows.
     */
    int receivedLength()
    {
        return received.position();
    }

    /**
     * @return the world thread's buffer to encode a datagram into, then {@link #send}.
     */
    UnsafeBuffer sending()
    {
        return sendingView;
    }

    /**
     * World thread: send {@code length} bytes of {@link #sending()} to a client.
     *
     * @return false when the kernel had no room for it (dropped) or the send failed.
     */
    boolean send(final int length, final SocketAddress to)
    {
        sending.clear().limit(length);
        try
        {
            return channel.send(sending, to) == length;
        }
        catch (final IOException ex)
        {
            return false; // an ICMP error from an earlier send, say: UDP promised nothing
        }
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
