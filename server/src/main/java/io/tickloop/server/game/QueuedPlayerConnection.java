package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.service.Connection;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection whose world runs on the {@link WorldThread}. Inbound, on the connection's reading thread:
 * frames are copied into the world's input queue. Outbound, on the world thread: frames are appended to a
 * small outbox (one short lock, bounded by the send-queue bound), and one drain task per batch is handed to
 * the connection's owning thread ({@link Connection#executeOnOwner}), which moves the outbox into the
 * connection's own bounded queue and performs a close the world asked for. The outbox and that queue share one
 * bound, the send-queue bound: a frame that would take their sum past it closes the connection as a slow
 * consumer (before, each had the bound to itself, so a slow consumer could hold twice it).
 * <p>
 * The outbox grows with a burst (up to the send-queue bound) and shrinks back to {@value #OUTBOX_INITIAL_BYTES}
 * bytes in the world thread's housekeeping pass ({@link #shrinkOutboxIfIdle}) once it is empty and nothing was
 * sent for a whole pass: a player that gets a STATE every tick keeps its outbox and allocates nothing.
 */
final class QueuedPlayerConnection extends PlayerConnection
{
    /** Bytes of this connection's frames in the world's input ring: added by the reader, taken by the world. */
    final AtomicInteger inputBytesWaiting = new AtomicInteger();
    /** Why the stream broke, set before the connection is queued for the world to kick it. */
    volatile CloseReason brokenReason;

    /** The outbox's first capacity, and the most an idle player's outbox keeps. */
    static final int OUTBOX_INITIAL_BYTES = 256;

    private final WorldThread world;
    private final int outboxLimit;
    private final Object lock = new Object();
    private ExpandableArrayBuffer outbox = new ExpandableArrayBuffer(OUTBOX_INITIAL_BYTES);
    private boolean sentSincePass;
    private final Runnable drain = this::drainOutbox;
    private int outboxLength;
    private int outboxFrames;
    private boolean drainScheduled;
    private CloseReason closeRequested;

    QueuedPlayerConnection(final WorldThread world, final Connection connection, final int maxFrameLength,
        final int outboxLimit)
    {
        super(connection, maxFrameLength);
        this.world = world;
        this.outboxLimit = outboxLimit;
    }

    @Override
    void onPlayerFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!world.offerFrame(this, type, buffer, offset, length))
        {
            reject(CloseReason.SERVER_FULL);
        }
    }

    @Override
    void onBrokenStream(final CloseReason error)
    {
        brokenReason = error;
        world.offerBroken(this);
    }

    @Override
    public void onClose(final CloseReason reason)
    {
        world.offerClosed(this);
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        synchronized (lock)
        {
            // one bound for both queues: the outbox and the transport's queue it drains into (read under this
            // lock, which every drain's send holds, so no drained byte is missed)
            if (null != closeRequested || outboxLength + length + connection.queuedBytes() > outboxLimit)
            {
                // nothing more once cut off or closing: a frame that fits later would follow a gap
                closeRequested = null == closeRequested ? CloseReason.SLOW_CONSUMER : closeRequested;
            }
            else
            {
                outbox.putBytes(outboxLength, buffer, offset, length);
                outboxLength += length;
                outboxFrames++; // the world sends whole frames: framesOut counts them, not the batches
                sentSincePass = true;
            }
            if (drainScheduled)
            {
                return;
            }
            drainScheduled = true;
        }
        connection.executeOnOwner(drain);
    }

    @Override
    public void close(final CloseReason reason)
    {
        synchronized (lock)
        {
            closeRequested = reason;
            if (drainScheduled)
            {
                return;
            }
            drainScheduled = true;
        }
        connection.executeOnOwner(drain);
    }

    /**
     * For the world thread's housekeeping pass: give back an outbox grown for a burst once it has been empty for a
     * whole pass. One allocation per burst, never per message.
     *
     * @return true when the outbox shrank.
     */
    boolean shrinkOutboxIfIdle()
    {
        synchronized (lock)
        {
            final boolean sent = sentSincePass;
            sentSincePass = false;
            if (sent || outboxLength > 0 || outbox.capacity() <= OUTBOX_INITIAL_BYTES)
            {
                return false;
            }
            outbox = new ExpandableArrayBuffer(OUTBOX_INITIAL_BYTES);
        }
        connection.counters().onBufferShrunk();
        return true;
    }

    /**
     * Move the outbox into the connection now, as the owner's drain task does; for tests.
     */
    void drain()
    {
        drainOutbox();
    }

    /**
     * @return bytes the outbox holds now; for tests.
     */
    int outboxCapacity()
    {
        synchronized (lock)
        {
            return outbox.capacity();
        }
    }

    /**
     * @return bytes in the outbox, not yet handed to the connection (for tests).
     */
    int outboxBytes()
    {
        synchronized (lock)
        {
            return outboxLength;
        }
    }

    private void drainOutbox()
    {
        final CloseReason close;
        synchronized (lock)
        {
            drainScheduled = false;
            if (outboxLength > 0 && connection.send(outbox, 0, outboxLength))
            {
                connection.counters().onFramesOut(outboxFrames);
            }
            outboxLength = 0;
            outboxFrames = 0;
            close = closeRequested;
        }
        if (null != close)
        {
            connection.close(close);
        }
    }
}
