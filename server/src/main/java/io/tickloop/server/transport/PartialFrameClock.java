package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Service;

import java.util.concurrent.TimeUnit;

/**
 * A connection's two deadlines and its frame allowance, kept in one place for every model: when its incomplete
 * frame started waiting for its rest (the frame timeout, per frame: a client that trickles a frame byte by byte
 * is closed when that frame's time is up, however steadily it trickles), when bytes last arrived (the idle
 * timeout), and a token bucket of frames per second with a burst of one second's worth (a flooder is closed as
 * {@link CloseReason#FLOODING}). Written by the thread that calls the service's handler, read by whichever thread
 * keeps time: the deadline fields are volatile, written in an order that never makes a frame look older than it
 * is; the bucket is the reading thread's alone.
 */
public final class PartialFrameClock
{
    private final double framesPerNs;
    private final double burstFrames;
    private double allowanceFrames;
    private long allowanceNs = System.nanoTime();
    private long framesCharged;
    private volatile long partialFrameSeq;
    private volatile long sinceNs;
    private volatile long lastBytesNs = System.nanoTime();

    /**
     * @param maxFramesPerSecond the frames a connection may send per second, sustained, and at once after a
     * quiet second; 0 for no limit.
     */
    public PartialFrameClock(final long maxFramesPerSecond)
    {
        this.framesPerNs = maxFramesPerSecond / 1e9;
        this.burstFrames = maxFramesPerSecond;
        this.allowanceFrames = burstFrames;
    }

    /**
     * @param config holding {@code --idle-timeout}.
     * @param service the server's service.
     * @return the idle timeout the transport applies, 0 for none: off by the flag, or left to a service that
     * closes silent clients itself with its last words (the game's KICK after heartbeats).
     */
    public static long idleTimeoutNs(final ServerConfig config, final Service service)
    {
        return service.closesIdleConnections() ? 0 : TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMs());
    }

    /**
     * Call after the handler has taken bytes.
     *
     * @param partialFrameSeq the handler's {@code partialFrameSeq()} now.
     * @param framesIn the handler's {@code framesIn()} now: -1 for a service without frames.
     * @param nowNs the time now ({@link System#nanoTime()}).
     * @return false when the frames received have passed the connection's allowance: close it as
     * {@link CloseReason#FLOODING}.
     */
    public boolean onBytesHandled(final long partialFrameSeq, final long framesIn, final long nowNs)
    {
        onBytesHandled(partialFrameSeq, nowNs);
        if (0 == framesPerNs || framesIn <= framesCharged)
        {
            return true;
        }
        allowanceFrames = Math.min(burstFrames, allowanceFrames + (nowNs - allowanceNs) * framesPerNs);
        allowanceNs = nowNs;
        allowanceFrames -= framesIn - framesCharged;
        framesCharged = framesIn;
        return allowanceFrames >= 0;
    }

    private void onBytesHandled(final long partialFrameSeq, final long nowNs)
    {
        lastBytesNs = nowNs;
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

    /**
     * @param nowNs the time now ({@link System#nanoTime()}).
     * @param frameTimeoutNs how long a frame may stay incomplete.
     * @param idleTimeoutNs how long a connection may stay silent; 0 for no limit.
     * @return the reason to close the connection for now, or null while it is within both deadlines.
     */
    public CloseReason expired(final long nowNs, final long frameTimeoutNs, final long idleTimeoutNs)
    {
        if (isExpired(nowNs, frameTimeoutNs))
        {
            return CloseReason.FRAME_TIMEOUT;
        }
        return idleTimeoutNs > 0 && nowNs - lastBytesNs > idleTimeoutNs ? CloseReason.IDLE_TIMEOUT : null;
    }
}
