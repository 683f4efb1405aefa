package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * WELCOME, the answer to a good HELLO: the player's id and the server's tick rate; from a server with a UDP port
 * ({@code --udp-port}), also that port and the session's token, which the client's UDP_HELLO must carry. A
 * client tells the two forms apart by the length.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |    length (u16) = 10 or 28    |        type (u16) = 17        |
 *  +-------------------------------+-------------------------------+
 *  |                        playerId (u32)                         |
 *  +-------------------------------+-------------------------------+
 *  |       tickHz (u16)            |  with UDP: udpPort (u16)      |
 *  +-------------------------------+-------------------------------+
 *  |            with UDP: token (16 bytes, two u64)              ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class WelcomeDecoder extends MessageDecoder
{
    /** Offset of the u32 player id. */
    public static final int PLAYER_ID_OFFSET = HEADER_LENGTH;
    /** Offset of the u16 tick rate. */
    public static final int TICK_HZ_OFFSET = PLAYER_ID_OFFSET + Integer.BYTES;
    /** The frame's length without UDP. */
    public static final int FRAME_LENGTH = TICK_HZ_OFFSET + Short.BYTES;
    /** Offset of the u16 UDP port, in the longer form. */
    public static final int UDP_PORT_OFFSET = FRAME_LENGTH;
    /** Offset of the token's first u64 word, in the longer form. */
    public static final int TOKEN_OFFSET = UDP_PORT_OFFSET + Short.BYTES;
    /** The frame's length with UDP. */
    public static final int FRAME_LENGTH_WITH_UDP = TOKEN_OFFSET + SessionDatagramDecoder.TOKEN_LENGTH;

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
        return length == FRAME_LENGTH || length == FRAME_LENGTH_WITH_UDP;
    }

    /**
     * @return true when the server offers UDP: {@link #udpPort()} and the token may be read.
     */
    public boolean hasUdp()
    {
        return length == FRAME_LENGTH_WITH_UDP;
    }

    /**
     * @return the server's UDP port, to which UDP_HELLO and INPUTS go.
     */
    public int udpPort()
    {
        return buffer.getShort(offset + UDP_PORT_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @return the token's first word.
     */
    public long token0()
    {
        return buffer.getLong(offset + TOKEN_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the token's second word.
     */
    public long token1()
    {
        return buffer.getLong(offset + TOKEN_OFFSET + Long.BYTES, LITTLE_ENDIAN);
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
