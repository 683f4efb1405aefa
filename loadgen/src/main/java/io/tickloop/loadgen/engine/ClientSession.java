package io.tickloop.loadgen.engine;

import io.tickloop.protocol.FrameReader;

import java.nio.channels.SocketChannel;

/**
 * One connection's state, owned by its {@link PingLoop}. Made once when the connection opens; the steady
 * state only updates its fields.
 * <p>
 * The send queue is implicit: every frame is defined by its sequence number (and, open loop, its intended send
 * time {@code baseNs + seq * intervalNs}), so "queued" means "due but {@code seq >= writeSeq}". A frame cut by
 * a partial write is rebuilt from its sequence number and resumed at {@link #writeOffset}.
 */
final class ClientSession extends EngineConnection
{
    final FrameReader reader;
    final long[] writeTimesNs;
    final int writeTimesMask;

    /** Open loop: intended send time of frame 0. */
    long baseNs;
    /** Open loop: frames whose intended send time falls before the end of the run. */
    long seqLimit = Long.MAX_VALUE;
    /** Every frame below this was written whole. */
    long writeSeq;
    /** Bytes of frame {@link #writeSeq} already written. */
    int writeOffset;
    /** The sequence number the next reply must carry. */
    long receiveSeq;
    /** OP_WRITE is set: the socket would not take more, wait for it. */
    boolean writeBlocked;
    /** A reply broke the protocol: close once the read is processed. */
    boolean failed;

    ClientSession(
        final int index, final SocketChannel channel, final int maxFrameLength, final int writeTimesCapacity)
    {
        super(index, channel);
        this.reader = new FrameReader(maxFrameLength);
        this.writeTimesNs = new long[writeTimesCapacity];
        this.writeTimesMask = writeTimesCapacity - 1;
    }

    boolean hasOutstanding()
    {
        return writeSeq > receiveSeq || writeOffset > 0;
    }
}
