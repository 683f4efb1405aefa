package io.tickloop.loadgen.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Opens one engine thread's connections: non-blocking, {@code TCP_NODELAY}, bound round robin to the source
 * addresses, registered with the thread's Selector for OP_CONNECT (or OP_READ when the connect completed at
 * once). A connect that fails is counted as a {@link ErrorKind#CONNECT} error.
 */
final class Connector
{
    private final InetSocketAddress target;
    private final List<InetAddress> sourceAddresses;
    private final int firstConnectionIndex;
    private final int messageSize;
    private final int writeTimesCapacity;
    private final LoadCounters counters;

    Connector(
        final LoadConfig config,
        final int firstConnectionIndex,
        final int writeTimesCapacity,
        final LoadCounters counters)
    {
        this.target = config.target();
        this.sourceAddresses = config.effectiveSourceAddresses();
        this.firstConnectionIndex = firstConnectionIndex;
        this.messageSize = config.messageSize();
        this.writeTimesCapacity = writeTimesCapacity;
        this.counters = counters;
    }

    /**
     * Start a connect.
     *
     * @param selector the thread's Selector.
     * @param index the connection's index in this thread.
     * @param nowNs when the connect starts.
     * @return the connection, its channel connected already or connecting; null when the connect failed.
     */
    ClientSession open(final Selector selector, final int index, final long nowNs)
    {
        SocketChannel channel = null;
        try
        {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (!sourceAddresses.isEmpty())
            {
                final int globalIndex = firstConnectionIndex + index;
                channel.bind(new InetSocketAddress(sourceAddresses.get(globalIndex % sourceAddresses.size()), 0));
            }
            final ClientSession session = new ClientSession(index, channel, messageSize, writeTimesCapacity);
            session.connectStartNs = nowNs;
            final boolean connected = channel.connect(target);
            session.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
                session);
            return session;
        }
        catch (final IOException | RuntimeException ex)
        {
            counters.error(ErrorKind.CONNECT);
            closeQuietly(channel);
            return null;
        }
    }

    /**
     * Finish a connect the Selector says is ready.
     *
     * @param session the connection.
     * @return true when it is up; false when it is still connecting or failed (then it is closed).
     */
    boolean finish(final ClientSession session)
    {
        try
        {
            if (session.channel.finishConnect())
            {
                session.key.interestOps(SelectionKey.OP_READ);
                return true;
            }
            return false;
        }
        catch (final IOException ex)
        {
            counters.error(ErrorKind.CONNECT);
            session.state = ClientSession.CLOSED;
            session.key.cancel();
            closeQuietly(session.channel);
            return false;
        }
    }

    /**
     * @param channel to close, or null.
     */
    static void closeQuietly(final SocketChannel channel)
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
