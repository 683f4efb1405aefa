package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.transport.Housekeeping;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that owns the {@link World} under every model but {@code selector}. Connections' reading
 * threads copy frames into a {@link ManyToOneRingBuffer} (message type = frame type, payload = session id
 * then the frame) and queue opens, closes and broken streams; this thread drains them, runs the world, and
 * ticks when the deadline the world returned has passed, parking in between (at most {@value #MAX_PARK_US} us
 * while a player is connected, or less when the tick is due sooner; with nobody connected, until the tick: an
 * idle server's world wakes at the tick rate, not two thousand times a second). Nothing but this thread
 * touches the world.
 * <p>
 * Fairness when the world falls behind: each connection may have at most {@code --input-queue-bytes} of its
 * frames waiting in the ring. The one that passes its share is the flooder and is the one cut off (KICK
 * {@code SERVER_FULL}); a reading thread never waits for room, so one client cannot stall the others. Only when
 * so many clients each hold a share that the ring itself is full is the client that found it full cut off the
 * same way: the world is then overloaded as a whole.
 * <p>
 * With a UDP port ({@code --udp-port}) this thread also owns the datagram channel: it takes what waits there at
 * every turn, so a datagram waits at most one park ({@value #MAX_PARK_US} us while a player is connected, and
 * only a connected player can have bound a source), where an input waits for the next tick anyway.
 * <p>
 * The world sees a connection's frames before its end: a broken stream or a close waits while frames the
 * connection sent before it are still in the ring (its {@code inputBytesWaiting}), so a client that sends
 * valid frames and then junk has the frames handled, then the KICK.
 */
final class WorldThread implements AutoCloseable
{
    /** The thread's name. */
    static final String THREAD_NAME = "tickloop-world";

    private static final Logger LOG = LoggerFactory.getLogger(WorldThread.class);
    private static final int INPUT_BYTES = 4 * 1024 * 1024;
    private static final int MAX_PARK_US = 500;
    private static final long MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(MAX_PARK_US);
    /** How often idle players' outboxes grown for a burst are given back: the transport's housekeeping interval. */
    private static final long SHRINK_PASS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(Housekeeping.INTERVAL_MS);
    private static final int MAX_INPUTS_PER_TURN = 4096;

    private final World world;
    private final WorldFailures failures;
    private final int maxFrameLength;
    private final int outboxLimit;
    private final int inputQueueBytes;
    private final ManyToOneRingBuffer inputs = new ManyToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(INPUT_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
    private final ManyToOneConcurrentLinkedQueue<QueuedPlayerConnection> opened = new ManyToOneConcurrentLinkedQueue<>();
    private final ManyToOneConcurrentLinkedQueue<QueuedPlayerConnection> broken = new ManyToOneConcurrentLinkedQueue<>();
    private final ManyToOneConcurrentLinkedQueue<QueuedPlayerConnection> closed = new ManyToOneConcurrentLinkedQueue<>();
    private final ArrayDeque<QueuedPlayerConnection> brokenAfterInputs = new ArrayDeque<>();
    private final ArrayDeque<QueuedPlayerConnection> closedAfterInputs = new ArrayDeque<>();
    private final Long2ObjectHashMap<QueuedPlayerConnection> connections = new Long2ObjectHashMap<>();
    private final MessageHandler onInput = this::onInput;
    private final Thread thread;
    private final CountDownLatch goodbyeSaid = new CountDownLatch(1);
    private volatile boolean goodbyeRequested;
    private volatile boolean running = true;
    private volatile boolean parked;
    private final boolean pollsDatagrams;
    private long nowNs;
    private long deadlineNs = System.nanoTime();
    private long nextShrinkPassNs = deadlineNs + SHRINK_PASS_INTERVAL_NS;

    WorldThread(final World world, final WorldFailures failures, final int maxFrameLength, final int outboxLimit,
        final int inputQueueBytes)
    {
        this.world = world;
        this.failures = failures;
        this.maxFrameLength = maxFrameLength;
        this.outboxLimit = outboxLimit;
        this.inputQueueBytes = inputQueueBytes;
        this.pollsDatagrams = null != world.channel();
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    ConnectionHandler onOpen(final Connection connection)
    {
        final QueuedPlayerConnection queued = new QueuedPlayerConnection(this, connection, maxFrameLength, outboxLimit);
        opened.offer(queued);
        wake();
        return queued;
    }

    /**
     * Copy a frame into the world's input ring; on the connection's reading thread (one per connection).
     *
     * @return false, copying nothing, when the connection's frames waiting for the world would pass its share
     * or the ring is full: the caller has the connection kicked.
     */
    boolean offerFrame(final QueuedPlayerConnection queued, final int type, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final int recordLength = Long.BYTES + length;
        // only this thread adds to the count and the world thread only lowers it: the check cannot go stale upwards
        if (queued.inputBytesWaiting.get() + recordLength > inputQueueBytes)
        {
            LOG.warn("{}: {} bytes of its frames wait for the world, its share is {}; cutting it off",
                queued.player, queued.inputBytesWaiting.get(), inputQueueBytes);
            return false;
        }
        final int index = inputs.tryClaim(type, recordLength);
        if (index <= 0)
        {
            LOG.warn("{}: the world's input queue is full; cutting it off", queued.player);
            return false;
        }
        queued.inputBytesWaiting.addAndGet(recordLength);
        final UnsafeBuffer claimed = (UnsafeBuffer)inputs.buffer();
        claimed.putLong(index, queued.player.sessionId, ByteOrder.LITTLE_ENDIAN);
        claimed.putBytes(index + Long.BYTES, buffer, offset, length);
        inputs.commit(index);
        wake();
        return true;
    }

    /**
     * The connection's stream broke or was rejected: the world kicks the player with the reason the connection
     * holds. Its own queue, not the ring, so that it gets through when the ring is full.
     */
    void offerBroken(final QueuedPlayerConnection queued)
    {
        broken.offer(queued);
        wake();
    }

    void offerClosed(final QueuedPlayerConnection queued)
    {
        closed.offer(queued);
        wake();
    }

    /**
     * Have the world say BYE to every player, on this thread, and wait (at most the timeout) until it has: the
     * BYEs are then queued for every connection before the drain begins, and the world no longer ticks. Any
     * thread.
     *
     * @param timeoutMs the longest wait.
     */
    void sayGoodbye(final long timeoutMs)
    {
        goodbyeRequested = true;
        wake();
        try
        {
            goodbyeSaid.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        while (running)
        {
            try
            {
                turn();
            }
            catch (final RuntimeException ex)
            {
                failures.onFailure("the world thread's turn", null, ex);
            }
        }
    }

    private void turn()
    {
        nowNs = System.nanoTime();
        int work = drainOpened() + inputs.read(onInput, MAX_INPUTS_PER_TURN);
        if (pollsDatagrams)
        {
            work += world.onChannelReadable(nowNs); // at most MAX_PARK_US late: inputs wait for the tick anyway
        }
        work += drainEnded(broken, brokenAfterInputs, false) + drainEnded(closed, closedAfterInputs, true);
        if (goodbyeRequested && goodbyeSaid.getCount() > 0)
        {
            try
            {
                world.onDrain();
            }
            finally
            {
                goodbyeSaid.countDown();
            }
            work++;
        }
        nowNs = System.nanoTime();
        if (nowNs - deadlineNs >= 0)
        {
            deadlineNs = world.onTick(nowNs);
            work++;
        }
        if (nowNs - nextShrinkPassNs >= 0)
        {
            nextShrinkPassNs = nowNs + SHRINK_PASS_INTERVAL_NS;
            shrinkIdleOutboxes();
        }
        if (work == 0)
        {
            parked = true;
            if (inputs.size() == 0 && opened.isEmpty() && closed.isEmpty() && broken.isEmpty())
            {
                // every offer unparks it: an input, an open or a close ends the wait whatever its length
                final long parkNs = deadlineNs - nowNs;
                LockSupport.parkNanos(connections.isEmpty() ? parkNs : Math.min(MAX_PARK_NS, parkNs));
            }
            parked = false;
        }
    }

    private void shrinkIdleOutboxes()
    {
        for (final QueuedPlayerConnection queued : connections.values()) // Agrona's map reuses its iterator
        {
            queued.shrinkOutboxIfIdle();
        }
    }

    private void wake()
    {
        if (parked)
        {
            LockSupport.unpark(thread);
        }
    }

    private int drainOpened()
    {
        int count = 0;
        QueuedPlayerConnection queued;
        while (null != (queued = opened.poll()))
        {
            connections.put(queued.player.sessionId, queued);
            world.onOpen(queued.player, nowNs);
            count++;
        }
        return count;
    }

    /**
     * End the connections of a queue (broken streams, or closes) whose frames the world has all read; one with
     * frames still in the ring waits for a later turn, after those that already waited.
     */
    private int drainEnded(final ManyToOneConcurrentLinkedQueue<QueuedPlayerConnection> ended,
        final ArrayDeque<QueuedPlayerConnection> afterInputs, final boolean closes)
    {
        int count = 0;
        for (int i = afterInputs.size(); i > 0; i--)
        {
            count += endAfterInputs(afterInputs.poll(), afterInputs, closes);
        }
        QueuedPlayerConnection queued;
        while (null != (queued = ended.poll()))
        {
            drainOpened();
            count += endAfterInputs(queued, afterInputs, closes);
        }
        return count;
    }

    private int endAfterInputs(final QueuedPlayerConnection queued,
        final ArrayDeque<QueuedPlayerConnection> afterInputs, final boolean closes)
    {
        if (queued.inputBytesWaiting.get() > 0)
        {
            afterInputs.offer(queued); // its reading thread queued those frames before it queued the end
            return 0;
        }
        if (closes)
        {
            connections.remove(queued.player.sessionId);
            world.onClosed(queued.player);
        }
        else
        {
            world.kick(queued.player, queued.brokenReason);
        }
        return 1;
    }

    private void onInput(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long sessionId = buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
        QueuedPlayerConnection queued = connections.get(sessionId);
        if (null == queued)
        {
            drainOpened();
            queued = connections.get(sessionId);
        }
        if (null == queued)
        {
            return;
        }
        queued.inputBytesWaiting.addAndGet(-length);
        try
        {
            world.onFrame(queued.player, type, buffer, index + Long.BYTES, length - Long.BYTES, nowNs);
        }
        catch (final RuntimeException ex)
        {
            failures.onFailure("a frame of type " + type, queued.player, ex);
            world.kick(queued.player, CloseReason.INTERNAL_ERROR);
        }
    }
}
