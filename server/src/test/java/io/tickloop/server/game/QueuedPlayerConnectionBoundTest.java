package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.service.Connection;
import io.tickloop.server.metrics.ServerCounters;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The game's outbox under a world thread and the transport's queue it drains into share one bound.
 */
class QueuedPlayerConnectionBoundTest
{
    private static final int BOUND = 1_000;
    private static final int FRAME = 100;

    @Test
    void shouldHoldNoMoreThanOneSendQueueBoundInTheOutboxAndTheTransportQueueTogether()
    {
        final NeverWritten connection = new NeverWritten();
        final QueuedPlayerConnection player = new QueuedPlayerConnection(null, connection, 4096, BOUND);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME]);
        int maxHeld = 0;
        for (int i = 0; i < 100 && null == connection.closedWith; i++)
        {
            player.send(frame, 0, FRAME);
            if (i % 5 == 4)
            {
                connection.runOwnerTasks();
            }
            maxHeld = Math.max(maxHeld, connection.queued + player.outboxBytes());
        }
        connection.runOwnerTasks();
        System.out.printf("outbox + transport queue held at most %,d bytes, bound %,d%n", maxHeld, BOUND);
        assertTrue(maxHeld <= BOUND, "held " + maxHeld + " bytes, bound " + BOUND);
        assertEquals(CloseReason.SLOW_CONSUMER, connection.closedWith);
    }

    /** A transport queue bounded like the models', never written, whose owner runs tasks when the test says. */
    private static final class NeverWritten implements Connection
    {
        final ArrayDeque<Runnable> ownerTasks = new ArrayDeque<>();
        final ServerCounters counters = new ServerCounters();
        int queued;
        CloseReason closedWith;

        void runOwnerTasks()
        {
            while (!ownerTasks.isEmpty())
            {
                ownerTasks.poll().run();
            }
        }

        @Override
        public long id()
        {
            return 1;
        }

        @Override
        public int queuedBytes()
        {
            return queued;
        }

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            if (null != closedWith)
            {
                return false;
            }
            if (queued + length > BOUND)
            {
                close(CloseReason.SLOW_CONSUMER);
                return false;
            }
            queued += length;
            return true;
        }

        @Override
        public boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean sendWithHeader(
            final DirectBuffer header, final int headerLength, final DirectBuffer body, final int bodyOffset,
            final int bodyLength)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close(final CloseReason reason)
        {
            if (null == closedWith)
            {
                closedWith = reason;
            }
        }

        @Override
        public ServerCounters counters()
        {
            return counters;
        }

        @Override
        public void executeOnOwner(final Runnable task)
        {
            ownerTasks.add(task);
        }
    }
}
