package io.tickloop.loadgen.engine;

import org.agrona.BitUtil;

import java.util.SplittableRandom;

/**
 * When one engine thread's PINGs are due. Open loop: frame {@code seq} of a connection is due at its intended
 * send time {@code baseNs + seq * intervalNs}, {@code baseNs} a random phase within the first interval, and
 * the schedule ends with the run. Closed loop: {@code pipeline} requests in flight per connection until the end.
 */
final class SendSchedule
{
    private final boolean openLoop;
    private final double intervalNs;
    private final int pipeline;
    private final long endNs;
    private final SplittableRandom random;

    /**
     * @param openLoop true for a fixed schedule, false to keep {@code pipeline} in flight.
     * @param share this thread's connections and rate.
     * @param pipeline requests in flight per connection in closed loop.
     * @param endNs when the run ends.
     */
    SendSchedule(final boolean openLoop, final ClientShare share, final int pipeline, final long endNs)
    {
        this.openLoop = openLoop;
        this.intervalNs = openLoop ? 1e9 * share.connections() / share.ratePerSecond() : 0;
        this.pipeline = pipeline;
        this.endNs = endNs;
        this.random = new SplittableRandom(System.nanoTime() ^ share.firstConnectionIndex());
    }

    boolean isOpenLoop()
    {
        return openLoop;
    }

    /**
     * @return how many send times a connection keeps: the frames it may have in flight (a power of two).
     */
    int writeTimesCapacity()
    {
        final long wanted = openLoop ? (long)(2e9 / intervalNs) : pipeline;
        return BitUtil.findNextPositivePowerOfTwo((int)Math.min(65_536, Math.max(16, wanted)));
    }

    /**
     * Open loop: give a connection that just came up its phase and the frames that fit before the end.
     *
     * @param session the connection.
     * @param nowNs now.
     */
    void start(final ClientSession session, final long nowNs)
    {
        session.baseNs = nowNs + (long)(random.nextDouble() * intervalNs);
        session.seqLimit = session.baseNs >= endNs ? 0 : (long)Math.ceil((endNs - session.baseNs) / intervalNs);
    }

    /**
     * @param session the connection.
     * @param seq a frame's sequence number.
     * @return open loop: the frame's intended send time.
     */
    long intendedNs(final ClientSession session, final long seq)
    {
        return session.baseNs + (long)(seq * intervalNs);
    }

    /**
     * @param session the connection.
     * @param nowNs now.
     * @return open loop: how many of its frames are due by now.
     */
    long scheduledBy(final ClientSession session, final long nowNs)
    {
        return nowNs - session.baseNs < 0 ? 0 :
            Math.min(session.seqLimit, (long)((nowNs - session.baseNs) / intervalNs) + 1);
    }

    /**
     * @param session the connection.
     * @param nowNs now.
     * @param stopRequested true once the run is asked to stop: only a frame cut by a partial write is finished.
     * @return the sequence number below which every frame may be written now.
     */
    long dueSeq(final ClientSession session, final long nowNs, final boolean stopRequested)
    {
        final long partial = session.writeOffset > 0 ? session.writeSeq + 1 : session.writeSeq;
        long due;
        if (openLoop)
        {
            due = scheduledBy(session, nowNs);
        }
        else
        {
            due = nowNs < endNs && !stopRequested ? session.receiveSeq + pipeline : partial;
        }
        if (stopRequested)
        {
            due = partial;
        }
        return Math.max(partial, Math.min(due, session.receiveSeq + session.writeTimesNs.length));
    }
}
