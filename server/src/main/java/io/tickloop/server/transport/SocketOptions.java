package io.tickloop.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * The socket options tickloop sets, in one place so that every model sets the same.
 */
public final class SocketOptions
{
    private SocketOptions()
    {
    }

    /**
     * Options for an accepted connection: TCP_NODELAY, so a small reply leaves at once instead of waiting
     * for Nagle's algorithm to coalesce it with the next.
     *
     * @param channel an accepted connection.
     * @throws IOException when an option cannot be set.
     */
    public static void configureAccepted(final NetworkChannel channel) throws IOException
    {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    /**
     * Bind a listening channel with SO_REUSEADDR, so a restart binds at once even while connections of the
     * previous run linger in TIME_WAIT.
     *
     * @param channel the listening channel.
     * @param address where to listen.
     * @param backlog the accept backlog.
     * @throws IOException when the address cannot be bound.
     */
    public static void bindListening(
        final ServerSocketChannel channel, final InetSocketAddress address, final int backlog) throws IOException
    {
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(address, backlog);
    }

    /**
     * @param channel a bound channel.
     * @return its local port, or -1 when it has none or is closed.
     */
    public static int localPort(final NetworkChannel channel)
    {
        try
        {
            return channel.getLocalAddress() instanceof InetSocketAddress address ? address.getPort() : -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * Bind an asynchronous listening channel with SO_REUSEADDR, as {@link #bindListening(ServerSocketChannel,
     * InetSocketAddress, int)} does.
     *
     * @param channel the listening channel.
     * @param address where to listen.
     * @param backlog the accept backlog.
     * @throws IOException when the address cannot be bound.
     */
    public static void bindListening(
        final AsynchronousServerSocketChannel channel, final InetSocketAddress address, final int backlog)
        throws IOException
    {
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(address, backlog);
    }
}
