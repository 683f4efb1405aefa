package io.tickloop.protocol.game;

import io.tickloop.protocol.CloseReason;
import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * KICK (type 25, the server closes the connection) and BYE (type 26, an orderly goodbye either way) share one
 * layout: a {@link CloseReason} code. The sender closes right after.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       length (u16) = 6        |     type (u16) = 25 or 26     |
 *  +-------------------------------+-------------------------------+
 *  |      reasonCode (u16)         |
 *  +-------------------------------+
 * </pre>
 */
public final class ReasonDecoder extends MessageDecoder
{
    /** Offset of the u16 reason code. */
    public static final int REASON_OFFSET = HEADER_LENGTH;
    /** The frame's length. */
    public static final int FRAME_LENGTH = REASON_OFFSET + Short.BYTES;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public ReasonDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
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
     * @return the reason's code on the wire.
     */
    public int reasonCode()
    {
        return buffer.getShort(offset + REASON_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @return the reason, or null for a code this version does not know.
     */
    public CloseReason reason()
    {
        return CloseReason.ofCode(reasonCode());
    }
}
