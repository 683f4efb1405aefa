package io.tickloop.loadgen.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Starts one engine loop's connects: non-blocking, {@code TCP_NODELAY}, bound round robin to the source
 * addresses by run-wide connection index; and opens a connection's UDP socket when its driver asks.
 */
final class Connector
{
    private final InetSocketAddress target;
    private final List<InetAddress> sourceAddresses;
    private final int firstConnectionIndex;

    Connector(final EngineSettings settings)
    {
        this.target = settings.target();
        this.sourceAddresses = settings.sourceAddresses();
        this.firstConnectionIndex = settings.firstConnectionIndex();
    }

    /**
     * @param index the connection's index in its loop.
     * @return a channel connected already or connecting; closed again when this throws.
     * @throws IOException when the connect could not be started.
     */
    SocketChannel open(final int index) throws IOException
    {
        final SocketChannel channel = SocketChannel.open();
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (!sourceAddresses.isEmpty())
            {
                final int globalIndex = firstConnectionIndex + index;
                channel.bind(new InetSocketAddress(sourceAddresses.get(globalIndex % sourceAddresses.size()), 0));
            }
            channel.connect(target);
            return channel;
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel);
            throw ex;
        }
    }

    /**
     * Open a UDP socket beside a TCP connection: bound to the connection's local address, connected to
     * {@code target} (so the kernel drops datagrams from anyone else), non-blocking and registered for reads.
     *
     * @param tcp the connection, up.
     * @param target the server's UDP address.
     * @param selector the loop's selector.
     * @param attachment the key's attachment.
     * @return the channel; closed again when this throws.
     * @throws IOException when it cannot be opened.
     */
    static DatagramChannel openDatagram(
        final SocketChannel tcp, final InetSocketAddress target, final Selector selector, final Object attachment)
        throws IOException
    {
        final DatagramChannel datagram = DatagramChannel.open();
        try
        {
            datagram.bind(new InetSocketAddress(tcp.socket().getLocalAddress(), 0));
            datagram.connect(target);
            datagram.configureBlocking(false);
            datagram.register(selector, SelectionKey.OP_READ, attachment);
            return datagram;
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(datagram);
            throw ex;
        }
    }

    /**
     * @param channel to close, or null.
     */
    static void closeQuietly(final Channel channel)
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // nothing more to do with a channel that failed to close
            }
        }
    }
}
