package io.tickloop.lessons;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Lesson 7's experiment, run by {@link HeadOfLineLesson} in a network namespace of its own where packets are
 * dropped: a message of {@link #MESSAGE_BYTES} stamped with its send time goes every {@link #INTERVAL_US} us over a
 * TCP connection and, separately, as a UDP datagram; the receiver records each one's delay. It prints one line per
 * transport: {@code tcp|udp sent received p50Us p99Us p999Us maxUs}.
 */
public final class HeadOfLineProbe
{
    /** Bytes per message: a game input's size. */
    static final int MESSAGE_BYTES = 64;
    /** One message every this many microseconds: 1,000 a second. */
    static final int INTERVAL_US = 1_000;
    /** Messages sent per transport. */
    static final int MESSAGES = 4_000;
    private static final long DRAIN_NS = TimeUnit.SECONDS.toNanos(2);

    private HeadOfLineProbe()
    {
    }

    /**
     * @param args none.
     * @throws Exception when a socket fails.
     */
    public static void main(final String[] args) throws Exception
    {
        System.out.println(tcp());
        System.out.println(udp());
    }

    private static String tcp() throws Exception
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel sender = SocketChannel.open(listener.getLocalAddress());
            SocketChannel receiver = listener.accept())
        {
            sender.socket().setTcpNoDelay(true);
            final Histogram delays = new Histogram(3);
            final Thread reading = new Thread(() -> readStream(receiver, delays), "lesson7-tcp-reader");
            reading.start();
            send(message -> sender.write(message));
            reading.join(TimeUnit.NANOSECONDS.toMillis(DRAIN_NS) + 60_000);
            return line("tcp", delays);
        }
    }

    private static String udp() throws Exception
    {
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            DatagramChannel sender = DatagramChannel.open().connect(receiver.getLocalAddress()))
        {
            receiver.configureBlocking(false);
            final Histogram delays = new Histogram(3);
            final Thread reading = new Thread(() -> readDatagrams(receiver, delays), "lesson7-udp-reader");
            reading.start();
            send(message -> sender.write(message));
            reading.join(TimeUnit.NANOSECONDS.toMillis(DRAIN_NS) + 10_000);
            return line("udp", delays);
        }
    }

    private interface Writer
    {
        void write(ByteBuffer message) throws IOException;
    }

    private static void send(final Writer writer) throws IOException
    {
        final ByteBuffer message = ByteBuffer.allocate(MESSAGE_BYTES);
        final long startNs = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++)
        {
            final long dueNs = startNs + TimeUnit.MICROSECONDS.toNanos((long)i * INTERVAL_US);
            while (System.nanoTime() - dueNs < 0)
            {
                LockSupport.parkNanos(dueNs - System.nanoTime());
            }
            message.clear().putLong(0, dueNs);
            writer.write(message);
        }
    }

    /** A TCP stream: 64-byte messages are reassembled from whatever each read returns. */
    private static void readStream(final SocketChannel channel, final Histogram delays)
    {
        final ByteBuffer message = ByteBuffer.allocate(MESSAGE_BYTES);
        try
        {
            for (int i = 0; i < MESSAGES; i++)
            {
                message.clear();
                while (message.hasRemaining() && channel.read(message) >= 0)
                {
                    // a read returns what has arrived, in order: a lost segment stops everything behind it
                }
                delays.recordValue(Math.max(0, (System.nanoTime() - message.getLong(0)) / 1_000));
            }
        }
        catch (final IOException ex)
        {
            // the count of what arrived says it
        }
    }

    private static void readDatagrams(final DatagramChannel channel, final Histogram delays)
    {
        final ByteBuffer message = ByteBuffer.allocate(MESSAGE_BYTES);
        final long stopNs = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos((long)MESSAGES * INTERVAL_US) + DRAIN_NS;
        try
        {
            while (System.nanoTime() - stopNs < 0 && delays.getTotalCount() < MESSAGES)
            {
                if (null == channel.receive(message.clear()))
                {
                    LockSupport.parkNanos(50_000);
                    continue;
                }
                delays.recordValue(Math.max(0, (System.nanoTime() - message.getLong(0)) / 1_000));
            }
        }
        catch (final IOException ex)
        {
            // the count of what arrived says it
        }
    }

    private static String line(final String transport, final Histogram delays)
    {
        return String.format(Locale.ROOT, "%s %d %d %d %d %d %d", transport, MESSAGES, delays.getTotalCount(),
            delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getValueAtPercentile(99.9),
            delays.getMaxValue());
    }
}
