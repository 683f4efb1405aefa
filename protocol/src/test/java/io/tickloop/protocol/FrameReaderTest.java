package io.tickloop.protocol;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest
{
    private static final int MAX_FRAME_LENGTH = 256;

    private final FrameReader reader = new FrameReader(MAX_FRAME_LENGTH);
    private final List<byte[]> frames = new ArrayList<>();
    private final List<DirectBuffer> buffersSeen = new ArrayList<>();
    private final FrameHandler collector = (type, buffer, offset, length) ->
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        assertEquals(FrameDescriptor.frameType(buffer, offset), type);
        frames.add(frame);
        buffersSeen.add(buffer);
    };

    @Test
    void shouldDeliverOneWholeFrameInPlace()
    {
        final UnsafeBuffer stream = new UnsafeBuffer(frame(7, 10));

        assertNull(reader.onBytes(stream, 0, stream.capacity(), collector));

        assertEquals(1, frames.size());
        assertSame(stream, buffersSeen.get(0), "a contiguous frame is handed over without a copy");
        assertArrayEquals(frame(7, 10), frames.get(0));
        assertFalse(reader.hasPartialFrame());
    }

    @Test
    void shouldReassembleSplitHeader()
    {
        final byte[] frame = frame(3, 20);

        feed(frame, 0, 1);
        feed(frame, 1, 2);
        assertTrue(frames.isEmpty());
        assertTrue(reader.hasPartialFrame());
        feed(frame, 3, frame.length - 3);

        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0));
        assertFalse(reader.hasPartialFrame());
    }

    @Test
    void shouldHoldNoMoreThanSixtyFourBytesForAMaximumHeaderAndOneByte()
    {
        final byte[] frame = frame(3, MAX_FRAME_LENGTH - HEADER_LENGTH);

        feed(frame, 0, HEADER_LENGTH + 1);

        assertTrue(reader.hasPartialFrame());
        assertEquals(FrameReader.INITIAL_PARTIAL_CAPACITY, reader.partialCapacity(),
            "the announced length is not allocated up front");
        for (int position = HEADER_LENGTH + 1; position < frame.length; position += 7)
        {
            feed(frame, position, Math.min(7, frame.length - position));
            assertTrue(reader.partialCapacity() <= MAX_FRAME_LENGTH, "never past the maximum frame length");
        }
        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0));
        assertEquals(MAX_FRAME_LENGTH, reader.partialCapacity(), "grown by the bytes that came, to the maximum");
    }

    @Test
    void shouldKeepItsGrownBufferForTheNextSplitFrame()
    {
        final byte[] frame = frame(3, 200);
        feed(frame, 0, 100);
        feed(frame, 100, frame.length - 100);
        final int grown = reader.partialCapacity();

        feed(frame, 0, 150);
        feed(frame, 150, frame.length - 150);

        assertEquals(2, frames.size());
        assertEquals(grown, reader.partialCapacity(), "no allocation per split frame once grown");
    }

    @Test
    void shouldGiveBackItsGrownBufferAfterAWholePassWithoutASplitFrame()
    {
        final byte[] frame = frame(3, 200);
        feed(frame, 0, 100);
        assertFalse(reader.shrinkIfIdle(), "a frame is incomplete: kept");
        feed(frame, 100, frame.length - 100);
        assertFalse(reader.shrinkIfIdle(), "a frame was split since the last pass: kept");

        assertTrue(reader.shrinkIfIdle(), "a whole pass without a split frame: given back");
        assertEquals(0, reader.partialCapacity());

        feed(frame, 0, 10);
        assertEquals(FrameReader.INITIAL_PARTIAL_CAPACITY, reader.partialCapacity(), "the next split starts small");
        feed(frame, 10, frame.length - 10);
        assertEquals(2, frames.size());
        assertArrayEquals(frame, frames.get(1));
    }

    @Test
    void shouldReassembleSplitBody()
    {
        final byte[] frame = frame(3, 50);

        feed(frame, 0, 30);
        assertTrue(frames.isEmpty());
        feed(frame, 30, frame.length - 30);

        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0));
    }

    @Test
    void shouldDeliverTwoFramesInOneRead()
    {
        final byte[] stream = concat(frame(1, 8), frame(2, 30));

        feed(stream, 0, stream.length);

        assertEquals(2, frames.size());
        assertArrayEquals(frame(1, 8), frames.get(0));
        assertArrayEquals(frame(2, 30), frames.get(1));
    }

    @Test
    void shouldDeliverOneAndAHalfFramesThenTheRest()
    {
        final byte[] stream = concat(frame(1, 40), frame(2, 40));
        final int oneAndAHalf = 40 + HEADER_LENGTH + 20;

        feed(stream, 0, oneAndAHalf);
        assertEquals(1, frames.size());
        assertTrue(reader.hasPartialFrame());
        feed(stream, oneAndAHalf, stream.length - oneAndAHalf);

        assertEquals(2, frames.size());
        assertArrayEquals(frame(2, 40), frames.get(1));
    }

    @Test
    void shouldDeliverByteAtATime()
    {
        final byte[] stream = concat(frame(1, 0), frame(2, 5), frame(3, 100));

        for (int i = 0; i < stream.length; i++)
        {
            feed(stream, i, 1);
        }

        assertEquals(3, frames.size());
        assertArrayEquals(frame(1, 0), frames.get(0));
        assertArrayEquals(frame(2, 5), frames.get(1));
        assertArrayEquals(frame(3, 100), frames.get(2));
    }

    @Test
    void shouldGiveTheSameFramesForEverySplitPointOfAMultiFrameStream()
    {
        final byte[] stream = concat(frame(1, 0), frame(2, 17), frame(3, 1), frame(4, MAX_FRAME_LENGTH - 4), frame(5, 9));
        feed(stream, 0, stream.length);
        final List<byte[]> whole = List.copyOf(frames);

        for (int first = 0; first <= stream.length; first++)
        {
            for (int second = first; second <= stream.length; second += 7)
            {
                frames.clear();
                feed(stream, 0, first);
                feed(stream, first, second - first);
                feed(stream, second, stream.length - second);
                assertFramesEqual(whole, frames, "split at " + first + " and " + second);
            }
        }
    }

    @Test
    void shouldGiveTheSameFramesForRandomChunking()
    {
        final Random random = new Random(42);
        final List<byte[]> expected = new ArrayList<>();
        byte[] stream = new byte[0];
        for (int i = 0; i < 500; i++)
        {
            final byte[] frame = frame(random.nextInt(65_536), random.nextInt(MAX_FRAME_LENGTH - HEADER_LENGTH + 1));
            expected.add(frame);
            stream = concat(stream, frame);
        }

        int position = 0;
        while (position < stream.length)
        {
            final int chunk = Math.min(stream.length - position, 1 + random.nextInt(600));
            feed(stream, position, chunk);
            position += chunk;
        }

        assertFramesEqual(expected, frames, "random chunks");
    }

    @Test
    void shouldRejectOversizedLengthFromTheHeaderAlone()
    {
        final byte[] header = header(MAX_FRAME_LENGTH + 1, 1);

        assertSame(CloseReason.FRAME_TOO_LONG, reader.onBytes(new UnsafeBuffer(header), 0, header.length, collector));
        assertTrue(frames.isEmpty());
    }

    @Test
    void shouldRejectOversizedLengthWhenTheHeaderArrivesSplit()
    {
        final byte[] header = header(0xFFFF, 1);

        assertNull(reader.onBytes(new UnsafeBuffer(header), 0, 3, collector));
        assertSame(CloseReason.FRAME_TOO_LONG, reader.onBytes(new UnsafeBuffer(header), 3, 1, collector));
    }

    @Test
    void shouldRejectOversizedLengthAfterAGoodFrame()
    {
        final byte[] stream = concat(frame(1, 4), header(60_000, 1));

        assertSame(CloseReason.FRAME_TOO_LONG, reader.onBytes(new UnsafeBuffer(stream), 0, stream.length, collector));
        assertEquals(1, frames.size(), "the good frame before the bad header is still delivered");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void shouldRejectLengthBelowTheHeader(final int length)
    {
        final byte[] header = header(length, 1);

        assertSame(CloseReason.FRAME_TOO_SHORT, reader.onBytes(new UnsafeBuffer(header), 0, header.length, collector));
        assertTrue(frames.isEmpty());
    }

    @Test
    void shouldAcceptAFrameOfExactlyTheMaximumAndOfOnlyAHeader()
    {
        final byte[] stream = concat(frame(9, MAX_FRAME_LENGTH - HEADER_LENGTH), frame(8, 0));

        feed(stream, 0, 100);
        feed(stream, 100, stream.length - 100);

        assertEquals(2, frames.size());
        assertEquals(MAX_FRAME_LENGTH, frames.get(0).length);
        assertEquals(HEADER_LENGTH, frames.get(1).length);
    }

    @Test
    void shouldNameEachNewPartialFrame()
    {
        final byte[] stream = concat(frame(1, 10), frame(2, 10));

        assertEquals(0, reader.partialFrameSeq());
        feed(stream, 0, 5);
        final long first = reader.partialFrameSeq();
        feed(stream, 5, 3);
        assertEquals(first, reader.partialFrameSeq(), "still the same incomplete frame");
        feed(stream, 8, 10);
        final long second = reader.partialFrameSeq();
        assertTrue(first != 0 && second != 0 && second != first, "a new incomplete frame gets a new number");
        feed(stream, 18, stream.length - 18);
        assertEquals(0, reader.partialFrameSeq());
    }

    private void feed(final byte[] stream, final int offset, final int length)
    {
        if (length == 0)
        {
            return;
        }
        // A fresh buffer per read, as a socket read would give, so no state can hide in the caller's buffer.
        final UnsafeBuffer read = new UnsafeBuffer(Arrays.copyOfRange(stream, offset, offset + length));
        assertNull(reader.onBytes(read, 0, length, collector));
    }

    private static void assertFramesEqual(final List<byte[]> expected, final List<byte[]> actual, final String context)
    {
        assertEquals(expected.size(), actual.size(), context);
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i), actual.get(i), context + ", frame " + i);
        }
    }

    static byte[] frame(final int type, final int bodyLength)
    {
        final byte[] frame = new byte[HEADER_LENGTH + bodyLength];
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        FrameDescriptor.putHeader(buffer, 0, frame.length, type);
        for (int i = HEADER_LENGTH; i < frame.length; i++)
        {
            frame[i] = (byte)(i * 31 + type);
        }
        return frame;
    }

    private static byte[] header(final int length, final int type)
    {
        final byte[] header = new byte[HEADER_LENGTH];
        FrameDescriptor.putHeader(new UnsafeBuffer(header), 0, length, type);
        return header;
    }

    private static byte[] concat(final byte[]... parts)
    {
        final byte[] all = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int position = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, position, part.length);
            position += part.length;
        }
        return all;
    }
}
