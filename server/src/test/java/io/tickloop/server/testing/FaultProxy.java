package io.tickloop.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback for tests: it accepts clients, connects each to the target and forwards bytes both ways
 * through {@link Faults} (latency, a bandwidth limit, one-byte writes, a reset after so many bytes).
 * <p>
 * Each direction of a connection is two platform threads: a reader that stamps what it reads with the time it may
 * leave, and a writer that waits for that time, paces and slices. Order is kept; nothing is dropped or repeated
 * unless a reset is asked for. A reader's end (EOF) becomes a half-close on the other side, a reader's error a
 * reset on the other side, so the endpoints see what they would see without the proxy. {@link #close()} closes every
 * socket and joins every thread; call it in a finally (try-with-resources).
 */
public final class FaultProxy implements AutoCloseable
{
    private static final long JOIN_TIMEOUT_MS = 5_000;
    private static final int READ_BYTES = 16 * 1024;
    private static final long PACING_SLACK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final InetSocketAddress target;
    private final Faults faults;
    private final ServerSocket listener;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private FaultProxy(final InetSocketAddress target, final Faults faults) throws IOException
    {
        this.target = target;
        this.faults = faults;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("faultproxy-accept").start(this::acceptLoop);
    }

    /**
     * @param target where to connect each client.
     * @param faults what to do to the bytes.
     * @return a running proxy on a free loopback port.
     */
    public static FaultProxy start(final InetSocketAddress target, final Faults faults) throws IOException
    {
        return new FaultProxy(target, faults);
    }

    /**
     * @return where clients connect.
     */
    public InetSocketAddress address()
    {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    @Override
    public void close()
    {
        closed = true;
        closeQuietly(listener);
        join(acceptor);
        final List<Thread> toJoin;
        synchronized (this)
        {
            sockets.forEach(FaultProxy::closeQuietly);
            threads.forEach(Thread::interrupt);
            toJoin = List.copyOf(threads);
        }
        toJoin.forEach(FaultProxy::join);
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join(JOIN_TIMEOUT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive())
        {
            throw new IllegalStateException(thread.getName() + " did not stop within " + JOIN_TIMEOUT_MS + " ms");
        }
    }

    private void acceptLoop()
    {
        int connectionId = 0;
        while (!closed)
        {
            try
            {
                final Socket client = listener.accept();
                final Socket server = new Socket();
                registerSocket(client);
                registerSocket(server);
                server.connect(target, (int)JOIN_TIMEOUT_MS);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                final Connection connection = new Connection(client, server);
                final String name = "faultproxy-" + connectionId++;
                startPump(name + "-up", client, server, connection, false);
                startPump(name + "-down", server, client, connection, true);
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    ex.printStackTrace();
                }
            }
        }
    }

    private synchronized void registerSocket(final Socket socket) throws IOException
    {
        if (closed)
        {
            socket.close();
            throw new IOException("the proxy is closed");
        }
        sockets.add(socket);
    }

    private synchronized void startPump(
        final String name, final Socket from, final Socket to, final Connection connection, final boolean toClient)
    {
        if (closed)
        {
            return;
        }
        final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        threads.add(Thread.ofPlatform().daemon().name(name + "-read").start(() -> read(from, queue)));
        threads.add(Thread.ofPlatform().daemon().name(name + "-write")
            .start(() -> new Writer(to, connection, toClient).run(queue)));
    }

    private void read(final Socket from, final LinkedBlockingQueue<Chunk> queue)
    {
        final byte[] buffer = new byte[READ_BYTES];
        try
        {
            final InputStream in = from.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0)
            {
                queue.add(new Chunk(Arrays.copyOf(buffer, n), dueNs()));
            }
            queue.add(new Chunk(Chunk.EOF, dueNs()));
        }
        catch (final IOException ex)
        {
            queue.add(new Chunk(Chunk.RESET, 0));
        }
    }

    private long dueNs()
    {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(faults.latencyMs());
    }

    /** Writes one direction: waits for each chunk's time, paces to the bandwidth, slices, resets when told. */
    private final class Writer
    {
        private final Socket to;
        private final Connection connection;
        private final boolean toClient;
        private long written;
        private long nextWriteNs;

        Writer(final Socket to, final Connection connection, final boolean toClient)
        {
            this.to = to;
            this.connection = connection;
            this.toClient = toClient;
        }

        void run(final LinkedBlockingQueue<Chunk> queue)
        {
            try
            {
                final OutputStream out = to.getOutputStream();
                while (true)
                {
                    final Chunk chunk = queue.take();
                    if (chunk.bytes() == Chunk.RESET)
                    {
                        reset(to);
                        return;
                    }
                    if (chunk.bytes() == Chunk.EOF)
                    {
                        to.shutdownOutput();
                        return;
                    }
                    sleepUntil(chunk.dueNs());
                    if (!write(out, chunk.bytes()))
                    {
                        connection.reset();
                        return;
                    }
                }
            }
            catch (final IOException | InterruptedException ex)
            {
                // The other side went away or the proxy is closing: this direction is done.
            }
        }

        /** @return false when the reset point was reached. */
        private boolean write(final OutputStream out, final byte[] bytes) throws IOException, InterruptedException
        {
            final long limit = toClient && faults.resetToClientAfterBytes() >= 0 ?
                faults.resetToClientAfterBytes() - written : Long.MAX_VALUE;
            final int length = (int)Math.min(bytes.length, limit);
            final int slice = faults.oneByteWrites() ? 1 : faults.bytesPerSecond() > 0 ?
                Math.max(1, faults.bytesPerSecond() / 100) : length;
            for (int offset = 0; offset < length; offset += slice)
            {
                final int n = Math.min(slice, length - offset);
                out.write(bytes, offset, n);
                out.flush();
                written += n;
                pace(n);
            }
            return length == bytes.length;
        }

        /**
         * Each write books its time on the wire; an idle spell earns no burst. Sleeps only once a millisecond
         * ahead: a sleep overshoots by tens of microseconds, which per byte would cut the rate tenfold.
         */
        private void pace(final int bytes) throws InterruptedException
        {
            if (faults.bytesPerSecond() > 0)
            {
                final long nowNs = System.nanoTime();
                nextWriteNs = Math.max(nextWriteNs, nowNs) + bytes * 1_000_000_000L / faults.bytesPerSecond();
                if (nextWriteNs - nowNs > PACING_SLACK_NS)
                {
                    sleepUntil(nextWriteNs);
                }
            }
        }
    }

    /** Both sockets of one proxied connection. */
    private record Connection(Socket client, Socket server)
    {
        void reset()
        {
            FaultProxy.reset(client);
            FaultProxy.reset(server);
        }
    }

    /** What a reader hands its writer: bytes, or the end of the stream, or an error. */
    private record Chunk(byte[] bytes, long dueNs)
    {
        static final byte[] EOF = new byte[0];
        static final byte[] RESET = new byte[0];
    }

    private static void sleepUntil(final long deadlineNs) throws InterruptedException
    {
        long leftNs;
        while ((leftNs = deadlineNs - System.nanoTime()) > 0)
        {
            TimeUnit.NANOSECONDS.sleep(leftNs);
        }
    }

    /** Close with SO_LINGER 0, which makes the kernel send RST instead of FIN. */
    private static void reset(final Socket socket)
    {
        try
        {
            socket.setSoLinger(true, 0);
        }
        catch (final IOException ex)
        {
            // Already closed: nothing to reset.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            // Closing on the way out: nothing more to do.
        }
    }
}
