package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.SpectateDecoder.FRAME_LENGTH;
import static io.tickloop.protocol.game.SpectateDecoder.ROOM_ID_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a SPECTATE; see {@link SpectateDecoder} for the layout.
 */
public final class SpectateEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public SpectateEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.SPECTATE, FRAME_LENGTH);
        return this;
    }

    /**
     * @param roomId the room to watch.
     * @return this.
     */
    public SpectateEncoder roomId(final int roomId)
    {
        buffer.putInt(offset + ROOM_ID_OFFSET, roomId, LITTLE_ENDIAN);
        return this;
    }
}
