package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * SPECTATE, a client asking to watch a room without an avatar: it receives the room's STATEs and CHATs, is in
 * no STATE itself and does not count toward the room's capacity. The layout is JOIN's, so that a client switches
 * between playing and watching by changing one type number.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       length (u16) = 8        |        type (u16) = 27        |
 *  +-------------------------------+-------------------------------+
 *  |                         roomId (u32)                          |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class SpectateDecoder extends MessageDecoder
{
    /** Offset of the u32 room id. */
    public static final int ROOM_ID_OFFSET = HEADER_LENGTH;
    /** The frame's length. */
    public static final int FRAME_LENGTH = ROOM_ID_OFFSET + Integer.BYTES;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public SpectateDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
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
     * @return the room to watch.
     */
    public int roomId()
    {
        return buffer.getInt(offset + ROOM_ID_OFFSET, LITTLE_ENDIAN);
    }
}
