package io.tickloop.server.selector;

import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.PingEncoder;
import io.tickloop.server.Server;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.service.PingService;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The selector path allocates nothing per message once warm: buffers and flyweights are made once, ready keys
 * are iterated through a consumer held in a field, sessions live in a primitive map.
 */
class SelectorAllocationTest
{
    private static final int CONNECTIONS = 100;
    private static final int PING_LENGTH = 32;
    private static final int BATCH = 10;

    @Test
    void shouldAllocateLessThanOneKibibyteOnTheLoopThreadFor100kRoundTrips() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Server server = SelectorServer.create(
            ServerOptions.parse("--port", "0"), new PingService(4096));
        final ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        server.start();
        try
        {
            final List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++)
            {
                final Socket socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(20_000);
                socket.connect(server.localAddress());
                sockets.add(socket);
            }
            final long loopThreadId = loopThreadId();

            // Warm up past the first housekeeping turns, whose classes load lazily, and let the JIT settle.
            final long warmUpEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long warmUpRoundTrips = 0;
            while (System.nanoTime() - warmUpEndNs < 0)
            {
                runRoundTrips(clients, sockets, 200);
                warmUpRoundTrips += CONNECTIONS * 200L;
            }
            final long before = threads.getThreadAllocatedBytes(loopThreadId);
            // At least 100,000 round trips, and long enough to cover a few housekeeping turns too.
            final long startNs = System.nanoTime();
            long roundTrips = 0;
            do
            {
                runRoundTrips(clients, sockets, 1_000);
                roundTrips += CONNECTIONS * 1_000L;
            }
            while (System.nanoTime() - startNs < TimeUnit.MILLISECONDS.toNanos(600));
            final long elapsedNs = System.nanoTime() - startNs;
            final long allocated = threads.getThreadAllocatedBytes(loopThreadId) - before;

            System.out.printf("selector loop allocated %d bytes over %d round trips (%.0f round trips/s)%n",
                allocated, roundTrips, roundTrips / (elapsedNs / 1e9));
            assertEquals(warmUpRoundTrips + roundTrips, server.metrics().framesOut());
            assertTrue(allocated < 1024, "allocated " + allocated + " bytes on the loop thread");

            for (final Socket socket : sockets)
            {
                socket.close();
            }
        }
        finally
        {
            clients.shutdownNow();
            server.close();
        }
    }

    private static long loopThreadId()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals(SelectorServer.THREAD_NAME))
            .findFirst()
            .orElseThrow()
            .threadId();
    }

    private static void runRoundTrips(final ExecutorService clients, final List<Socket> sockets, final int perSocket)
        throws Exception
    {
        final List<Future<?>> done = new ArrayList<>();
        for (final Socket socket : sockets)
        {
            done.add(clients.submit(() -> pingPong(socket, perSocket)));
        }
        for (final Future<?> future : done)
        {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    private static Void pingPong(final Socket socket, final int count) throws IOException
    {
        final byte[] batch = new byte[BATCH * PING_LENGTH];
        final byte[] replies = new byte[batch.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(batch);
        final PingEncoder encoder = new PingEncoder();
        final OutputStream out = socket.getOutputStream();
        final InputStream in = socket.getInputStream();
        for (int sent = 0; sent < count; sent += BATCH)
        {
            for (int i = 0; i < BATCH; i++)
            {
                encoder.wrap(buffer, i * PING_LENGTH).header(MessageTypes.PING, PING_LENGTH).seq(sent + i).sendNanos(0);
            }
            out.write(batch);
            int read = 0;
            while (read < replies.length)
            {
                final int n = in.read(replies, read, replies.length - read);
                if (n < 0)
                {
                    throw new IOException("closed by the server");
                }
                read += n;
            }
        }
        return null;
    }

}
