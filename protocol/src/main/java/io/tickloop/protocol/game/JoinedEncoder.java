package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.JoinedDecoder.FRAME_LENGTH;
import static io.tickloop.protocol.game.JoinedDecoder.PLAYERS_OFFSET;
import static io.tickloop.protocol.game.JoinedDecoder.ROOM_ID_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a JOINED; see {@link JoinedDecoder} for the layout.
 */
public final class JoinedEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public JoinedEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.JOINED, FRAME_LENGTH);
        return this;
    }

    /**
     * @param roomId the room joined.
     * @return this.
     */
    public JoinedEncoder roomId(final int roomId)
    {
        buffer.putInt(offset + ROOM_ID_OFFSET, roomId, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param playersPresent players in the room, the joiner included.
     * @return this.
     */
    public JoinedEncoder playersPresent(final int playersPresent)
    {
        buffer.putShort(offset + PLAYERS_OFFSET, (short)playersPresent, LITTLE_ENDIAN);
        return this;
    }
}
