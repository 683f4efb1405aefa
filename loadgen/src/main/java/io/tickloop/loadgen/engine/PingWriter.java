package io.tickloop.loadgen.engine;

import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.PingEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * Builds and writes one engine thread's PINGs, as many due frames as fit in one write, into one direct buffer.
 * Each frame carries its intended send time (open loop) or its write time (closed loop); a frame cut by a partial
 * write is rebuilt from its sequence number and resumed, and OP_WRITE is set until the socket takes more.
 */
final class PingWriter
{
    private static final int CAPACITY = 64 * 1024;

    private final ByteBuffer writeBuffer;
    private final UnsafeBuffer writeFrames;
    private final int framesPerWrite;
    private final PingEncoder encoder = new PingEncoder();
    private final SendSchedule schedule;
    private final int messageSize;
    private final RunTimeline timeline;
    private final LoadCounters counters;
    private final LoaderMeter meter;

    PingWriter(
        final SendSchedule schedule,
        final int messageSize,
        final RunTimeline timeline,
        final LoadCounters counters,
        final LoaderMeter meter)
    {
        final int capacity = Math.max(CAPACITY, messageSize);
        this.writeBuffer = ByteBuffer.allocateDirect(capacity);
        this.writeFrames = new UnsafeBuffer(writeBuffer);
        this.framesPerWrite = capacity / messageSize;
        this.schedule = schedule;
        this.messageSize = messageSize;
        this.timeline = timeline;
        this.counters = counters;
        this.meter = meter;
    }

    /**
     * Write the connection's frames from {@code writeSeq} up to {@code dueSeq}, as many as fit in one write.
     *
     * @param session the connection.
     * @param dueSeq the frames below it are due.
     * @return false when the socket failed.
     */
    boolean write(final ClientSession session, final long dueSeq)
    {
        // this write's own time, not the turn's: a turn that writes many sessions must not hide the last one's lag
        final long nowNs = System.nanoTime();
        final int frames = (int)Math.min(framesPerWrite, dueSeq - session.writeSeq);
        if (frames <= 0)
        {
            return true;
        }
        final long firstSeq = session.writeSeq;
        final int firstOffset = session.writeOffset;
        for (int i = 0; i < frames; i++)
        {
            final long seq = firstSeq + i;
            final long sendNanos = schedule.isOpenLoop() ? schedule.intendedNs(session, seq) :
                (i == 0 && firstOffset > 0 ? session.writeTimesNs[(int)seq & session.writeTimesMask] : nowNs);
            encoder.wrap(writeFrames, i * messageSize)
                .header(MessageTypes.PING, messageSize)
                .seq(seq)
                .sendNanos(sendNanos);
        }
        writeBuffer.limit(frames * messageSize).position(firstOffset);
        final int written;
        try
        {
            written = session.channel.write(writeBuffer);
        }
        catch (final IOException ex)
        {
            return false;
        }
        onWritten(session, firstSeq, firstOffset, written, nowNs);
        final boolean blocked = writeBuffer.hasRemaining();
        if (blocked != session.writeBlocked)
        {
            session.writeBlocked = blocked;
            session.key.interestOps(blocked ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
        return true;
    }

    private void onWritten(
        final ClientSession session, final long firstSeq, final int firstOffset, final int written, final long nowNs)
    {
        final long totalBytes = (long)firstOffset + written;
        final long startedEnd = firstSeq + (totalBytes + messageSize - 1) / messageSize;
        for (long seq = firstOffset > 0 ? firstSeq + 1 : firstSeq; seq < startedEnd; seq++)
        {
            session.writeTimesNs[(int)seq & session.writeTimesMask] = nowNs;
            if (schedule.isOpenLoop())
            {
                meter.onSent(schedule.intendedNs(session, seq), nowNs);
            }
        }
        final long whole = totalBytes / messageSize;
        session.writeSeq = firstSeq + whole;
        session.writeOffset = (int)(totalBytes % messageSize);
        if (whole > 0)
        {
            counters.add(LoadCounters.SENT, whole);
            counters.add(LoadCounters.MEASURED_SENT, whole * timeline.measuredBit(nowNs));
        }
    }
}
