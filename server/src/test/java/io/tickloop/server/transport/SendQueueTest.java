package io.tickloop.server.transport;

import io.tickloop.protocol.FrameDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded send queue between producers and one writer: its bound (appended and being written together), one
 * write outstanding at a time, the order of bytes across partial writes, the writer's wake-ups, draining and
 * shutting the output, the reader's backpressure and stall, close, and producers on other threads.
 */
class SendQueueTest
{
    private static final int BOUND = 1000;
    private static final long TIMEOUT_S = 5;

    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException
    {
        for (final Thread thread : threads)
        {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        }
    }

    @Test
    void shouldStartWithNothingToWrite()
    {
        final SendQueue queue = new SendQueue(BOUND);

        assertEquals(0, queue.queuedBytes());
        assertNull(queue.beginWrite());
        assertFalse(queue.deferRead(System.nanoTime()));
        assertFalse(queue.claimOutputShutdown(), "not draining");
    }

    @Test
    void shouldAcceptExactlyTheBoundAndRefuseOneByteMore()
    {
        final SendQueue queue = new SendQueue(BOUND);
        final byte[] bytes = OutboundBufferTest.pattern(BOUND + 1, 1);

        assertFalse(queue.append(new UnsafeBuffer(bytes), 0, BOUND + 1));
        assertEquals(0, queue.queuedBytes());
        assertTrue(queue.append(new UnsafeBuffer(bytes), 0, BOUND));
        assertFalse(queue.append(new UnsafeBuffer(bytes), 0, 1));

        assertEquals(BOUND, queue.queuedBytes());
        final OutboundBuffer taken = queue.beginWrite();
        assertNotNull(taken);
        assertEquals(BOUND, taken.pendingBytes());
    }

    @Test
    void shouldAcceptAFrameExactlyAtTheBoundAndRefuseOneByteMore()
    {
        final SendQueue queue = new SendQueue(BOUND);
        final UnsafeBuffer body = new UnsafeBuffer(new byte[BOUND]);

        assertFalse(queue.appendFrame(1, body, 0, BOUND - HEADER_LENGTH + 1));
        assertEquals(0, queue.queuedBytes());
        assertTrue(queue.appendFrame(1, body, 0, BOUND - HEADER_LENGTH));
        assertFalse(queue.appendFrame(1, body, 0, 0), "a bare header is one frame too many");

        assertEquals(BOUND, queue.queuedBytes());
    }

    @Test
    void shouldAcceptAHeaderAndABodyExactlyAtTheBoundAndRefuseOneByteMore()
    {
        final SendQueue queue = new SendQueue(BOUND);
        final UnsafeBuffer header = new UnsafeBuffer(new byte[10]);
        final UnsafeBuffer body = new UnsafeBuffer(new byte[BOUND]);

        assertFalse(queue.appendWithHeader(header, 10, body, 0, BOUND - 9));
        assertEquals(0, queue.queuedBytes(), "neither piece");
        assertTrue(queue.appendWithHeader(header, 10, body, 0, BOUND - 10));
        assertFalse(queue.appendWithHeader(header, 1, body, 0, 0));

        assertEquals(BOUND, queue.queuedBytes());
    }

    @Test
    void shouldCountBytesBeingWrittenAgainstTheBoundUntilTheWriteFinishes() throws IOException
    {
        final SendQueue queue = new SendQueue(BOUND);
        final UnsafeBuffer bytes = new UnsafeBuffer(OutboundBufferTest.pattern(BOUND, 2));
        assertTrue(queue.append(bytes, 0, 600));
        final OutboundBuffer taken = queue.beginWrite();
        assertNotNull(taken);

        assertEquals(600, queue.queuedBytes());
        assertFalse(queue.append(bytes, 0, 401));
        assertTrue(queue.append(bytes, 0, 400));
        assertEquals(BOUND, queue.queuedBytes());

        assertEquals(300, taken.writeTo(new OutboundBufferTest.ChunkedChannel(300)));
        assertEquals(BOUND, queue.queuedBytes(), "taken and not finished still counts");
        assertFalse(queue.append(bytes, 0, 1));

        while (!taken.isEmpty())
        {
            taken.writeTo(new OutboundBufferTest.ChunkedChannel(300));
        }
        queue.finishWrite();

        assertEquals(400, queue.queuedBytes());
        assertFalse(queue.append(bytes, 0, 601));
        assertTrue(queue.append(bytes, 0, 600));
        assertEquals(BOUND, queue.queuedBytes());
    }

    @Test
    void shouldWriteAFrameHeaderLittleEndianThenTheBody()
    {
        final SendQueue queue = new SendQueue(BOUND);
        final byte[] body = OutboundBufferTest.pattern(10, 3);

        assertTrue(queue.appendFrame(0x8102, new UnsafeBuffer(body), 0, body.length));

        final ByteBuffer view = queue.beginWrite().view();
        final byte[] frame = new byte[view.remaining()];
        view.get(frame);
        assertEquals(14, frame.length);
        assertArrayEquals(new byte[]{14, 0, 0x02, (byte)0x81}, Arrays.copyOf(frame, HEADER_LENGTH));
        assertEquals(0x8102, FrameDescriptor.frameType(new UnsafeBuffer(frame), 0));
        assertArrayEquals(body, Arrays.copyOfRange(frame, HEADER_LENGTH, frame.length));
    }

    @Test
    void shouldKeepOneWriteOutstandingAndAppendsOutOfIt()
    {
        final SendQueue queue = new SendQueue(BOUND);
        final UnsafeBuffer first = new UnsafeBuffer(new byte[]{1, 2, 3});
        final UnsafeBuffer second = new UnsafeBuffer(new byte[]{4, 5});
        assertTrue(queue.append(first, 0, 3));
        final OutboundBuffer taken = queue.beginWrite();

        assertTrue(queue.append(second, 0, 2));

        assertNull(queue.beginWrite(), "a write is outstanding");
        assertEquals(3, taken.pendingBytes(), "the append did not reach the buffer being written");
        taken.onWritten(3);
        assertFalse(queue.finishWrite());
        final OutboundBuffer next = queue.beginWrite();
        assertNotNull(next);
        assertEquals(2, next.pendingBytes());
        assertEquals(4, next.view().get());
    }

    @Test
    void shouldDeliverEveryByteInOrderThroughPartialWrites() throws IOException
    {
        final SendQueue queue = new SendQueue(BOUND);
        final Random random = new Random(99);
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        final ByteArrayOutputStream actual = new ByteArrayOutputStream();
        final OutboundBufferTest.ChunkedChannel channel = new OutboundBufferTest.ChunkedChannel(17, actual);
        OutboundBuffer writing = null;

        for (int i = 0; i < 5000; i++)
        {
            final byte[] bytes = OutboundBufferTest.pattern(1 + random.nextInt(120), i);
            if (queue.append(new UnsafeBuffer(bytes), 0, bytes.length))
            {
                expected.write(bytes);
            }
            if (null == writing)
            {
                writing = queue.beginWrite();
            }
            if (null != writing)
            {
                writing.writeTo(channel);
                if (writing.isEmpty())
                {
                    queue.finishWrite();
                    writing = null;
                }
            }
            assertTrue(queue.queuedBytes() <= BOUND);
        }
        while (null != writing || null != (writing = queue.beginWrite()))
        {
            writing.writeTo(channel);
            if (writing.isEmpty())
            {
                queue.finishWrite();
                writing = null;
            }
        }

        assertEquals(0, queue.queuedBytes());
        assertTrue(expected.size() > 50 * BOUND, "enough traffic: " + expected.size());
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    @Test
    void shouldWakeAWaitingWriterWhenBytesAreQueued() throws Exception
    {
        final SendQueue queue = new SendQueue(BOUND);
        final FutureTask<OutboundBuffer> writer = start(queue::awaitWrite);
        awaitParked(0);

        assertTrue(queue.append(new UnsafeBuffer(new byte[]{9, 8, 7}), 0, 3));

        final OutboundBuffer taken = writer.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertNotNull(taken);
        assertEquals(3, taken.pendingBytes());
        assertNull(queue.beginWrite(), "the writer's take counts as the write outstanding");
    }

    @Test
    void shouldWakeAWaitingWriterWithNothingOnClose() throws Exception
    {
        final SendQueue queue = new SendQueue(BOUND);
        final FutureTask<OutboundBuffer> writer = start(queue::awaitWrite);
        awaitParked(0);

        queue.close();

        assertNull(writer.get(TIMEOUT_S, TimeUnit.SECONDS));
    }

    @Test
    void shouldNeverWriteWhatIsAppendedAfterClose() throws InterruptedException
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[10]), 0, 10));

        assertFalse(queue.close(), "no read was deferred");
        queue.append(new UnsafeBuffer(new byte[10]), 0, 10);

        assertNull(queue.beginWrite());
        assertNull(queue.awaitWrite());
        queue.beginDrain();
        assertFalse(queue.claimOutputShutdown(), "a closed queue never shuts the output");
    }

    @Test
    void shouldWriteWhatIsQueuedThenShutTheOutputOnceWhenDraining() throws InterruptedException
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[50]), 0, 50));

        queue.beginDrain();

        assertFalse(queue.claimOutputShutdown(), "bytes are still queued");
        final OutboundBuffer taken = queue.awaitWrite();
        assertNotNull(taken);
        assertFalse(queue.claimOutputShutdown(), "a write is outstanding");
        taken.onWritten(50);
        queue.finishWrite();
        assertNull(queue.awaitWrite(), "draining with nothing left");
        assertTrue(queue.claimOutputShutdown());
        assertFalse(queue.claimOutputShutdown(), "once only");
    }

    @Test
    void shouldRefuseTheServiceOnceDraining()
    {
        final SendQueue queue = new SendQueue(BOUND);

        queue.beginDrain();

        assertFalse(queue.enterService());
        assertTrue(queue.claimOutputShutdown(), "nothing queued and no service running");
    }

    @Test
    void shouldKeepTheOutputOpenForTheRepliesOfAServiceThatIsRunningWhenDrainBegins() throws Exception
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.enterService());
        queue.beginDrain();
        assertFalse(queue.claimOutputShutdown(), "the service may still reply");
        final FutureTask<OutboundBuffer> writer = start(queue::awaitWrite);
        awaitParked(0);

        assertTrue(queue.append(new UnsafeBuffer(new byte[]{42}), 0, 1), "the service replies");

        final OutboundBuffer reply = writer.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertNotNull(reply);
        reply.onWritten(1);
        queue.finishWrite();
        final FutureTask<OutboundBuffer> nextWriter = start(queue::awaitWrite);
        awaitParked(1);
        assertFalse(queue.claimOutputShutdown());

        assertTrue(queue.exitService(), "draining: the caller pokes the writer");

        assertNull(nextWriter.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(queue.claimOutputShutdown());
    }

    @Test
    void shouldNotDeferAReadAtHalfTheBoundButOneByteMore()
    {
        final SendQueue half = new SendQueue(BOUND);
        final SendQueue overHalf = new SendQueue(BOUND);
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[BOUND]);
        assertTrue(half.append(bytes, 0, BOUND / 2));
        assertTrue(overHalf.append(bytes, 0, BOUND / 2 + 1));

        assertFalse(half.deferRead(System.nanoTime()));
        assertTrue(overHalf.deferRead(System.nanoTime()));
    }

    @Test
    void shouldResumeADeferredReadWhenTheWriteFinishes()
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[BOUND]), 0, 600));
        final long beforeWriteNs = System.nanoTime();
        final OutboundBuffer taken = queue.beginWrite();

        assertTrue(queue.deferRead(beforeWriteNs));
        assertFalse(queue.resumeStalledRead(beforeWriteNs), "the write has not stalled");

        taken.onWritten(600);
        assertTrue(queue.finishWrite(), "the deferred read goes on");
        assertFalse(queue.finishWrite(), "once");
        assertFalse(queue.deferRead(System.nanoTime()));
    }

    @Test
    void shouldNotResumeADeferredReadWhileTheNextBytesStillPassHalfTheBound()
    {
        final SendQueue queue = new SendQueue(BOUND);
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[BOUND]);
        assertTrue(queue.append(bytes, 0, 400));
        final long beforeWriteNs = System.nanoTime();
        final OutboundBuffer taken = queue.beginWrite();
        assertTrue(queue.append(bytes, 0, 501));
        assertTrue(queue.deferRead(beforeWriteNs));

        taken.onWritten(400);
        assertFalse(queue.finishWrite(), "501 bytes are still queued, no write in flight");
        assertEquals(501, queue.queuedBytes());
        assertTrue(queue.close(), "close reports the read still deferred");
    }

    @Test
    void shouldResumeADeferredReadOnceTheWriteHasStalled()
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[BOUND]), 0, 600));
        final long beforeWriteNs = System.nanoTime();
        assertNotNull(queue.beginWrite());
        final long afterWriteNs = System.nanoTime();
        final long stallNs = TimeUnit.MILLISECONDS.toNanos(SendQueue.STALL_MS);
        assertTrue(queue.deferRead(beforeWriteNs));

        assertFalse(queue.resumeStalledRead(beforeWriteNs + stallNs), "exactly the stall time is not a stall");
        assertTrue(queue.resumeStalledRead(afterWriteNs + stallNs + 1));
        assertFalse(queue.resumeStalledRead(afterWriteNs + stallNs + 1), "once");
        assertFalse(queue.deferRead(afterWriteNs + stallNs + 1), "a stalled peer no longer holds the reader");
        assertFalse(queue.close(), "nothing deferred any more");
    }

    @Test
    void shouldReportADeferredReadOnClose()
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[BOUND]), 0, 501));
        assertTrue(queue.deferRead(System.nanoTime()));

        assertTrue(queue.close());

        assertFalse(queue.close(), "reported once");
        assertFalse(queue.deferRead(System.nanoTime()), "a closed queue defers nothing");
    }

    @Test
    void shouldNotHoldTheReaderWhenTheWriterIsNotBehind() throws Exception
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[BOUND]), 0, BOUND / 2));

        final FutureTask<Boolean> reader = start(() ->
        {
            queue.awaitRoom();
            return true;
        });

        assertTrue(reader.get(TIMEOUT_S, TimeUnit.SECONDS));
    }

    @Test
    void shouldHoldTheReaderWhileTheWriterIsBehindUntilAWriteFinishes() throws Exception
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[BOUND]), 0, 700));
        final FutureTask<Boolean> reader = start(() ->
        {
            queue.awaitRoom();
            return true;
        });
        awaitParked(0);
        assertFalse(reader.isDone(), "no write is in flight, so none can stall");

        final OutboundBuffer taken = queue.beginWrite();
        taken.onWritten(700);
        queue.finishWrite();

        assertTrue(reader.get(TIMEOUT_S, TimeUnit.SECONDS));
    }

    @Test
    void shouldReleaseTheReaderOnClose() throws Exception
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[BOUND]), 0, 700));
        final FutureTask<Boolean> reader = start(() ->
        {
            queue.awaitRoom();
            return true;
        });
        awaitParked(0);

        queue.close();

        assertTrue(reader.get(TIMEOUT_S, TimeUnit.SECONDS));
    }

    @Test
    void shouldReleaseTheReaderOnceTheWriteStalls() throws Exception
    {
        final SendQueue queue = new SendQueue(BOUND);
        assertTrue(queue.append(new UnsafeBuffer(new byte[BOUND]), 0, 700));
        final long beforeWriteNs = System.nanoTime();
        assertNotNull(queue.beginWrite());

        final FutureTask<Long> reader = start(() ->
        {
            queue.awaitRoom();
            return System.nanoTime();
        });

        final long releasedNs = reader.get(TIMEOUT_S, TimeUnit.SECONDS);
        final long waitedMs = TimeUnit.NANOSECONDS.toMillis(releasedNs - beforeWriteNs);
        System.out.println("SendQueueTest: the reader waited " + waitedMs + " ms for a stalled write");
        assertTrue(waitedMs >= SendQueue.STALL_MS, "released only after the stall time: " + waitedMs + " ms");
    }

    @Test
    void shouldWriteEveryFrameOfTwoProducersInOrderWithinTheBound() throws Exception
    {
        final int framesPerProducer = 20_000;
        final int frameLength = HEADER_LENGTH + 8;
        final int bound = 256;
        final SendQueue queue = new SendQueue(bound);
        final AtomicInteger refusals = new AtomicInteger();
        final FutureTask<Integer> first = start(() -> produce(queue, 1, framesPerProducer, bound, refusals));
        final FutureTask<Integer> second = start(() -> produce(queue, 2, framesPerProducer, bound, refusals));
        final int total = 2 * framesPerProducer * frameLength;
        final FutureTask<byte[]> writer = start(() -> consume(queue, total, bound));

        final byte[] written;
        try
        {
            assertEquals(framesPerProducer, first.get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(framesPerProducer, second.get(TIMEOUT_S, TimeUnit.SECONDS));
            written = writer.get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        finally
        {
            queue.close();
        }

        assertEquals(total, written.length);
        final UnsafeBuffer frames = new UnsafeBuffer(written);
        final int[] nextSeq = new int[3];
        for (int offset = 0; offset < written.length; offset += frameLength)
        {
            assertEquals(frameLength, FrameDescriptor.frameLength(frames, offset), "at " + offset);
            final int producer = frames.getInt(offset + HEADER_LENGTH, LITTLE_ENDIAN);
            assertEquals(producer, FrameDescriptor.frameType(frames, offset), "at " + offset);
            assertEquals(nextSeq[producer], frames.getInt(offset + HEADER_LENGTH + 4, LITTLE_ENDIAN),
                "producer " + producer + " at " + offset);
            nextSeq[producer]++;
        }
        assertEquals(framesPerProducer, nextSeq[1]);
        assertEquals(framesPerProducer, nextSeq[2]);
        assertTrue(refusals.get() > 0, "the bound was reached at least once");
    }

    @Test
    void shouldFlushEverythingThenShutTheOutputWithABlockingWriter() throws Exception
    {
        final SendQueue queue = new SendQueue(BOUND);
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        final FutureTask<byte[]> writer = start(() -> writeUntilOutputShut(queue));

        for (int i = 0; i < 200; i++)
        {
            final byte[] bytes = OutboundBufferTest.pattern(1 + (i % 40), i);
            awaitTrue(() -> queue.append(new UnsafeBuffer(bytes), 0, bytes.length));
            expected.write(bytes);
        }
        queue.beginDrain();

        assertArrayEquals(expected.toByteArray(), writer.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertFalse(queue.claimOutputShutdown(), "shut once, by the writer");
    }

    @Test
    void shouldReturnTheSameTwoBuffersInTurn()
    {
        final SendQueue queue = new SendQueue(BOUND);
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[]{1});
        assertTrue(queue.append(bytes, 0, 1));
        final OutboundBuffer first = queue.beginWrite();
        first.onWritten(1);
        queue.finishWrite();
        assertTrue(queue.append(bytes, 0, 1));
        final OutboundBuffer second = queue.beginWrite();
        second.onWritten(1);
        queue.finishWrite();
        assertTrue(queue.append(bytes, 0, 1));

        assertSame(first, queue.beginWrite(), "no buffer is made per write");
    }

    private static int produce(
        final SendQueue queue, final int producer, final int frames, final int bound, final AtomicInteger refusals)
    {
        final UnsafeBuffer body = new UnsafeBuffer(new byte[8]);
        body.putInt(0, producer, LITTLE_ENDIAN);
        for (int seq = 0; seq < frames; seq++)
        {
            body.putInt(4, seq, LITTLE_ENDIAN);
            while (!queue.appendFrame(producer, body, 0, body.capacity()))
            {
                refusals.incrementAndGet();
                Thread.yield();
            }
            final int queued = queue.queuedBytes();
            if (queued > bound)
            {
                throw new AssertionError("queued " + queued + " bytes over a bound of " + bound);
            }
        }
        return frames;
    }

    private static byte[] consume(final SendQueue queue, final int total, final int bound) throws Exception
    {
        final ByteArrayOutputStream sink = new ByteArrayOutputStream(total);
        final OutboundBufferTest.ChunkedChannel channel = new OutboundBufferTest.ChunkedChannel(5, sink);
        while (sink.size() < total)
        {
            final OutboundBuffer taken = queue.awaitWrite();
            if (null == taken)
            {
                break;
            }
            if (taken.pendingBytes() > bound)
            {
                throw new AssertionError("took " + taken.pendingBytes() + " bytes over a bound of " + bound);
            }
            while (!taken.isEmpty())
            {
                taken.writeTo(channel);
            }
            queue.finishWrite();
        }
        return sink.toByteArray();
    }

    private static byte[] writeUntilOutputShut(final SendQueue queue) throws Exception
    {
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        final OutboundBufferTest.ChunkedChannel channel = new OutboundBufferTest.ChunkedChannel(11, sink);
        while (true)
        {
            final OutboundBuffer taken = queue.awaitWrite();
            if (null != taken)
            {
                while (!taken.isEmpty())
                {
                    taken.writeTo(channel);
                }
                queue.finishWrite();
            }
            else if (queue.claimOutputShutdown())
            {
                return sink.toByteArray();
            }
        }
    }

    private <T> FutureTask<T> start(final Callable<T> work)
    {
        final FutureTask<T> task = new FutureTask<>(work);
        final Thread thread = new Thread(task, "send-queue-test-" + threads.size());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return task;
    }

    /**
     * Wait until a started thread waits on the queue's lock condition, so that what follows is what wakes it.
     */
    private void awaitParked(final int index)
    {
        final Thread thread = threads.get(index);
        awaitTrue(() -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
    }

    private static void awaitTrue(final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out");
            Thread.onSpinWait();
        }
    }
}
