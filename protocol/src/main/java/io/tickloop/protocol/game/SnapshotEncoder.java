package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.SnapshotDecoder.COUNT_OFFSET;
import static io.tickloop.protocol.game.SnapshotDecoder.ENTRIES_OFFSET;
import static io.tickloop.protocol.game.SnapshotDecoder.ENTRY_LENGTH;
import static io.tickloop.protocol.game.SnapshotDecoder.LAST_INPUT_SEQ_OFFSET;
import static io.tickloop.protocol.game.SnapshotDecoder.TICK_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a SNAPSHOT; see {@link SnapshotDecoder} for the layout.
 */
public final class SnapshotEncoder extends MessageEncoder
{
    private int count;

    /**
     * @param buffer to write into.
     * @param offset where the datagram starts.
     * @param tick the tick it shows.
     * @param lastInputSeq the receiver's own last input applied.
     * @return this, with no entry yet.
     */
    public SnapshotEncoder wrap(final MutableDirectBuffer buffer, final int offset, final long tick,
        final int lastInputSeq)
    {
        wrapFrame(buffer, offset, GameProtocol.SNAPSHOT, ENTRIES_OFFSET);
        buffer.putLong(offset + TICK_OFFSET, tick, LITTLE_ENDIAN);
        buffer.putInt(offset + LAST_INPUT_SEQ_OFFSET, lastInputSeq, LITTLE_ENDIAN);
        count = 0;
        buffer.putShort(offset + COUNT_OFFSET, (short)0, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @return the entries written so far.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param playerId a player in view.
     * @param x its x.
     * @param y its y.
     * @return this.
     */
    public SnapshotEncoder addEntry(final int playerId, final int x, final int y)
    {
        final int entry = offset + ENTRIES_OFFSET + count * ENTRY_LENGTH;
        buffer.putInt(entry, playerId, LITTLE_ENDIAN);
        buffer.putInt(entry + Integer.BYTES, x, LITTLE_ENDIAN);
        buffer.putInt(entry + 2 * Integer.BYTES, y, LITTLE_ENDIAN);
        buffer.putShort(offset + COUNT_OFFSET, (short)++count, LITTLE_ENDIAN);
        frameLength(ENTRIES_OFFSET + count * ENTRY_LENGTH);
        return this;
    }
}
