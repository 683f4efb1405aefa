package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * What a connection may send, and how slowly, kept in one place for every model: when its incomplete frame
 * started waiting for its rest (the frame timeout, per frame: a client that trickles a frame byte by byte is
 * closed when that frame's time is up, however steadily it trickles), when bytes last arrived (the idle timeout),
 * and a token bucket of frames per second with a burst of one second's worth (a flooder is closed as
 * {@link CloseReason#FLOODING}). Written by the thread that calls the service's handler, read by whichever thread
 * keeps time; the bucket is the reading thread's alone.
 * <p>
 * The deadlines are written with release stores and read with acquire loads: every read of a connection stamps
 * them, and a volatile store there cost a full fence per read (a locked instruction on x86), while a release store
 * is a plain one. The order is what matters: the incomplete frame's start is stored before its number, so a
 * time-keeper that sees the new number sees its start, and one that sees the old number may see a newer start,
 * which makes a frame look younger, never older than it is. A stamp seen a pass late only delays a timeout.
 */
public final class InboundLimits
{
    private static final VarHandle PARTIAL_FRAME_SEQ;
    private static final VarHandle SINCE_NS;
    private static final VarHandle LAST_BYTES_NS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            PARTIAL_FRAME_SEQ = lookup.findVarHandle(InboundLimits.class, "partialFrameSeq", long.class);
            SINCE_NS = lookup.findVarHandle(InboundLimits.class, "sinceNs", long.class);
            LAST_BYTES_NS = lookup.findVarHandle(InboundLimits.class, "lastBytesNs", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final double framesPerNs;
    private final double burstFrames;
    private double allowanceFrames;
    private long allowanceNs = System.nanoTime();
    private long framesCharged;
    private long partialFrameSeq;
    private long sinceNs;
    private long lastBytesNs = System.nanoTime();

    /**
     * @param maxFramesPerSecond the frames a connection may send per second, sustained, and at once after a
     * quiet second; 0 for no limit.
     */
    public InboundLimits(final long maxFramesPerSecond)
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
        LAST_BYTES_NS.setRelease(this, nowNs);
        if (partialFrameSeq != this.partialFrameSeq) // the writer's own field: a plain read
        {
            SINCE_NS.setRelease(this, nowNs);
            PARTIAL_FRAME_SEQ.setRelease(this, partialFrameSeq);
        }
    }

    /**
     * @param nowNs the time now ({@link System#nanoTime()}).
     * @param frameTimeoutNs how long a frame may stay incomplete.
     * @return true when the same incomplete frame has waited longer than the timeout.
     */
    public boolean isExpired(final long nowNs, final long frameTimeoutNs)
    {
        return (long)PARTIAL_FRAME_SEQ.getAcquire(this) != 0 &&
            nowNs - (long)SINCE_NS.getAcquire(this) > frameTimeoutNs;
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
        return idleTimeoutNs > 0 && nowNs - (long)LAST_BYTES_NS.getAcquire(this) > idleTimeoutNs ?
            CloseReason.IDLE_TIMEOUT : null;
    }
}
