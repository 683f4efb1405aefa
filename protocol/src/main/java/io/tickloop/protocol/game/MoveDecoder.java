package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * MOVE, one input: where the player wants to be, numbered so the client can tell from a STATE which inputs
 * the server has applied, and stamped with the client's clock (opaque to the server).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |       length (u16) = 24       |        type (u16) = 21        |
 *  +-------------------------------+-------------------------------+
 *  |                        inputSeq (u32)                         |
 *  +---------------------------------------------------------------+
 *  |                            x (i32)                            |
 *  +---------------------------------------------------------------+
 *  |                            y (i32)                            |
 *  +---------------------------------------------------------------+
 *  |                      clientTimeNs (u64)                       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class MoveDecoder extends MessageDecoder
{
    /** Offset of the u32 input sequence number. */
    public static final int INPUT_SEQ_OFFSET = HEADER_LENGTH;
    /** Offset of the i32 x position. */
    public static final int X_OFFSET = INPUT_SEQ_OFFSET + Integer.BYTES;
    /** Offset of the i32 y position. */
    public static final int Y_OFFSET = X_OFFSET + Integer.BYTES;
    /** Offset of the u64 client timestamp. */
    public static final int CLIENT_TIME_OFFSET = Y_OFFSET + Integer.BYTES;
    /** The frame's length. */
    public static final int FRAME_LENGTH = CLIENT_TIME_OFFSET + Long.BYTES;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public MoveDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapFrame(buffer, offset, length);
        return this;
    }

    @Override
    public boolean isWellFormed()
    {
        return length == FRAME_LENGTH;
    }

    /**
     * @return the input's sequence number, increasing per client.
     */
    public int inputSeq()
    {
        return buffer.getInt(offset + INPUT_SEQ_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the wanted x position.
     */
    public int x()
    {
        return buffer.getInt(offset + X_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the wanted y position.
     */
    public int y()
    {
        return buffer.getInt(offset + Y_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the client's timestamp.
     */
    public long clientTimeNs()
    {
        return buffer.getLong(offset + CLIENT_TIME_OFFSET, LITTLE_ENDIAN);
    }
}
