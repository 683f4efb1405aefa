package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.JoinDecoder.FRAME_LENGTH;
import static io.tickloop.protocol.game.JoinDecoder.ROOM_ID_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a JOIN; see {@link JoinDecoder} for the layout.
 */
public final class JoinEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public JoinEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.JOIN, FRAME_LENGTH);
        return this;
    }

    /**
     * @param roomId the room asked for.
     * @return this.
     */
    public JoinEncoder roomId(final int roomId)
    {
        buffer.putInt(offset + ROOM_ID_OFFSET, roomId, LITTLE_ENDIAN);
        return this;
    }
}
