package io.tickloop.server.metrics;

import io.tickloop.protocol.CloseReason;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A server's counters: connections, frames, bytes and closes by reason. Safe to update from any number of
 * threads; an update is one atomic add and allocates nothing.
 */
public final class ServerCounters
{
    private static final CloseReason[] REASONS = CloseReason.values();

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLongArray closes = new AtomicLongArray(REASONS.length);
    private final AtomicLong closed = new AtomicLong();

    /** A connection was accepted and is now served. */
    public void onAccepted()
    {
        accepted.incrementAndGet();
    }

    /**
     * An accepted connection closed, for any reason ({@link CloseReason#SERVER_FULL} included: a service may
     * cut off a served connection for want of room, and it was counted as accepted).
     *
     * @param reason why.
     */
    public void onClosed(final CloseReason reason)
    {
        closes.incrementAndGet(reason.ordinal());
        closed.incrementAndGet();
    }

    /**
     * A connection was refused at accept: counted as a {@link CloseReason#SERVER_FULL} close, never as accepted,
     * so the open count is untouched.
     */
    public void onRefused()
    {
        closes.incrementAndGet(CloseReason.SERVER_FULL.ordinal());
    }

    /** A whole frame arrived. */
    public void onFrameIn()
    {
        framesIn.incrementAndGet();
    }

    /** A frame was queued for a peer. */
    public void onFrameOut()
    {
        framesOut.incrementAndGet();
    }

    /**
     * @param bytes read from a peer.
     */
    public void onBytesIn(final long bytes)
    {
        bytesIn.addAndGet(bytes);
    }

    /**
     * @param bytes written to a peer.
     */
    public void onBytesOut(final long bytes)
    {
        bytesOut.addAndGet(bytes);
    }

    /**
     * @return connections accepted and not yet closed.
     */
    public long openConnections()
    {
        return accepted.get() - closed.get();
    }

    /**
     * @param reason a close reason.
     * @return how many connections closed for it.
     */
    public long closes(final CloseReason reason)
    {
        return closes.get(reason.ordinal());
    }

    /**
     * @param threads the model's thread count at this moment.
     * @return the counters as they are now.
     */
    public MetricsSnapshot snapshot(final int threads)
    {
        final long[] closesByReason = new long[REASONS.length];
        for (int i = 0; i < closesByReason.length; i++)
        {
            closesByReason[i] = closes.get(i);
        }
        return new MetricsSnapshot(
            System.nanoTime(),
            openConnections(),
            accepted.get(),
            framesIn.get(),
            framesOut.get(),
            bytesIn.get(),
            bytesOut.get(),
            closesByReason,
            threads);
    }
}
