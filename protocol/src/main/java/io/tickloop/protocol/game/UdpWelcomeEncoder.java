package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.UdpWelcomeDecoder.FRAME_LENGTH;
import static io.tickloop.protocol.game.UdpWelcomeDecoder.PLAYER_ID_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a UDP_WELCOME; see {@link UdpWelcomeDecoder} for the layout.
 */
public final class UdpWelcomeEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the datagram starts.
     * @return this.
     */
    public UdpWelcomeEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.UDP_WELCOME, FRAME_LENGTH);
        return this;
    }

    /**
     * @param playerId the player id of the session bound.
     * @return this.
     */
    public UdpWelcomeEncoder playerId(final int playerId)
    {
        buffer.putInt(offset + PLAYER_ID_OFFSET, playerId, LITTLE_ENDIAN);
        return this;
    }
}
