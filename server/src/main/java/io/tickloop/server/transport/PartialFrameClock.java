package io.tickloop.server.transport;

/**
 * When a connection's incomplete frame started waiting for its rest, so that a model can close a connection
 * that stays mid-frame past the frame timeout. Written by the thread that calls the service's handler, read by
 * whichever thread keeps time: the fields are volatile, written in an order that never makes a frame look older
 * than it is.
 */
public final class PartialFrameClock
{
    private volatile long partialFrameSeq;
    private volatile long sinceNs;

    /**
     * Call after the handler has taken bytes.
     *
     * @param partialFrameSeq the handler's {@code partialFrameSeq()} now.
     * @param nowNs the time now ({@link System#nanoTime()}).
     */
    public void onBytesHandled(final long partialFrameSeq, final long nowNs)
    {
        if (partialFrameSeq != this.partialFrameSeq)
        {
            sinceNs = nowNs;
            this.partialFrameSeq = partialFrameSeq;
        }
    }

    /**
     * @param nowNs the time now ({@link System#nanoTime()}).
     * @param frameTimeoutNs how long a frame may stay incomplete.
     * @return true when the same incomplete frame has waited longer than the timeout.
     */
    public boolean isExpired(final long nowNs, final long frameTimeoutNs)
    {
        return partialFrameSeq != 0 && nowNs - sinceNs > frameTimeoutNs;
    }
}
