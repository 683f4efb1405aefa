package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Service;

import java.util.concurrent.TimeUnit;

/**
 * A connection's two deadlines, kept in one place for every model: when its incomplete frame started waiting
 * for its rest (the frame timeout, per frame: a client that trickles a frame byte by byte is closed when that
 * frame's time is up, however steadily it trickles), and when bytes last arrived (the idle timeout). Written by
 * the thread that calls the service's handler, read by whichever thread keeps time: the fields are volatile,
 * written in an order that never makes a frame look older than it is.
 */
public final class PartialFrameClock
{
    private volatile long partialFrameSeq;
    private volatile long sinceNs;
    private volatile long lastBytesNs = System.nanoTime();

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
     * @param nowNs the time now ({@link System#nanoTime()}).
     */
    public void onBytesHandled(final long partialFrameSeq, final long nowNs)
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
