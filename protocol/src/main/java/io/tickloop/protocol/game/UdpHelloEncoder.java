package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

/**
 * Writes a UDP_HELLO; see {@link UdpHelloDecoder} for the layout.
 */
public final class UdpHelloEncoder extends SessionDatagramEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the datagram starts.
     * @return this.
     */
    public UdpHelloEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.UDP_HELLO, UdpHelloDecoder.FRAME_LENGTH);
        return this;
    }

    /**
     * @param playerId the session's player id, from WELCOME.
     * @param token0 the token's first word, from WELCOME.
     * @param token1 the token's second word, from WELCOME.
     * @return this.
     */
    public UdpHelloEncoder credentials(final int playerId, final long token0, final long token1)
    {
        putCredentials(playerId, token0, token1);
        return this;
    }
}
