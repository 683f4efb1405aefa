package io.tickloop.protocol.game;

import static io.tickloop.protocol.game.SessionDatagramDecoder.PLAYER_ID_OFFSET;
import static io.tickloop.protocol.game.SessionDatagramDecoder.TOKEN_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes the session's credentials at the start of a client datagram; see {@link SessionDatagramDecoder}.
 */
public abstract class SessionDatagramEncoder extends MessageEncoder
{
    SessionDatagramEncoder()
    {
    }

    /**
     * Write the player id and token from WELCOME.
     *
     * @param playerId the session's player id.
     * @param token0 the token's first word.
     * @param token1 the token's second word.
     */
    protected final void putCredentials(final int playerId, final long token0, final long token1)
    {
        buffer.putInt(offset + PLAYER_ID_OFFSET, playerId, LITTLE_ENDIAN);
        buffer.putLong(offset + TOKEN_OFFSET, token0, LITTLE_ENDIAN);
        buffer.putLong(offset + TOKEN_OFFSET + Long.BYTES, token1, LITTLE_ENDIAN);
    }
}
