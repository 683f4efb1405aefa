package io.tickloop.lessons;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Lesson 1: a write hands bytes to the kernel, not to the peer. A blocking write returns while the peer has read
 * nothing; a sender that keeps writing to a peer that never reads is stopped only once its send buffer and the
 * peer's receive buffer are both full.
 */
public final class KernelBuffersLesson implements Lesson
{
    /** The buffer size asked for in the second fill, to show what the kernel makes of a request. */
    public static final int REQUESTED_BUFFER_BYTES = 64 * 1024;

    private static final int FIRST_WRITE_BYTES = 1000;
    private static final int CHUNK_BYTES = 16 * 1024;
    private static final long MAX_FILL_BYTES = 256L * 1024 * 1024;
    private static final int ZERO_WRITES_TO_STOP = 5;
    private static final long ZERO_WRITE_PAUSE_MS = 20;
    private static final long TIMEOUT_MS = 20_000;

    @Override
    public int number()
    {
        return 1;
    }

    @Override
    public String title()
    {
        return "Kernel buffers: a write returns before the peer reads";
    }

    @Override
    public String claim()
    {
        return "send() copies into the kernel's send buffer and returns; only full buffers stop a sender.";
    }

    @Override
    public Result run() throws IOException
    {
        final FirstWrite firstWrite;
        try (Loopback.Pair pair = Loopback.connect(0))
        {
            firstWrite = firstWrite(pair);
        }
        final Fill defaults;
        try (Loopback.Pair pair = Loopback.connect(0))
        {
            defaults = fill(pair, 0);
        }
        final Fill requested;
        try (Loopback.Pair pair = Loopback.connect(REQUESTED_BUFFER_BYTES))
        {
            requested = fill(pair, REQUESTED_BUFFER_BYTES);
        }
        return new Result(firstWrite, defaults, requested);
    }

    private static FirstWrite firstWrite(final Loopback.Pair pair) throws IOException
    {
        final ByteBuffer message = ByteBuffer.allocate(FIRST_WRITE_BYTES);
        final long startNs = System.nanoTime();
        final int written = pair.client().write(message);
        final long writeNs = System.nanoTime() - startNs;
        final int[] queued = new int[1];
        Loopback.await(() -> (queued[0] = available(pair.server())) == written, TIMEOUT_MS, "the bytes to arrive");
        return new FirstWrite(written, writeNs, 0, queued[0]);
    }

    private static int available(final SocketChannel channel)
    {
        try
        {
            return channel.socket().getInputStream().available();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static Fill fill(final Loopback.Pair pair, final int requestedBytes) throws IOException
    {
        final SocketChannel client = pair.client();
        final SocketChannel server = pair.server();
        final int sndBufAtStart = client.getOption(StandardSocketOptions.SO_SNDBUF);
        final int rcvBufAtStart = server.getOption(StandardSocketOptions.SO_RCVBUF);
        client.configureBlocking(false);

        final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        long acceptedBytes = 0;
        int writes = 0;
        int zeroWrites = 0;
        while (zeroWrites < ZERO_WRITES_TO_STOP)
        {
            if (acceptedBytes >= MAX_FILL_BYTES || System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the sender was never stopped: " + acceptedBytes + " bytes accepted");
            }
            chunk.clear();
            final int written = client.write(chunk);
            writes++;
            if (written == 0)
            {
                zeroWrites++;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ZERO_WRITE_PAUSE_MS));
            }
            else
            {
                acceptedBytes += written;
                zeroWrites = 0;
            }
        }
        final int sndBufWhenFull = client.getOption(StandardSocketOptions.SO_SNDBUF);
        final int rcvBufWhenFull = server.getOption(StandardSocketOptions.SO_RCVBUF);
        final int queuedAtPeer = available(server);
        final long readBack = drain(server, acceptedBytes, deadlineNs);
        return new Fill(requestedBytes, sndBufAtStart, rcvBufAtStart, sndBufWhenFull, rcvBufWhenFull,
            acceptedBytes, writes, queuedAtPeer, readBack);
    }

    private static long drain(final SocketChannel server, final long expectedBytes, final long deadlineNs)
        throws IOException
    {
        server.configureBlocking(false);
        final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        long readBytes = 0;
        while (readBytes < expectedBytes && System.nanoTime() - deadlineNs < 0)
        {
            buffer.clear();
            final int read = server.read(buffer);
            if (read < 0)
            {
                break;
            }
            readBytes += read;
            if (read == 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        return readBytes;
    }

    private static String sysctl(final String name)
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of("/proc/sys/net/ipv4", name));
            return String.join(" ", lines).trim().replaceAll("\\s+", " ");
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }

    /**
     * The first, blocking write of a connection.
     *
     * @param writtenBytes what {@code write} returned.
     * @param writeNs how long it took.
     * @param peerReadBytes what the peer's application had read when it returned: nothing.
     * @param peerQueuedBytes what the peer's kernel then held for it (FIONREAD, {@code available()}).
     */
    public record FirstWrite(int writtenBytes, long writeNs, int peerReadBytes, int peerQueuedBytes)
    {
    }

    /**
     * Writing without the peer reading, until the kernel takes no more.
     *
     * @param requestedBytes the SO_SNDBUF/SO_RCVBUF asked for, 0 for the kernel's defaults.
     * @param sndBufAtStartBytes the sender's SO_SNDBUF as reported after connecting.
     * @param rcvBufAtStartBytes the receiver's SO_RCVBUF as reported after connecting.
     * @param sndBufWhenFullBytes the sender's SO_SNDBUF when writes stopped (autotuning may have grown it).
     * @param rcvBufWhenFullBytes the receiver's SO_RCVBUF when writes stopped.
     * @param acceptedBytes the bytes the kernel took before {@code write} returned only 0.
     * @param writes the {@code write} calls made, the final zero-returning ones included.
     * @param queuedAtPeerBytes what the receiver's kernel held, unread, when writes stopped.
     * @param readBackBytes what the receiver read once it started reading: every accepted byte.
     */
    public record Fill(
        int requestedBytes,
        int sndBufAtStartBytes,
        int rcvBufAtStartBytes,
        int sndBufWhenFullBytes,
        int rcvBufWhenFullBytes,
        long acceptedBytes,
        int writes,
        int queuedAtPeerBytes,
        long readBackBytes)
    {
        /**
         * @return the accepted bytes that were still in the sender's kernel: accepted less what reached the peer.
         */
        public long heldBySenderBytes()
        {
            return acceptedBytes - queuedAtPeerBytes;
        }

        String describe()
        {
            final String asked = requestedBytes == 0 ? "kernel defaults" :
                "asked for SO_SNDBUF = SO_RCVBUF = " + Loopback.kib(requestedBytes);
            return asked + ": SO_SNDBUF " + Loopback.kib(sndBufAtStartBytes) + " -> " +
                Loopback.kib(sndBufWhenFullBytes) + ", SO_RCVBUF " + Loopback.kib(rcvBufAtStartBytes) + " -> " +
                Loopback.kib(rcvBufWhenFullBytes) + " (at connect -> when full)\n" +
                "    accepted " + Loopback.kib(acceptedBytes) + " in " + writes + " writes before write() " +
                "returned 0; receiver kernel held " + Loopback.kib(queuedAtPeerBytes) + ", sender kernel " +
                Loopback.kib(heldBySenderBytes()) + "; read back " + Loopback.kib(readBackBytes);
        }
    }

    /**
     * What lesson 1 measured.
     *
     * @param firstWrite the first, blocking write.
     * @param defaults the fill with the kernel's buffer sizes.
     * @param requested the fill with {@link #REQUESTED_BUFFER_BYTES} asked for.
     */
    public record Result(FirstWrite firstWrite, Fill defaults, Fill requested) implements LessonResult
    {
        @Override
        public List<String> findings()
        {
            final List<String> findings = new ArrayList<>();
            findings.add(String.format("blocking write of %d bytes returned %d after %.1f us; the peer had read " +
                "%d bytes, its kernel held %d for it", FIRST_WRITE_BYTES, firstWrite.writtenBytes(),
                firstWrite.writeNs() / 1e3, firstWrite.peerReadBytes(), firstWrite.peerQueuedBytes()));
            findings.add(defaults.describe());
            findings.add(requested.describe());
            findings.add("Java reports the " + Loopback.kib(REQUESTED_BUFFER_BYTES) + " asked for, yet the " +
                "kernel holds twice that: Linux doubles a value set to cover its bookkeeping and the JDK halves " +
                "what getsockopt returns, so that get matches set (ss -tm shows rb/tb at the doubled size)");
            findings.add("left alone, autotuning sized the buffers (net.ipv4.tcp_wmem = " + sysctl("tcp_wmem") +
                ", tcp_rmem = " + sysctl("tcp_rmem") + ": min, default, max)");
            findings.add("so a sender is stopped by its own and the receiver's buffers filling, never by the " +
                "peer's read() call; every accepted byte was read back once the peer read");
            return findings;
        }
    }
}
