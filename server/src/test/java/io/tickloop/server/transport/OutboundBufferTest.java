package io.tickloop.server.transport;

import io.tickloop.protocol.FrameDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static io.tickloop.protocol.FrameDescriptor.MAX_FRAME_LENGTH_LIMIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded, growing outbound buffer: its bound, frame headers, partial writes (a fake channel that takes a
 * few bytes at a time, and a real loopback socket), compaction and draining back to the front.
 */
class OutboundBufferTest
{
    private static final int BOUND = 4096;

    @Test
    void shouldStartEmptyAndWriteNothing() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final ChunkedChannel channel = new ChunkedChannel(7);

        assertTrue(outbound.isEmpty());
        assertEquals(0, outbound.pendingBytes());
        assertEquals(0, outbound.view().remaining());
        assertEquals(0, outbound.writeTo(channel));
        assertEquals(0, channel.calls, "an empty buffer does not call the channel");
    }

    @Test
    void shouldRefuseABoundThatIsNotPositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new OutboundBuffer(0));
        assertThrows(IllegalArgumentException.class, () -> new OutboundBuffer(-1));
    }

    @Test
    void shouldAcceptBytesExactlyAtTheBound() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final byte[] bytes = pattern(BOUND, 1);

        assertTrue(outbound.append(new UnsafeBuffer(bytes), 0, BOUND));

        assertEquals(BOUND, outbound.pendingBytes());
        assertArrayEquals(bytes, drain(outbound, new ChunkedChannel(BOUND)));
    }

    @Test
    void shouldRefuseOneByteOverTheBoundAndQueueNothing() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final byte[] first = pattern(BOUND - 10, 1);
        final byte[] tooMany = pattern(11, 2);

        assertTrue(outbound.append(new UnsafeBuffer(first), 0, first.length));
        assertFalse(outbound.append(new UnsafeBuffer(tooMany), 0, tooMany.length));

        assertEquals(BOUND - 10, outbound.pendingBytes());
        assertArrayEquals(first, drain(outbound, new ChunkedChannel(100)));
    }

    @Test
    void shouldRefuseMoreThanTheBoundInOneAppendToAnEmptyBuffer()
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);

        assertFalse(outbound.append(new UnsafeBuffer(new byte[BOUND + 1]), 0, BOUND + 1));

        assertTrue(outbound.isEmpty());
    }

    @Test
    void shouldCountOnlyUnwrittenBytesAgainstTheBound() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final byte[] first = pattern(BOUND, 1);
        assertTrue(outbound.append(new UnsafeBuffer(first), 0, BOUND));
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        assertEquals(100, outbound.writeTo(new ChunkedChannel(100, written)));
        final byte[] second = pattern(100, 2);

        assertFalse(outbound.append(new UnsafeBuffer(second), 0, 101), "one byte over what was written");
        assertTrue(outbound.append(new UnsafeBuffer(second), 0, 100), "exactly what was written");
        assertEquals(BOUND, outbound.pendingBytes());
        assertFalse(outbound.append(new UnsafeBuffer(second), 0, 1));

        written.write(drain(outbound, new ChunkedChannel(333)));
        assertArrayEquals(concat(first, second), written.toByteArray());
    }

    @Test
    void shouldNeverHoldMoreThanTheBoundNorGrowPastIt() throws IOException
    {
        final int bound = 3000;
        final OutboundBuffer outbound = new OutboundBuffer(bound);
        final Random random = new Random(42);
        final ChunkedChannel channel = new ChunkedChannel(500);
        final byte[] chunk = pattern(1200, 3);

        for (int i = 0; i < 2000; i++)
        {
            final int length = random.nextInt(chunk.length + 1);
            final int before = outbound.pendingBytes();
            final boolean appended = outbound.append(new UnsafeBuffer(chunk), 0, length);

            assertEquals(before + length <= bound, appended, "append " + i + " of " + length + " onto " + before);
            assertTrue(outbound.pendingBytes() <= bound);
            if (!outbound.isEmpty())
            {
                assertTrue(outbound.view().capacity() <= bound, "capacity " + outbound.view().capacity());
            }
            if (random.nextBoolean())
            {
                outbound.writeTo(channel);
            }
        }
    }

    @Test
    void shouldWriteAFrameHeaderLittleEndianThenTheBody() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final byte[] body = pattern(300, 5);
        final byte[] source = concat(new byte[3], body);

        assertTrue(outbound.appendFrame(0xBEEF, new UnsafeBuffer(source), 3, body.length));

        final byte[] frame = drain(outbound, new ChunkedChannel(64));
        final int frameLength = HEADER_LENGTH + body.length;
        assertEquals(frameLength, frame.length);
        assertEquals(frameLength & 0xFF, frame[0] & 0xFF, "length, low byte first");
        assertEquals(frameLength >>> 8, frame[1] & 0xFF);
        assertEquals(0xEF, frame[2] & 0xFF, "type, low byte first");
        assertEquals(0xBE, frame[3] & 0xFF);
        final UnsafeBuffer written = new UnsafeBuffer(frame);
        assertEquals(frameLength, FrameDescriptor.frameLength(written, 0));
        assertEquals(0xBEEF, FrameDescriptor.frameType(written, 0));
        assertArrayEquals(body, Arrays.copyOfRange(frame, HEADER_LENGTH, frame.length));
    }

    @Test
    void shouldWriteAnEmptyFrameAsAHeaderAlone() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);

        assertTrue(outbound.appendFrame(7, new UnsafeBuffer(new byte[0]), 0, 0));

        assertArrayEquals(new byte[]{4, 0, 7, 0}, drain(outbound, new ChunkedChannel(1)));
    }

    @Test
    void shouldAcceptAFrameExactlyAtTheBoundAndRefuseOneByteMore() throws IOException
    {
        final byte[] body = pattern(BOUND, 6);
        final OutboundBuffer exact = new OutboundBuffer(BOUND);
        final OutboundBuffer over = new OutboundBuffer(BOUND);

        assertTrue(exact.appendFrame(1, new UnsafeBuffer(body), 0, BOUND - HEADER_LENGTH));
        assertFalse(over.appendFrame(1, new UnsafeBuffer(body), 0, BOUND - HEADER_LENGTH + 1));

        assertEquals(BOUND, exact.pendingBytes());
        assertTrue(over.isEmpty());
        assertFalse(exact.appendFrame(1, new UnsafeBuffer(body), 0, 0), "a header alone is over a full bound");
        assertEquals(BOUND, drain(exact, new ChunkedChannel(1000)).length);
    }

    @Test
    void shouldQueueAHeaderAndABodyTogetherOrNeither() throws IOException
    {
        final byte[] header = {9, 8, 7};
        final byte[] body = pattern(BOUND, 7);
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);

        assertTrue(outbound.appendWithHeader(new UnsafeBuffer(header), 2, new UnsafeBuffer(body), 5, 100));
        assertFalse(outbound.appendWithHeader(new UnsafeBuffer(header), 3, new UnsafeBuffer(body), 0,
            BOUND - 102 - 2), "one byte over the bound: neither piece");
        assertEquals(102, outbound.pendingBytes());
        assertTrue(outbound.appendWithHeader(new UnsafeBuffer(header), 3, new UnsafeBuffer(body), 0,
            BOUND - 102 - 3), "exactly at the bound");

        final byte[] written = drain(outbound, new ChunkedChannel(1000));
        assertArrayEquals(concat(concat(new byte[] {9, 8}, Arrays.copyOfRange(body, 5, 105)),
            concat(header, Arrays.copyOfRange(body, 0, BOUND - 105))), written);
    }

    @Test
    void shouldRefuseABodyNoFrameCanCarry()
    {
        final OutboundBuffer outbound = new OutboundBuffer(2 * MAX_FRAME_LENGTH_LIMIT);
        final int bodyLength = MAX_FRAME_LENGTH_LIMIT - HEADER_LENGTH + 1;

        assertThrows(
            IllegalArgumentException.class,
            () -> outbound.appendFrame(1, new UnsafeBuffer(new byte[bodyLength]), 0, bodyLength));
        assertTrue(outbound.isEmpty());
    }

    /**
     * A bound of more than 1 GiB is accepted by {@code --send-queue-bytes}. Growing past 2^30 bytes must not round
     * up to 2^31, which is no int: the buffer asks for the bound itself. Under the suite's {@code -Xmx1g}, which
     * also caps direct memory, that cannot be had, and the class turns the {@link OutOfMemoryError} into a refusal.
     */
    @Test
    void shouldRefuseRatherThanThrowWhenGrowingPastOneGibibyte()
    {
        final OutboundBuffer outbound = new OutboundBuffer(Integer.MAX_VALUE);
        final int length = (1 << 30) + 1;

        assertFalse(outbound.append(new UnsafeBuffer(new byte[1]), 0, length));
        assertTrue(outbound.isEmpty());
    }

    @Test
    void shouldAcceptAnEmptyAppendBeforeAnyBufferIsMade() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);

        assertTrue(outbound.append(new UnsafeBuffer(new byte[1]), 0, 0));

        assertTrue(outbound.isEmpty());
        assertEquals(0, outbound.writeTo(new ChunkedChannel(1)));
    }

    @Test
    void shouldDeliverEveryByteInOrderThroughPartialWrites() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final Random random = new Random(7);
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        final ByteArrayOutputStream actual = new ByteArrayOutputStream();
        final ChunkedChannel channel = new ChunkedChannel(13, actual);
        int counter = 0;

        for (int round = 0; round < 3000; round++)
        {
            final byte[] bytes = pattern(1 + random.nextInt(700), counter++);
            if (random.nextInt(3) == 0)
            {
                final int type = random.nextInt(0x10000);
                if (outbound.appendFrame(type, new UnsafeBuffer(bytes), 0, bytes.length))
                {
                    expected.write(new byte[]{
                        (byte)(bytes.length + HEADER_LENGTH), (byte)((bytes.length + HEADER_LENGTH) >>> 8),
                        (byte)type, (byte)(type >>> 8)});
                    expected.write(bytes);
                }
            }
            else if (outbound.append(new UnsafeBuffer(bytes), 0, bytes.length))
            {
                expected.write(bytes);
            }
            for (int writes = random.nextInt(40); writes > 0; writes--)
            {
                final int pendingBefore = outbound.pendingBytes();
                final int written = outbound.writeTo(channel);
                assertEquals(Math.min(13, pendingBefore), written);
                assertEquals(pendingBefore - written, outbound.pendingBytes());
            }
        }
        drain(outbound, channel);

        assertTrue(expected.size() > 100 * BOUND, "enough traffic to wrap many times: " + expected.size());
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    @Test
    void shouldKeepTheUnwrittenBytesWhenCompactingOverlappingRanges() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final byte[] first = pattern(2000, 1);
        final byte[] second = pattern(100, 2);
        final ByteArrayOutputStream actual = new ByteArrayOutputStream();
        assertTrue(outbound.append(new UnsafeBuffer(first), 0, first.length));
        final int capacity = outbound.view().capacity();
        assertEquals(60, outbound.writeTo(new ChunkedChannel(60, actual)));

        // 1940 unwritten from index 60: 100 more do not fit at the end but do once those move to the front
        assertTrue(outbound.append(new UnsafeBuffer(second), 0, second.length));

        assertEquals(capacity, outbound.view().capacity(), "moved to the front, not grown");
        assertEquals(0, outbound.view().position());
        actual.write(drain(outbound, new ChunkedChannel(777)));
        assertArrayEquals(concat(first, second), actual.toByteArray());
    }

    @Test
    void shouldKeepTheUnwrittenBytesWhenGrowing() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final byte[] first = pattern(2000, 1);
        final byte[] second = pattern(2000, 2);
        final ByteArrayOutputStream actual = new ByteArrayOutputStream();
        assertTrue(outbound.append(new UnsafeBuffer(first), 0, first.length));
        assertEquals(500, outbound.writeTo(new ChunkedChannel(500, actual)));

        assertTrue(outbound.append(new UnsafeBuffer(second), 0, second.length));

        assertEquals(3500, outbound.pendingBytes());
        assertEquals(BOUND, outbound.view().capacity());
        actual.write(drain(outbound, new ChunkedChannel(999)));
        assertArrayEquals(concat(first, second), actual.toByteArray());
    }

    @Test
    void shouldMoveBackToTheFrontOnceDrained() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final byte[] bytes = pattern(100, 1);
        assertTrue(outbound.append(new UnsafeBuffer(bytes), 0, bytes.length));
        drain(outbound, new ChunkedChannel(30));

        assertTrue(outbound.isEmpty());
        assertTrue(outbound.append(new UnsafeBuffer(bytes), 0, bytes.length));

        final ByteBuffer view = outbound.view();
        assertEquals(0, view.position());
        assertEquals(100, view.remaining());
    }

    @Test
    void shouldGiveAViewOfThePendingBytesForAWriteThatCompletesLater()
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        final byte[] bytes = pattern(50, 9);
        assertTrue(outbound.append(new UnsafeBuffer(bytes), 0, bytes.length));

        final ByteBuffer view = outbound.view();
        final byte[] firstPart = new byte[20];
        view.get(firstPart);
        outbound.onWritten(20);

        assertEquals(30, outbound.pendingBytes());
        final ByteBuffer rest = outbound.view();
        assertEquals(20, rest.position());
        final byte[] secondPart = new byte[rest.remaining()];
        rest.get(secondPart);
        outbound.onWritten(secondPart.length);
        assertTrue(outbound.isEmpty());
        assertArrayEquals(bytes, concat(firstPart, secondPart));
        assertEquals(0, outbound.view().remaining());
    }

    @Test
    void shouldDropEverythingOnClear() throws IOException
    {
        final OutboundBuffer outbound = new OutboundBuffer(BOUND);
        assertTrue(outbound.append(new UnsafeBuffer(new byte[BOUND]), 0, BOUND));

        outbound.clear();

        assertTrue(outbound.isEmpty());
        final byte[] bytes = pattern(BOUND, 4);
        assertTrue(outbound.append(new UnsafeBuffer(bytes), 0, BOUND), "the whole bound is free again");
        assertArrayEquals(bytes, drain(outbound, new ChunkedChannel(BOUND)));
    }

    @Test
    void shouldDeliverEveryByteThroughALoopbackSocketThatTakesLessThanAll() throws IOException
    {
        final int total = 1024 * 1024;
        final int bound = 64 * 1024;
        final byte[] expected = pattern(total, 11);
        final ByteArrayOutputStream actual = new ByteArrayOutputStream(total);
        final OutboundBuffer outbound = new OutboundBuffer(bound);
        final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
        int appended = 0;
        int partialWrites = 0;

        try (ServerSocketChannel server = ServerSocketChannel.open();
            SocketChannel client = SocketChannel.open())
        {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            client.connect(server.getLocalAddress());
            try (SocketChannel peer = server.accept())
            {
                client.configureBlocking(false);
                peer.configureBlocking(false);
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (actual.size() < total)
                {
                    assertTrue(System.nanoTime() - deadlineNs < 0, "timed out at " + actual.size() + " bytes");
                    final int length = Math.min(total - appended, bound - outbound.pendingBytes());
                    if (length > 0)
                    {
                        assertTrue(outbound.append(new UnsafeBuffer(expected), appended, length));
                        appended += length;
                    }
                    final int pendingBefore = outbound.pendingBytes();
                    final int written = outbound.writeTo(client);
                    if (written < pendingBefore)
                    {
                        partialWrites++;
                    }
                    readBuffer.clear();
                    final int read = peer.read(readBuffer);
                    actual.write(readBuffer.array(), 0, Math.max(read, 0));
                }
            }
        }

        assertTrue(partialWrites > 0, "the socket took less than all at least once");
        assertArrayEquals(expected, actual.toByteArray());
    }

    private static byte[] drain(final OutboundBuffer outbound, final ChunkedChannel channel) throws IOException
    {
        final ByteArrayOutputStream sink = channel.sink;
        final int start = sink.size();
        while (!outbound.isEmpty())
        {
            assertTrue(outbound.writeTo(channel) > 0);
        }
        return Arrays.copyOfRange(sink.toByteArray(), start, sink.size());
    }

    static byte[] pattern(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed * 31 + i * 7 + (i >>> 8));
        }
        return bytes;
    }

    private static byte[] concat(final byte[] first, final byte[] second)
    {
        final byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * A channel that takes at most a few bytes per write, like a non-blocking socket whose buffer is nearly full.
     */
    static final class ChunkedChannel implements WritableByteChannel
    {
        private final int maxPerWrite;
        private final ByteArrayOutputStream sink;
        private int calls;

        ChunkedChannel(final int maxPerWrite)
        {
            this(maxPerWrite, new ByteArrayOutputStream());
        }

        ChunkedChannel(final int maxPerWrite, final ByteArrayOutputStream sink)
        {
            this.maxPerWrite = maxPerWrite;
            this.sink = sink;
        }

        @Override
        public int write(final ByteBuffer source)
        {
            calls++;
            final int length = Math.min(maxPerWrite, source.remaining());
            for (int i = 0; i < length; i++)
            {
                sink.write(source.get());
            }
            return length;
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }
}
