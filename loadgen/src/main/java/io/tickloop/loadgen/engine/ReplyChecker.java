package io.tickloop.loadgen.engine;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.PingDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one engine thread's replies into one direct buffer, checks each against what was sent (type, length,
 * sequence, the send time it carries) and records latency from the intended send time and service time from the
 * write, as warm-up or measured by the intended time.
 */
final class ReplyChecker implements FrameHandler
{
    private static final int CAPACITY = 64 * 1024;

    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(CAPACITY);
    private final UnsafeBuffer readFrames = new UnsafeBuffer(readBuffer);
    private final PingDecoder decoder = new PingDecoder();
    private final SendSchedule schedule;
    private final int messageSize;
    private final long warmupEndNs;
    private final ClientRecorders recorders;
    private final LoadCounters counters;
    private ClientSession current;
    private long nowNs;

    ReplyChecker(
        final SendSchedule schedule,
        final int messageSize,
        final long warmupEndNs,
        final ClientRecorders recorders,
        final LoadCounters counters)
    {
        this.schedule = schedule;
        this.messageSize = messageSize;
        this.warmupEndNs = warmupEndNs;
        this.recorders = recorders;
        this.counters = counters;
    }

    /**
     * Read what the socket has and check every whole reply in it.
     *
     * @param session the connection.
     * @param nowNs when the read is ready.
     * @return null when all is well, otherwise the error that closes the connection.
     */
    ErrorKind read(final ClientSession session, final long nowNs)
    {
        readBuffer.clear();
        final int bytesRead;
        try
        {
            bytesRead = session.channel.read(readBuffer);
        }
        catch (final IOException ex)
        {
            return ErrorKind.CLOSED;
        }
        if (bytesRead < 0)
        {
            return ErrorKind.CLOSED;
        }
        this.nowNs = nowNs;
        current = session;
        final CloseReason reason = session.reader.onBytes(readFrames, 0, bytesRead, this);
        current = null;
        return null != reason || session.failed ? ErrorKind.PROTOCOL : null;
    }

    @Override
    public void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final ClientSession session = current;
        if (session.failed)
        {
            return;
        }
        if ((type != MessageTypes.PONG && type != MessageTypes.PING) || length != messageSize)
        {
            session.failed = true;
            return;
        }
        decoder.wrap(buffer, offset, length);
        final long seq = decoder.seq();
        if (seq != session.receiveSeq)
        {
            counters.error(ErrorKind.SEQUENCE);
            if (seq < session.receiveSeq || seq >= session.writeSeq)
            {
                return;
            }
            session.receiveSeq = seq;
        }
        final long writeNs = session.writeTimesNs[(int)seq & session.writeTimesMask];
        final long intendedNs = decoder.sendNanos();
        if (intendedNs != (schedule.isOpenLoop() ? schedule.intendedNs(session, seq) : writeNs))
        {
            session.failed = true;
            return;
        }
        session.receiveSeq = seq + 1;
        counters.increment(LoadCounters.RECEIVED);
        record(intendedNs, clamp(nowNs - intendedNs), clamp(nowNs - writeNs));
    }

    private void record(final long intendedNs, final long latencyNs, final long serviceNs)
    {
        final int warmup = RunTimeline.warmupBit(intendedNs, warmupEndNs); // no branch: see warmupBit
        counters.add(LoadCounters.MEASURED_RECEIVED, 1 - warmup);
        recorders.latency(warmup).recordValue(latencyNs);
        recorders.service(warmup).recordValue(serviceNs);
    }

    private static long clamp(final long valueNs)
    {
        return Math.max(0, Math.min(PingLoop.HIGHEST_TRACKABLE_NS, valueNs));
    }
}
