package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * INPUTS, by UDP: a player's newest MOVE inputs, newest first. Each input rides again in the next few datagrams,
 * so a lost datagram costs nothing as long as one of those arrives; the server applies the newest input whose
 * sequence number is above the last it applied and drops a datagram with none (late, duplicated or replayed).
 * An entry holds what a MOVE's body holds.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |     length (u16) = 25+20n     |        type (u16) = 34        |
 *  +-------------------------------+-------------------------------+
 *  |                        playerId (u32)                         |
 *  +---------------------------------------------------------------+
 *  |                   token (16 bytes, two u64)                   |
 *  |                                                             ...
 *  +---------------+-----------------------------------------------+
 *  |   n (u8)      |  n x (u32 inputSeq, i32 x, i32 y,
 *  +---------------+       u64 clientTimeNs), newest first     ...
 * </pre>
 */
public final class InputsDecoder extends SessionDatagramDecoder
{
    /** Offset of the u8 input count. */
    public static final int COUNT_OFFSET = CREDENTIALS_END;
    /** Offset of the first (newest) input. */
    public static final int INPUTS_OFFSET = COUNT_OFFSET + Byte.BYTES;
    /** One input's length: a MOVE's body. */
    public static final int INPUT_LENGTH = 3 * Integer.BYTES + Long.BYTES;
    static final int X_IN_INPUT = Integer.BYTES;
    static final int Y_IN_INPUT = X_IN_INPUT + Integer.BYTES;
    static final int CLIENT_TIME_IN_INPUT = Y_IN_INPUT + Integer.BYTES;

    /**
     * @param buffer holding the datagram.
     * @param offset where it starts.
     * @param length its length.
     * @return this.
     */
    public InputsDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapFrame(buffer, offset, length);
        return this;
    }

    /**
     * @param count inputs in a datagram.
     * @return the datagram's length.
     */
    public static int frameLength(final int count)
    {
        return INPUTS_OFFSET + count * INPUT_LENGTH;
    }

    @Override
    public boolean isWellFormed()
    {
        if (length < INPUTS_OFFSET)
        {
            return false;
        }
        final int count = count();
        return count >= 1 && count <= GameProtocol.MAX_INPUTS_PER_DATAGRAM && length == frameLength(count);
    }

    /**
     * @return how many inputs the datagram holds.
     */
    public int count()
    {
        return buffer.getByte(offset + COUNT_OFFSET) & 0xFF;
    }

    /**
     * @param index 0 for the newest input.
     * @return its sequence number.
     */
    public int inputSeq(final int index)
    {
        return buffer.getInt(inputAt(index), LITTLE_ENDIAN);
    }

    /**
     * @param index 0 for the newest input.
     * @return its wanted x position.
     */
    public int x(final int index)
    {
        return buffer.getInt(inputAt(index) + X_IN_INPUT, LITTLE_ENDIAN);
    }

    /**
     * @param index 0 for the newest input.
     * @return its wanted y position.
     */
    public int y(final int index)
    {
        return buffer.getInt(inputAt(index) + Y_IN_INPUT, LITTLE_ENDIAN);
    }

    /**
     * @param index 0 for the newest input.
     * @return the client's timestamp of it.
     */
    public long clientTimeNs(final int index)
    {
        return buffer.getLong(inputAt(index) + CLIENT_TIME_IN_INPUT, LITTLE_ENDIAN);
    }

    private int inputAt(final int index)
    {
        return offset + INPUTS_OFFSET + index * INPUT_LENGTH;
    }
}
