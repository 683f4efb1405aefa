package io.tickloop.protocol.game;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * What the client's datagrams share: they start with the session's player id and the token WELCOME gave it, so
 * the server can tell a bound client from a sender that only knows, or forges, its address.
 */
public abstract class SessionDatagramDecoder extends MessageDecoder
{
    /** Offset of the u32 player id. */
    public static final int PLAYER_ID_OFFSET = HEADER_LENGTH;
    /** Offset of the token's first u64 word. */
    public static final int TOKEN_OFFSET = PLAYER_ID_OFFSET + Integer.BYTES;
    /** The token's length: two u64 words, 128 random bits. */
    public static final int TOKEN_LENGTH = 2 * Long.BYTES;
    /** Where what follows the session's credentials starts. */
    public static final int CREDENTIALS_END = TOKEN_OFFSET + TOKEN_LENGTH;

    SessionDatagramDecoder()
    {
    }

    /**
     * @return the session's player id, as WELCOME gave it.
     */
    public final int playerId()
    {
        return buffer.getInt(offset + PLAYER_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param token0 the token's first word.
     * @param token1 the token's second word.
     * @return true when the datagram carries this token; every bit is compared, whatever the first difference.
     */
    public final boolean hasToken(final long token0, final long token1)
    {
        final long difference = (buffer.getLong(offset + TOKEN_OFFSET, LITTLE_ENDIAN) ^ token0) |
            (buffer.getLong(offset + TOKEN_OFFSET + Long.BYTES, LITTLE_ENDIAN) ^ token1);
        return 0 == difference;
    }
}
