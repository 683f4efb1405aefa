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
    private final AtomicLong acceptFailures = new AtomicLong();
    private final AtomicLong allocationFailures = new AtomicLong();
    private final AtomicLong frameBudgetHits = new AtomicLong();
    private final AtomicLong emptyPolls = new AtomicLong();
    private final AtomicLong bufferBytes = new AtomicLong();
    private final AtomicLong buffersShrunk = new AtomicLong();

    /** A connection was accepted and is now served. */
    public void onAccepted()
    {
        accepted.incrementAndGet();
    }

    /**
     * A connection closed; one refused past the connection limit was accepted first and closes as
     * {@link CloseReason#SERVER_FULL}.
     *
     * @param reason why.
     */
    public void onClosed(final CloseReason reason)
    {
        closes.incrementAndGet(reason.ordinal());
        closed.incrementAndGet();
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
     * @param frames queued for a peer at once (a batch handed over from another thread's outbox).
     */
    public void onFramesOut(final int frames)
    {
        framesOut.addAndGet(frames);
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

    /** An {@code accept} failed (often: out of descriptors) and accepting paused. */
    public void onAcceptFailed()
    {
        acceptFailures.incrementAndGet();
    }

    /** A connection's read buffer could not be allocated, or its send buffer grown (direct memory exhausted). */
    public void onAllocationFailed()
    {
        allocationFailures.incrementAndGet();
    }

    /** A connection used up its frames for one loop turn; the rest of its bytes wait for the next turn. */
    public void onFrameBudgetHit()
    {
        frameBudgetHits.incrementAndGet();
    }

    /** A loop woke up and found nothing to do: a loop that spins shows here. */
    public void onEmptyPoll()
    {
        emptyPolls.incrementAndGet();
    }

    /**
     * A connection's send buffer grew, shrank or was freed. Called only when a buffer's capacity changes, never
     * per message in a steady state.
     *
     * @param delta bytes of direct memory now held more (or, negative, fewer).
     */
    public void onBufferBytes(final long delta)
    {
        bufferBytes.addAndGet(delta);
    }

    /** An idle connection freed a send buffer grown for a burst. */
    public void onBufferShrunk()
    {
        buffersShrunk.incrementAndGet();
    }

    /**
     * @return bytes of direct memory the connections' send buffers hold now.
     */
    public long bufferBytes()
    {
        return bufferBytes.get();
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
            threads,
            acceptFailures.get(),
            allocationFailures.get(),
            frameBudgetHits.get(),
            emptyPolls.get(),
            bufferBytes.get(),
            buffersShrunk.get());
    }
}
