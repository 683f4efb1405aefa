package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.WelcomeDecoder.FRAME_LENGTH;
import static io.tickloop.protocol.game.WelcomeDecoder.FRAME_LENGTH_WITH_UDP;
import static io.tickloop.protocol.game.WelcomeDecoder.PLAYER_ID_OFFSET;
import static io.tickloop.protocol.game.WelcomeDecoder.TICK_HZ_OFFSET;
import static io.tickloop.protocol.game.WelcomeDecoder.TOKEN_OFFSET;
import static io.tickloop.protocol.game.WelcomeDecoder.UDP_PORT_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a WELCOME; see {@link WelcomeDecoder} for the layout.
 */
public final class WelcomeEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public WelcomeEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.WELCOME, FRAME_LENGTH);
        return this;
    }

    /**
     * @param playerId the player's id.
     * @return this.
     */
    public WelcomeEncoder playerId(final int playerId)
    {
        buffer.putInt(offset + PLAYER_ID_OFFSET, playerId, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param tickHz STATE messages per second.
     * @return this.
     */
    public WelcomeEncoder tickHz(final int tickHz)
    {
        buffer.putShort(offset + TICK_HZ_OFFSET, (short)tickHz, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Offer UDP: the longer form.
     *
     * @param udpPort the server's UDP port.
     * @param token0 the session token's first word.
     * @param token1 the session token's second word.
     * @return this.
     */
    public WelcomeEncoder udp(final int udpPort, final long token0, final long token1)
    {
        buffer.putShort(offset + UDP_PORT_OFFSET, (short)udpPort, LITTLE_ENDIAN);
        buffer.putLong(offset + TOKEN_OFFSET, token0, LITTLE_ENDIAN);
        buffer.putLong(offset + TOKEN_OFFSET + Long.BYTES, token1, LITTLE_ENDIAN);
        frameLength(FRAME_LENGTH_WITH_UDP);
        return this;
    }
}
