package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * JOINED, the answer to a JOIN that was let in: the room and how many players it now holds.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       length (u16) = 10       |        type (u16) = 19        |
 *  +-------------------------------+-------------------------------+
 *  |                         roomId (u32)                          |
 *  +-------------------------------+-------------------------------+
 *  |     playersPresent (u16)      |
 *  +-------------------------------+
 * </pre>
 */
public final class JoinedDecoder extends MessageDecoder
{
    /** Offset of the u32 room id. */
    public static final int ROOM_ID_OFFSET = HEADER_LENGTH;
    /** Offset of the u16 player count, the joiner included. */
    public static final int PLAYERS_OFFSET = ROOM_ID_OFFSET + Integer.BYTES;
    /** The frame's length. */
    public static final int FRAME_LENGTH = PLAYERS_OFFSET + Short.BYTES;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public JoinedDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
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
     * @return the room joined.
     */
    public int roomId()
    {
        return buffer.getInt(offset + ROOM_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return players in the room, the joiner included.
     */
    public int playersPresent()
    {
        return buffer.getShort(offset + PLAYERS_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }
}
