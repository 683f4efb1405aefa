package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open connections of the threaded models: add and remove, the housekeeping visit (and, through
 * {@link QueuedConnection}, the frame timeout it enforces), and the graceful drain with its deadline.
 */
class ConnectionRegistryTest
{
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistryTest.class);
    private static final long FRAME_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long TIMEOUT_S = 5;

    private final ConnectionRegistry<FakeMember> registry = new ConnectionRegistry<>();

    @Test
    void shouldCountWhatIsAddedAndRemoved()
    {
        final FakeMember first = new FakeMember(1, Drain.NEVER_CLOSES);
        final FakeMember second = new FakeMember(2, Drain.NEVER_CLOSES);
        assertEquals(0, registry.size());

        registry.add(first);
        registry.add(second);
        assertEquals(2, registry.size());

        registry.remove(first);
        assertEquals(1, registry.size());
        registry.remove(first);
        registry.remove(new FakeMember(3, Drain.NEVER_CLOSES));
        assertEquals(1, registry.size(), "removing what is not there changes nothing");

        registry.onTimer(123, 456, 0);
        assertEquals(0, first.timerVisits.size(), "a removed connection is not visited");
        assertEquals(List.of(123L, 456L), second.timerVisits);
    }

    @Test
    void shouldVisitEveryConnectionOnTheTimerEvenWhenVisitsCloseThem()
    {
        final List<FakeMember> members = new ArrayList<>();
        for (int i = 1; i <= 100; i++)
        {
            final FakeMember member = new FakeMember(i, Drain.NEVER_CLOSES);
            member.closeOnTimer = i % 2 == 0;
            members.add(member);
            registry.add(member);
        }

        registry.onTimer(1, 2, 0);

        for (final FakeMember member : members)
        {
            assertEquals(List.of(1L, 2L), member.timerVisits, "member " + member.id);
        }
        assertEquals(50, registry.size());
    }

    @Test
    void shouldAddAndRemoveFromManyThreads() throws Exception
    {
        final int threads = 4;
        final int perThread = 1000;
        final List<FutureTask<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final int base = t * perThread;
            final FutureTask<Void> task = new FutureTask<>(() ->
            {
                for (int i = 0; i < perThread; i++)
                {
                    registry.add(new FakeMember(base + i, Drain.NEVER_CLOSES));
                }
                for (int i = 0; i < perThread; i += 2)
                {
                    registry.remove(new FakeMember(base + i, Drain.NEVER_CLOSES));
                }
                return null;
            });
            tasks.add(task);
            new Thread(task, "registry-test-" + t).start();
        }
        for (final FutureTask<Void> task : tasks)
        {
            task.get(TIMEOUT_S, TimeUnit.SECONDS);
        }

        assertEquals(threads * perThread / 2, registry.size());
    }

    @Test
    void shouldExpireOnlyAConnectionStuckMidFramePastTheTimeout()
    {
        final ConnectionRegistry<QueuedConnection> connections = new ConnectionRegistry<>();
        final ServerCounters counters = new ServerCounters();
        final FakeChannel stuckChannel = new FakeChannel();
        final FakeChannel idleChannel = new FakeChannel();
        final QueuedConnection stuck = open(1, stuckChannel, counters, connections);
        final QueuedConnection idle = open(2, idleChannel, counters, connections);
        final QueuedConnection unread = open(3, new FakeChannel(), counters, connections);

        final long beforeNs = System.nanoTime();
        stuck.onRead(new FakeHandler(7), bytes(), 3);
        final long afterNs = System.nanoTime();
        idle.onRead(new FakeHandler(0), bytes(), 3);

        connections.onTimer(beforeNs + FRAME_TIMEOUT_NS, FRAME_TIMEOUT_NS, 0);
        assertEquals(3, connections.size(), "not past the timeout yet");
        assertFalse(stuck.isClosed());

        connections.onTimer(afterNs + FRAME_TIMEOUT_NS + 1, FRAME_TIMEOUT_NS, 0);

        assertTrue(stuck.isClosed());
        assertTrue(stuckChannel.closed);
        assertEquals(1, counters.closes(CloseReason.FRAME_TIMEOUT));
        assertEquals(2, connections.size());
        assertFalse(idle.isClosed(), "no partial frame");
        assertFalse(idleChannel.closed);
        assertFalse(unread.isClosed(), "nothing read at all");

        connections.onTimer(afterNs + 100 * FRAME_TIMEOUT_NS, FRAME_TIMEOUT_NS, 0);
        assertFalse(idle.isClosed());
        assertFalse(unread.isClosed());
        assertEquals(1, counters.closes(CloseReason.FRAME_TIMEOUT), "closed once");
    }

    @Test
    void shouldTimeAFrameFromItsFirstBytesNotItsLatest()
    {
        final ConnectionRegistry<QueuedConnection> connections = new ConnectionRegistry<>();
        final ServerCounters counters = new ServerCounters();
        final QueuedConnection trickling = open(1, new FakeChannel(), counters, connections);
        final FakeHandler sameFrame = new FakeHandler(5);

        trickling.onRead(sameFrame, bytes(), 1);
        final long afterFirstNs = System.nanoTime();
        awaitClockPast(afterFirstNs);
        trickling.onRead(sameFrame, bytes(), 1);

        connections.onTimer(afterFirstNs + FRAME_TIMEOUT_NS + 1, FRAME_TIMEOUT_NS, 0);

        assertTrue(trickling.isClosed(), "a byte at a time does not keep one frame alive");
        assertEquals(1, counters.closes(CloseReason.FRAME_TIMEOUT));
    }

    @Test
    void shouldRestartTheClockForTheNextPartialFrame()
    {
        final ConnectionRegistry<QueuedConnection> connections = new ConnectionRegistry<>();
        final ServerCounters counters = new ServerCounters();
        final QueuedConnection progressing = open(1, new FakeChannel(), counters, connections);

        progressing.onRead(new FakeHandler(5), bytes(), 3);
        final long afterFirstNs = System.nanoTime();
        awaitClockPast(afterFirstNs);
        final long beforeSecondNs = System.nanoTime();
        progressing.onRead(new FakeHandler(6), bytes(), 3);

        connections.onTimer(beforeSecondNs + FRAME_TIMEOUT_NS, FRAME_TIMEOUT_NS, 0);
        assertFalse(progressing.isClosed(), "the first frame completed; the second is within its time");

        connections.onTimer(System.nanoTime() + FRAME_TIMEOUT_NS + 1, FRAME_TIMEOUT_NS, 0);
        assertTrue(progressing.isClosed());
    }

    @Test
    void shouldDrainAnEmptyRegistryAtOnce()
    {
        final long startNs = System.nanoTime();

        registry.drain(TimeUnit.SECONDS.toMillis(30));

        assertTrue(elapsedMs(startNs) < TimeUnit.SECONDS.toMillis(TIMEOUT_S), elapsedMs(startNs) + " ms");
    }

    @Test
    void shouldReturnOnceEveryConnectionHasClosedWithoutForcingAny()
    {
        final List<FakeMember> members = addMembers(20, Drain.CLOSES_ITSELF_AT_ONCE);
        final long startNs = System.nanoTime();

        registry.drain(TimeUnit.SECONDS.toMillis(30));

        assertTrue(elapsedMs(startNs) < TimeUnit.SECONDS.toMillis(TIMEOUT_S), elapsedMs(startNs) + " ms");
        assertEquals(0, registry.size());
        for (final FakeMember member : members)
        {
            assertEquals(1, member.drainsBegun);
            assertEquals(List.of(), member.closes, "member " + member.id + " was not forced");
        }
    }

    @Test
    void shouldWaitForConnectionsThatCloseOnOtherThreads() throws Exception
    {
        final LinkedBlockingQueue<FakeMember> draining = new LinkedBlockingQueue<>();
        final List<FakeMember> members = addMembers(10, Drain.CLOSES_LATER);
        members.forEach((member) -> member.draining = draining);
        final FutureTask<Integer> closer = new FutureTask<>(() ->
        {
            for (int i = 0; i < members.size(); i++)
            {
                final FakeMember member = draining.poll(TIMEOUT_S, TimeUnit.SECONDS);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // a flush that takes a little while
                registry.remove(member);
            }
            return members.size();
        });
        new Thread(closer, "registry-test-closer").start();
        final long startNs = System.nanoTime();

        registry.drain(TimeUnit.SECONDS.toMillis(30));

        final long elapsedMs = elapsedMs(startNs);
        assertEquals(10, closer.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(0, registry.size());
        for (final FakeMember member : members)
        {
            assertEquals(List.of(), member.closes, "member " + member.id + " was not forced");
        }
        assertTrue(elapsedMs < TimeUnit.SECONDS.toMillis(TIMEOUT_S), "returned when the last closed: " + elapsedMs);
    }

    @Test
    void shouldCloseWhatIsLeftAtTheDeadline()
    {
        final long timeoutMs = 200;
        final List<FakeMember> polite = addMembers(3, Drain.CLOSES_ITSELF_AT_ONCE);
        final FakeMember stuck = new FakeMember(99, Drain.NEVER_CLOSES);
        registry.add(stuck);
        final long startNs = System.nanoTime();

        registry.drain(timeoutMs);

        final long elapsedMs = elapsedMs(startNs);
        System.out.println("ConnectionRegistryTest: drain with a stuck connection took " + elapsedMs + " ms");
        assertTrue(elapsedMs >= timeoutMs, "waited the whole timeout: " + elapsedMs + " ms");
        assertTrue(elapsedMs < timeoutMs + TimeUnit.SECONDS.toMillis(TIMEOUT_S), "then stopped: " + elapsedMs);
        assertEquals(1, stuck.drainsBegun);
        assertEquals(List.of(CloseReason.SHUTTING_DOWN), stuck.closes);
        for (final FakeMember member : polite)
        {
            assertEquals(List.of(), member.closes);
        }
        assertEquals(0, registry.size());
    }

    @Test
    void shouldStopWaitingWhenInterruptedAndKeepTheInterrupt()
    {
        final FakeMember stuck = new FakeMember(1, Drain.NEVER_CLOSES);
        registry.add(stuck);
        final long startNs = System.nanoTime();

        Thread.currentThread().interrupt();
        registry.drain(TimeUnit.SECONDS.toMillis(30));

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertTrue(elapsedMs(startNs) < TimeUnit.SECONDS.toMillis(TIMEOUT_S), elapsedMs(startNs) + " ms");
        assertEquals(List.of(CloseReason.SHUTTING_DOWN), stuck.closes);
    }

    private List<FakeMember> addMembers(final int count, final Drain drain)
    {
        final List<FakeMember> members = new ArrayList<>();
        for (int i = 1; i <= count; i++)
        {
            final FakeMember member = new FakeMember(i, drain);
            members.add(member);
            registry.add(member);
        }
        return members;
    }

    private static QueuedConnection open(
        final long id,
        final FakeChannel channel,
        final ServerCounters counters,
        final ConnectionRegistry<QueuedConnection> connections)
    {
        final QueuedConnection connection = new QueuedConnection(
            id, channel, 1024, 0, counters, connections, LOG, new QueuedConnection.Io()
            {
                @Override
                public void onQueued()
                {
                }

                @Override
                public void onReadResumed()
                {
                }
            });
        connection.open();
        return connection;
    }

    private static DirectBuffer bytes()
    {
        return new UnsafeBuffer(new byte[16]);
    }

    private static void awaitClockPast(final long timeNs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() - timeNs <= 0)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "the clock did not move");
            Thread.onSpinWait();
        }
    }

    private static long elapsedMs(final long startNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }

    private enum Drain
    {
        CLOSES_ITSELF_AT_ONCE,
        CLOSES_LATER,
        NEVER_CLOSES
    }

    private final class FakeMember implements ConnectionRegistry.Member
    {
        private final long id;
        private final Drain drain;
        private final List<Long> timerVisits = new CopyOnWriteArrayList<>();
        private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
        private volatile int drainsBegun;
        private boolean closeOnTimer;
        private LinkedBlockingQueue<FakeMember> draining;

        FakeMember(final long id, final Drain drain)
        {
            this.id = id;
            this.drain = drain;
        }

        @Override
        public long id()
        {
            return id;
        }

        @Override
        public void onTimer(final long nowNs, final long frameTimeoutNs, final long idleTimeoutNs)
        {
            timerVisits.add(nowNs);
            timerVisits.add(frameTimeoutNs);
            if (closeOnTimer)
            {
                registry.remove(this);
            }
        }

        @Override
        public void beginDrain()
        {
            drainsBegun++;
            if (drain == Drain.CLOSES_ITSELF_AT_ONCE)
            {
                registry.remove(this);
            }
            else if (drain == Drain.CLOSES_LATER)
            {
                draining.add(this);
            }
        }

        @Override
        public void close(final CloseReason reason)
        {
            closes.add(reason);
            registry.remove(this);
        }
    }

    private static final class FakeHandler implements ConnectionHandler
    {
        private final long partialFrameSeq;

        FakeHandler(final long partialFrameSeq)
        {
            this.partialFrameSeq = partialFrameSeq;
        }

        @Override
        public void onBytes(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public long partialFrameSeq()
        {
            return partialFrameSeq;
        }
    }

    private static final class FakeChannel implements Closeable
    {
        private volatile boolean closed;

        @Override
        public void close()
        {
            closed = true;
        }
    }
}
