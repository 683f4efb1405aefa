package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A world-thread player's outbox gives back what a burst grew once it has been idle for a housekeeping pass
 * (issue 12, item 6), and keeps it while the world sends every pass; its batches count as the frames they hold.
 */
class QueuedPlayerConnectionTest
{
    private static final int BURST_BYTES = 200 * 1024;

    private final ServerCounters counters = new ServerCounters();
    private final QueuedPlayerConnection player =
        new QueuedPlayerConnection(null, new DiscardingConnection(counters), 4096, 1024 * 1024);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);

    @Test
    void shouldGiveBackABurstsOutboxAfterAWholeIdlePass()
    {
        burst();
        assertTrue(player.outboxCapacity() >= BURST_BYTES, "the burst grew it: " + player.outboxCapacity());

        assertFalse(player.shrinkOutboxIfIdle(), "sent since the last pass: kept");
        assertTrue(player.shrinkOutboxIfIdle(), "idle for a whole pass: given back");

        assertEquals(QueuedPlayerConnection.OUTBOX_INITIAL_BYTES, player.outboxCapacity());
        assertEquals(1, counters.snapshot(0).buffersShrunk());
    }

    @Test
    void shouldKeepTheOutboxOfAPlayerSentToEveryPass()
    {
        burst();
        final int grown = player.outboxCapacity();
        for (int pass = 0; pass < 10; pass++)
        {
            player.send(frame, 0, 64);
            assertFalse(player.shrinkOutboxIfIdle());
        }
        assertEquals(grown, player.outboxCapacity(), "no allocation while the world sends every pass");
    }

    @Test
    void shouldCountEveryFrameOfABatchAsAFrameOut()
    {
        for (int i = 0; i < 5; i++)
        {
            player.send(frame, 0, 64); // five frames before the owner drains: one batch
        }
        player.drain();

        assertEquals(5, counters.snapshot(0).framesOut(), "frames, not batches");
    }

    private void burst()
    {
        // the owner's drain runs later on another thread: the world appends a whole burst before it
        for (int sent = 0; sent < BURST_BYTES; sent += frame.capacity())
        {
            player.send(frame, 0, frame.capacity());
        }
        player.drain();
    }

    /** A connection whose owner runs drains only when the test says: as a loop busy with others would. */
    private static final class DiscardingConnection implements Connection
    {
        private final ServerCounters counters;

        DiscardingConnection(final ServerCounters counters)
        {
            this.counters = counters;
        }

        @Override
        public long id()
        {
            return 1;
        }

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            return true;
        }

        @Override
        public boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
        {
            return true;
        }

        @Override
        public boolean sendWithHeader(
            final DirectBuffer header, final int headerLength, final DirectBuffer body, final int bodyOffset,
            final int bodyLength)
        {
            return true;
        }

        @Override
        public void close(final CloseReason reason)
        {
        }

        @Override
        public ServerCounters counters()
        {
            return counters;
        }

        @Override
        public void executeOnOwner(final Runnable task)
        {
        }
    }
}
