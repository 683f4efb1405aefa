package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.DirectBuffer;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that owns the {@link World} under every model but {@code selector}. Connections' reading
 * threads copy frames into a {@link ManyToOneRingBuffer} (message type = frame type, payload = session id
 * then the frame) and queue opens and closes; this thread drains both, runs the world, and ticks when the
 * deadline the world returned has passed, parking in between (at most {@value #MAX_PARK_US} us, or less when
 * the tick is due sooner). Nothing but this thread touches the world.
 */
final class WorldThread implements AutoCloseable
{
    /** The thread's name. */
    static final String THREAD_NAME = "tickloop-world";

    private static final Logger LOG = LoggerFactory.getLogger(WorldThread.class);
    private static final int INPUT_BYTES = 4 * 1024 * 1024;
    private static final int FULL_RETRIES = 1000;
    private static final int MAX_PARK_US = 500;
    private static final int ERROR_TYPE = 0xFFFF + 1;

    private final World world;
    private final int maxFrameLength;
    private final int outboxLimit;
    private final ManyToOneRingBuffer inputs = new ManyToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(INPUT_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
    private final ManyToOneConcurrentLinkedQueue<QueuedPlayerConnection> opened = new ManyToOneConcurrentLinkedQueue<>();
    private final ManyToOneConcurrentLinkedQueue<QueuedPlayerConnection> closed = new ManyToOneConcurrentLinkedQueue<>();
    private final Long2ObjectHashMap<QueuedPlayerConnection> connections = new Long2ObjectHashMap<>();
    private final MessageHandler onInput = this::onInput;
    private final Thread thread;
    private final CountDownLatch goodbyeSaid = new CountDownLatch(1);
    private volatile boolean goodbyeRequested;
    private volatile boolean running = true;
    private volatile boolean parked;
    private long nowNs;

    WorldThread(final World world, final int maxFrameLength, final int outboxLimit)
    {
        this.world = world;
        this.maxFrameLength = maxFrameLength;
        this.outboxLimit = outboxLimit;
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

    boolean offerFrame(final QueuedPlayerConnection queued, final int type, final DirectBuffer buffer, final int offset,
        final int length)
    {
        for (int i = 0; i < FULL_RETRIES; i++)
        {
            final int index = inputs.tryClaim(type, Long.BYTES + length);
            if (index > 0)
            {
                final UnsafeBuffer claimed = (UnsafeBuffer)inputs.buffer();
                claimed.putLong(index, queued.player.sessionId, ByteOrder.LITTLE_ENDIAN);
                claimed.putBytes(index + Long.BYTES, buffer, offset, length);
                inputs.commit(index);
                wake();
                return true;
            }
            Thread.yield();
        }
        LOG.warn("{}: the world's input queue stayed full, closing", queued.player);
        return false;
    }

    void offerError(final QueuedPlayerConnection queued, final CloseReason error)
    {
        final UnsafeBuffer code = new UnsafeBuffer(new byte[Long.BYTES + Integer.BYTES]);
        code.putLong(0, queued.player.sessionId, ByteOrder.LITTLE_ENDIAN);
        code.putInt(Long.BYTES, error.code(), ByteOrder.LITTLE_ENDIAN);
        if (!inputs.write(ERROR_TYPE, code, 0, code.capacity()))
        {
            queued.connection.close(error);
        }
        wake();
    }

    void offerClosed(final QueuedPlayerConnection queued)
    {
        closed.offer(queued);
        wake();
    }

    /**
     * Have the world say BYE to every player, on this thread, and wait (at most the timeout) until it has: the
     * BYEs are then queued for every connection before the drain begins. Any thread.
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
        long deadlineNs = System.nanoTime();
        while (running)
        {
            nowNs = System.nanoTime();
            int work = drainOpened() + inputs.read(onInput, 4096) + drainClosed();
            if (goodbyeRequested && goodbyeSaid.getCount() > 0)
            {
                world.onDrain();
                goodbyeSaid.countDown();
                work++;
            }
            nowNs = System.nanoTime();
            if (nowNs - deadlineNs >= 0)
            {
                deadlineNs = world.onTick(nowNs);
                work++;
            }
            if (work == 0)
            {
                parked = true;
                if (inputs.size() == 0 && opened.isEmpty() && closed.isEmpty())
                {
                    LockSupport.parkNanos(Math.min(TimeUnit.MICROSECONDS.toNanos(MAX_PARK_US), deadlineNs - nowNs));
                }
                parked = false;
            }
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

    private int drainClosed()
    {
        int count = 0;
        QueuedPlayerConnection queued;
        while (null != (queued = closed.poll()))
        {
            connections.remove(queued.player.sessionId);
            world.onClosed(queued.player);
            count++;
        }
        return count;
    }

    private void onInput(final int type, final org.agrona.MutableDirectBuffer buffer, final int index, final int length)
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
        if (type == ERROR_TYPE)
        {
            world.kick(queued.player, CloseReason.ofCode(buffer.getInt(index + Long.BYTES, ByteOrder.LITTLE_ENDIAN)));
            return;
        }
        world.onFrame(queued.player, type, buffer, index + Long.BYTES, length - Long.BYTES, nowNs);
    }
}
