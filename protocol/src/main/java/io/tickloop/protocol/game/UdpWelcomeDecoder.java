package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * UDP_WELCOME, by UDP: the server bound the client's source to its session; STATEs come this way from now on.
 * A third the size of the UDP_HELLO it answers.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       length (u16) = 8        |        type (u16) = 33        |
 *  +-------------------------------+-------------------------------+
 *  |                        playerId (u32)                         |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class UdpWelcomeDecoder extends MessageDecoder
{
    /** Offset of the u32 player id. */
    public static final int PLAYER_ID_OFFSET = HEADER_LENGTH;
    /** The datagram's length. */
    public static final int FRAME_LENGTH = PLAYER_ID_OFFSET + Integer.BYTES;

    /**
     * @param buffer holding the datagram.
     * @param offset where it starts.
     * @param length its length.
     * @return this.
     */
    public UdpWelcomeDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
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
     * @return the player id of the session bound.
     */
    public int playerId()
    {
        return buffer.getInt(offset + PLAYER_ID_OFFSET, LITTLE_ENDIAN);
    }
}
