package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * SNAPSHOT, a STATE by datagram: the tick, the last input the server applied for the receiver, then one entry per
 * player in view without the input sequence, which only its own player needs. Twelve bytes an entry instead of
 * STATE's sixteen, so 98 players fit in one 1,200-byte datagram; a larger view is split into parts with the
 * same tick.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   length (u16) = 18 + 12 n    |        type (u16) = 35        |
 *  +-------------------------------+-------------------------------+
 *  |                           tick (u64)                          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            lastInputSeq (u32), the receiver's own             |
 *  +-------------------------------+-------------------------------+
 *  |         count n (u16)         |  n x (u32 playerId, i32 x, i32 y)
 *  +-------------------------------+                            ...
 * </pre>
 */
public final class SnapshotDecoder extends MessageDecoder
{
    /** Offset of the u64 tick number. */
    public static final int TICK_OFFSET = HEADER_LENGTH;
    /** Offset of the receiver's own last input sequence number. */
    public static final int LAST_INPUT_SEQ_OFFSET = TICK_OFFSET + Long.BYTES;
    /** Offset of the u16 entry count. */
    public static final int COUNT_OFFSET = LAST_INPUT_SEQ_OFFSET + Integer.BYTES;
    /** Offset of the first entry. */
    public static final int ENTRIES_OFFSET = COUNT_OFFSET + Short.BYTES;
    /** One entry's length. */
    public static final int ENTRY_LENGTH = 3 * Integer.BYTES;
    /** Entries one datagram of {@link GameProtocol#MAX_DATAGRAM_BYTES} holds. */
    public static final int MAX_ENTRIES = (GameProtocol.MAX_DATAGRAM_BYTES - ENTRIES_OFFSET) / ENTRY_LENGTH;

    /**
     * @param buffer holding the datagram.
     * @param offset where it starts.
     * @param length its length.
     * @return this.
     */
    public SnapshotDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
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
     * @return the tick it shows.
     */
    public long tick()
    {
        return buffer.getLong(offset + TICK_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the last input of the receiver's that the server has applied.
     */
    public int lastInputSeq()
    {
        return buffer.getInt(offset + LAST_INPUT_SEQ_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return how many entries it holds.
     */
    public int count()
    {
        return buffer.getShort(offset + COUNT_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @param index an entry.
     * @return its player's id.
     */
    public int playerId(final int index)
    {
        return buffer.getInt(entryAt(index), LITTLE_ENDIAN);
    }

    /**
     * @param index an entry.
     * @return its player's x.
     */
    public int x(final int index)
    {
        return buffer.getInt(entryAt(index) + Integer.BYTES, LITTLE_ENDIAN);
    }

    /**
     * @param index an entry.
     * @return its player's y.
     */
    public int y(final int index)
    {
        return buffer.getInt(entryAt(index) + 2 * Integer.BYTES, LITTLE_ENDIAN);
    }

    private int entryAt(final int index)
    {
        return offset + ENTRIES_OFFSET + index * ENTRY_LENGTH;
    }
}
