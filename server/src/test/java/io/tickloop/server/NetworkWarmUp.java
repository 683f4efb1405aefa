package io.tickloop.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The JDK keeps some descriptors for its whole life once networking is first used: the socket pair NIO closes
 * channels through, and the epoll pollers behind virtual threads' blocking I/O. Using both once, before any
 * baseline is taken, keeps them out of the "descriptors left open" checks.
 */
final class NetworkWarmUp
{
    private NetworkWarmUp()
    {
    }

    static void run()
    {
        try
        {
            Thread.ofVirtual().start(NetworkWarmUp::loopbackRoundTrip).join();
            loopbackRoundTrip();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static void loopbackRoundTrip()
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            Socket socket = new Socket("127.0.0.1", ((InetSocketAddress)listener.getLocalAddress()).getPort());
            SocketChannel accepted = listener.accept();
            Selector selector = Selector.open())
        {
            accepted.write(ByteBuffer.wrap(new byte[1]));
            socket.getInputStream().read();
            selector.selectNow();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
