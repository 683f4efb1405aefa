package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * STATE, sent once per tick to each player in a room: the tick number, then one entry per player in view
 * (the receiver first), each with the last input sequence number the server applied for that player.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   length (u16) = 14 + 16 n    |        type (u16) = 22        |
 *  +-------------------------------+-------------------------------+
 *  |                           tick (u64)                          |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |         count n (u16)         |  n entries of 16 bytes:    ...
 *  +-------------------------------+-------------------------------+
 *  entry i, at 14 + 16 i:
 *  +---------------------------------------------------------------+
 *  |                        playerId (u32)                         |
 *  +---------------------------------------------------------------+
 *  |                            x (i32)                            |
 *  +---------------------------------------------------------------+
 *  |                            y (i32)                            |
 *  +---------------------------------------------------------------+
 *  |                      lastInputSeq (u32)                       |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class StateDecoder extends MessageDecoder
{
    /** Offset of the u64 tick number. */
    public static final int TICK_OFFSET = HEADER_LENGTH;
    /** Offset of the u16 entry count. */
    public static final int COUNT_OFFSET = TICK_OFFSET + Long.BYTES;
    /** Offset of the first entry; also the length of a STATE with none. */
    public static final int ENTRIES_OFFSET = COUNT_OFFSET + Short.BYTES;
    /** The length of one entry. */
    public static final int ENTRY_LENGTH = 16;
    /** Offset of the u32 player id within an entry. */
    public static final int ENTRY_PLAYER_ID_OFFSET = 0;
    /** Offset of the i32 x within an entry. */
    public static final int ENTRY_X_OFFSET = 4;
    /** Offset of the i32 y within an entry. */
    public static final int ENTRY_Y_OFFSET = 8;
    /** Offset of the u32 last input sequence number within an entry. */
    public static final int ENTRY_INPUT_SEQ_OFFSET = 12;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public StateDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapFrame(buffer, offset, length);
        return this;
    }

    @Override
    public boolean isWellFormed()
    {
        return length >= ENTRIES_OFFSET && length == ENTRIES_OFFSET + count() * ENTRY_LENGTH;
    }

    /**
     * @param maxFrameLength a frame length limit.
     * @return how many entries fit in a STATE of at most that length.
     */
    public static int maxEntries(final int maxFrameLength)
    {
        return Math.max(0, (maxFrameLength - ENTRIES_OFFSET) / ENTRY_LENGTH);
    }

    /**
     * @return the tick number.
     */
    public long tick()
    {
        return buffer.getLong(offset + TICK_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return how many entries follow.
     */
    public int count()
    {
        return buffer.getShort(offset + COUNT_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @param index of an entry, below {@link #count()}.
     * @return that player's id.
     */
    public int playerId(final int index)
    {
        return buffer.getInt(entry(index) + ENTRY_PLAYER_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param index of an entry.
     * @return that player's x.
     */
    public int x(final int index)
    {
        return buffer.getInt(entry(index) + ENTRY_X_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param index of an entry.
     * @return that player's y.
     */
    public int y(final int index)
    {
        return buffer.getInt(entry(index) + ENTRY_Y_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param index of an entry.
     * @return the last input sequence number applied for that player.
     */
    public int lastInputSeq(final int index)
    {
        return buffer.getInt(entry(index) + ENTRY_INPUT_SEQ_OFFSET, LITTLE_ENDIAN);
    }

    private int entry(final int index)
    {
        return offset + ENTRIES_OFFSET + index * ENTRY_LENGTH;
    }
}
