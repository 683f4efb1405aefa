package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

/**
 * UDP_HELLO, by UDP from the client's own socket: bind this datagram's source address and port to the session
 * that WELCOME (over TCP) named, proven by its token. The server answers with a smaller UDP_WELCOME, so a forged
 * source cannot make it send more than it received.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       length (u16) = 24       |        type (u16) = 32        |
 *  +-------------------------------+-------------------------------+
 *  |                        playerId (u32)                         |
 *  +---------------------------------------------------------------+
 *  |                   token (16 bytes, two u64)                   |
 *  |                                                             ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class UdpHelloDecoder extends SessionDatagramDecoder
{
    /** The datagram's length. */
    public static final int FRAME_LENGTH = CREDENTIALS_END;

    /**
     * @param buffer holding the datagram.
     * @param offset where it starts.
     * @param length its length.
     * @return this.
     */
    public UdpHelloDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapFrame(buffer, offset, length);
        return this;
    }

    @Override
    public boolean isWellFormed()
    {
        return length == FRAME_LENGTH;
    }
}
