package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * WELCOME, the answer to a good HELLO: the player's id and the server's tick rate.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       length (u16) = 10       |        type (u16) = 17        |
 *  +-------------------------------+-------------------------------+
 *  |                        playerId (u32)                         |
 *  +-------------------------------+-------------------------------+
 *  |       tickHz (u16)            |
 *  +-------------------------------+
 * </pre>
 */
public final class WelcomeDecoder extends MessageDecoder
{
    /** Offset of the u32 player id. */
    public static final int PLAYER_ID_OFFSET = HEADER_LENGTH;
    /** Offset of the u16 tick rate. */
    public static final int TICK_HZ_OFFSET = PLAYER_ID_OFFSET + Integer.BYTES;
    /** The frame's length. */
    public static final int FRAME_LENGTH = TICK_HZ_OFFSET + Short.BYTES;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public WelcomeDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
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
     * @return the player's id.
     */
    public int playerId()
    {
        return buffer.getInt(offset + PLAYER_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return STATE messages per second.
     */
    public int tickHz()
    {
        return buffer.getShort(offset + TICK_HZ_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }
}
