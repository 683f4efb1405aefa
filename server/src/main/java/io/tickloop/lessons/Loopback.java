package io.tickloop.lessons;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Loopback plumbing the lessons share: a connected TCP pair, and waiting for a condition with a deadline.
 */
final class Loopback
{
    /** The only address a lesson uses. */
    static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();

    private Loopback()
    {
    }

    /**
     * @return 127.0.0.1 with port 0: the kernel picks a free port.
     */
    static InetSocketAddress anyPort()
    {
        return new InetSocketAddress(ADDRESS, 0);
    }

    /**
     * Connect a client to a fresh listener and accept it; the listener is closed before returning.
     *
     * @param requestedBufferBytes SO_SNDBUF for the client and SO_RCVBUF for the accepted side, set before the
     *                             connection exists (so TCP window scaling sees them); 0 keeps the kernel's.
     * @return both ends, blocking.
     * @throws IOException when loopback fails.
     */
    static Pair connect(final int requestedBufferBytes) throws IOException
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            if (requestedBufferBytes > 0)
            {
                listener.setOption(StandardSocketOptions.SO_RCVBUF, requestedBufferBytes);
            }
            listener.bind(anyPort(), 1);
            final SocketChannel client = SocketChannel.open();
            try
            {
                if (requestedBufferBytes > 0)
                {
                    client.setOption(StandardSocketOptions.SO_SNDBUF, requestedBufferBytes);
                }
                client.connect(listener.getLocalAddress());
                return new Pair(client, listener.accept());
            }
            catch (final IOException | RuntimeException ex)
            {
                client.close();
                throw ex;
            }
        }
    }

    /**
     * Poll a condition every 1 ms until it holds.
     *
     * @param condition what to wait for.
     * @param timeoutMs how long to wait at most.
     * @param what what is awaited, for the message.
     * @throws IllegalStateException when the deadline passes first.
     */
    static void await(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("gave up after " + timeoutMs + " ms waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * @param bytes a byte count.
     * @return it with its KiB value, such as {@code 131072 B (128 KiB)}.
     */
    static String kib(final long bytes)
    {
        return String.format("%,d B (%,.0f KiB)", bytes, bytes / 1024.0);
    }

    /**
     * Both ends of one loopback TCP connection.
     *
     * @param client the end that connected.
     * @param server the accepted end.
     */
    record Pair(SocketChannel client, SocketChannel server) implements AutoCloseable
    {
        @Override
        public void close() throws IOException
        {
            try
            {
                client.close();
            }
            finally
            {
                server.close();
            }
        }
    }
}
