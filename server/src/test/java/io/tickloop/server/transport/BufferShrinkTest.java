package io.tickloop.server.transport;

import io.tickloop.server.metrics.ServerCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory comes back (issue 12, case 12): connections that each once queued 200 KiB and then went quiet hold
 * under 8 KiB each after two housekeeping passes, counted by {@link ServerCounters#bufferBytes()}; a connection
 * that sends every pass keeps its buffer (no allocation in a steady state).
 */
class BufferShrinkTest
{
    private static final int SEND_QUEUE_BYTES = 1024 * 1024;
    private static final int BURST_BYTES = 200 * 1024;
    private static final int FRAME_BODY = 4092;
    private static final long PER_CONNECTION_BOUND = 8 * 1024;
    private static final int CONNECTIONS_PER_BATCH = 100;

    private final UnsafeBuffer body = new UnsafeBuffer(new byte[FRAME_BODY]);
    private final SinkChannel sink = new SinkChannel();

    @Test
    void shouldHoldUnderEightKibPerConnectionAfterAThousandBurstsWentQuiet() throws IOException
    {
        burstThenIdle(1_000);
    }

    @Test
    @Tag("slow")
    void shouldHoldUnderEightKibPerConnectionAfterTenThousandBurstsWentQuiet() throws IOException
    {
        burstThenIdle(10_000);
    }

    @Test
    void shouldKeepTheBufferOfAConnectionThatSendsEveryPass() throws IOException
    {
        final ServerCounters counters = new ServerCounters();
        final SendQueue queue = new SendQueue(SEND_QUEUE_BYTES, counters);
        burst(queue, BURST_BYTES);
        burst(queue, BURST_BYTES); // the two buffers take turns: both grown
        final long heldAfterBurst = counters.bufferBytes();

        for (int pass = 0; pass < 10; pass++)
        {
            burst(queue, BURST_BYTES);
            queue.shrinkIfIdle();
        }

        assertEquals(heldAfterBurst, counters.bufferBytes(), "a busy connection's buffers are not given back");
        assertEquals(0, counters.snapshot(0).buffersShrunk());
        queue.close();
        assertEquals(0, counters.bufferBytes(), "a closed queue frees its buffers");
    }

    @Test
    void shouldFreeALoopSessionsGrownBufferOnlyAfterAWholeIdlePass() throws IOException
    {
        final ServerCounters counters = new ServerCounters();
        final OutboundBuffer outbound = new OutboundBuffer(SEND_QUEUE_BYTES, counters);
        for (int sent = 0; sent < BURST_BYTES; sent += FRAME_BODY + 4)
        {
            assertTrue(outbound.appendFrame(1, body, 0, FRAME_BODY));
        }
        outbound.writeTo(sink);
        assertTrue(outbound.isEmpty());
        final long grown = counters.bufferBytes();

        assertEquals(false, outbound.shrinkIfIdle(), "appended since the last pass: kept");
        assertEquals(grown, counters.bufferBytes());
        assertTrue(outbound.shrinkIfIdle(), "idle for a whole pass: freed");
        assertEquals(0, counters.bufferBytes());
        assertTrue(outbound.appendFrame(1, body, 0, 8), "usable again after a shrink");
        assertEquals(OutboundBuffer.INITIAL_CAPACITY, counters.bufferBytes());
        System.out.printf("loop session: %d bytes held after the burst, %d after an idle pass%n",
            grown, OutboundBuffer.INITIAL_CAPACITY);
    }

    private void burstThenIdle(final int connections) throws IOException
    {
        final ServerCounters counters = new ServerCounters();
        final SendQueue[] queues = new SendQueue[connections];
        long peakBytes = 0;
        final long startNs = System.nanoTime();
        for (int first = 0; first < connections; first += CONNECTIONS_PER_BATCH)
        {
            // a batch at a time, with a housekeeping pass between: 10,000 bursts at once would need 2.5 GB direct
            final int end = Math.min(connections, first + CONNECTIONS_PER_BATCH);
            for (int i = first; i < end; i++)
            {
                queues[i] = new SendQueue(SEND_QUEUE_BYTES, counters);
                burst(queues[i], BURST_BYTES);
            }
            peakBytes = Math.max(peakBytes, counters.bufferBytes());
            housekeepingPass(queues, end);
        }
        housekeepingPass(queues, connections);
        housekeepingPass(queues, connections);

        final long perConnection = counters.bufferBytes() / connections;
        System.out.printf("%,d connections after a 200 KiB burst each: peak %,d bytes held, now %,d (%,d each), " +
            "%,d shrinks, %d ms%n", connections, peakBytes, counters.bufferBytes(), perConnection,
            counters.snapshot(0).buffersShrunk(), (System.nanoTime() - startNs) / 1_000_000);
        assertTrue(peakBytes >= (long)CONNECTIONS_PER_BATCH * BURST_BYTES, "the bursts grew the buffers");
        assertTrue(perConnection < PER_CONNECTION_BOUND, "held per connection: " + perConnection);
        for (final SendQueue queue : queues)
        {
            queue.close();
        }
        assertEquals(0, counters.bufferBytes());
    }

    private static void housekeepingPass(final SendQueue[] queues, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            queues[i].shrinkIfIdle();
        }
    }

    private void burst(final SendQueue queue, final int bytes) throws IOException
    {
        for (int sent = 0; sent < bytes; sent += FRAME_BODY + 4)
        {
            assertTrue(queue.appendFrame(1, body, 0, FRAME_BODY));
        }
        final OutboundBuffer writing = queue.beginWrite();
        while (!writing.isEmpty())
        {
            writing.writeTo(sink);
        }
        queue.finishWrite();
    }

    private static final class SinkChannel implements WritableByteChannel
    {
        @Override
        public int write(final ByteBuffer source)
        {
            final int length = source.remaining();
            source.position(source.limit());
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
