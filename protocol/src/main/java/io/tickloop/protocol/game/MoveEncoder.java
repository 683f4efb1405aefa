package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.MoveDecoder.CLIENT_TIME_OFFSET;
import static io.tickloop.protocol.game.MoveDecoder.FRAME_LENGTH;
import static io.tickloop.protocol.game.MoveDecoder.INPUT_SEQ_OFFSET;
import static io.tickloop.protocol.game.MoveDecoder.X_OFFSET;
import static io.tickloop.protocol.game.MoveDecoder.Y_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a MOVE; see {@link MoveDecoder} for the layout.
 */
public final class MoveEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public MoveEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.MOVE, FRAME_LENGTH);
        return this;
    }

    /**
     * @param inputSeq the input's sequence number.
     * @return this.
     */
    public MoveEncoder inputSeq(final int inputSeq)
    {
        buffer.putInt(offset + INPUT_SEQ_OFFSET, inputSeq, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param x the wanted x position.
     * @param y the wanted y position.
     * @return this.
     */
    public MoveEncoder position(final int x, final int y)
    {
        buffer.putInt(offset + X_OFFSET, x, LITTLE_ENDIAN);
        buffer.putInt(offset + Y_OFFSET, y, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param clientTimeNs the client's timestamp.
     * @return this.
     */
    public MoveEncoder clientTimeNs(final long clientTimeNs)
    {
        buffer.putLong(offset + CLIENT_TIME_OFFSET, clientTimeNs, LITTLE_ENDIAN);
        return this;
    }
}
