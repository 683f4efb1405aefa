package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * HEARTBEAT, both ways: the server sends one to a client it has not heard from for a third of the idle
 * timeout; a client answers each with one carrying the same timestamp. Any frame from a client counts as
 * being heard from.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       length (u16) = 12       |        type (u16) = 24        |
 *  +-------------------------------+-------------------------------+
 *  |                          timeNs (u64)                         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class HeartbeatDecoder extends MessageDecoder
{
    /** Offset of the u64 timestamp. */
    public static final int TIME_OFFSET = HEADER_LENGTH;
    /** The frame's length. */
    public static final int FRAME_LENGTH = TIME_OFFSET + Long.BYTES;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public HeartbeatDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapFrame(buffer, offset, length);
        return this;
    }

    @Override
    public boolean isWellFormed()
    {
        return length == FRAME_LENGTH;
    }

    /**
     * @return the sender's timestamp (or the one echoed).
     */
    public long timeNs()
    {
        return buffer.getLong(offset + TIME_OFFSET, LITTLE_ENDIAN);
    }
}
