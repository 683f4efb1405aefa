package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.StateDecoder.COUNT_OFFSET;
import static io.tickloop.protocol.game.StateDecoder.ENTRIES_OFFSET;
import static io.tickloop.protocol.game.StateDecoder.ENTRY_INPUT_SEQ_OFFSET;
import static io.tickloop.protocol.game.StateDecoder.ENTRY_LENGTH;
import static io.tickloop.protocol.game.StateDecoder.ENTRY_PLAYER_ID_OFFSET;
import static io.tickloop.protocol.game.StateDecoder.ENTRY_X_OFFSET;
import static io.tickloop.protocol.game.StateDecoder.ENTRY_Y_OFFSET;
import static io.tickloop.protocol.game.StateDecoder.TICK_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a STATE; see {@link StateDecoder} for the layout. Entries are appended one at a time; the count and
 * the frame length follow.
 */
public final class StateEncoder extends MessageEncoder
{
    private int count;

    /**
     * @param buffer to write into; it must have room for every entry that will be added.
     * @param offset where the frame starts.
     * @return this.
     */
    public StateEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.STATE, ENTRIES_OFFSET);
        count = 0;
        buffer.putShort(offset + COUNT_OFFSET, (short)0, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param tick the tick number.
     * @return this.
     */
    public StateEncoder tick(final long tick)
    {
        buffer.putLong(offset + TICK_OFFSET, tick, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @return entries added so far.
     */
    public int count()
    {
        return count;
    }

    /**
     * Append one player's entry.
     *
     * @param playerId the player's id.
     * @param x its x.
     * @param y its y.
     * @param lastInputSeq the last input applied for it.
     * @return this.
     */
    public StateEncoder addEntry(final int playerId, final int x, final int y, final int lastInputSeq)
    {
        final int entry = offset + ENTRIES_OFFSET + count * ENTRY_LENGTH;
        buffer.putInt(entry + ENTRY_PLAYER_ID_OFFSET, playerId, LITTLE_ENDIAN);
        buffer.putInt(entry + ENTRY_X_OFFSET, x, LITTLE_ENDIAN);
        buffer.putInt(entry + ENTRY_Y_OFFSET, y, LITTLE_ENDIAN);
        buffer.putInt(entry + ENTRY_INPUT_SEQ_OFFSET, lastInputSeq, LITTLE_ENDIAN);
        count++;
        buffer.putShort(offset + COUNT_OFFSET, (short)count, LITTLE_ENDIAN);
        frameLength(ENTRIES_OFFSET + count * ENTRY_LENGTH);
        return this;
    }
}
