package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.HeartbeatDecoder.FRAME_LENGTH;
import static io.tickloop.protocol.game.HeartbeatDecoder.TIME_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a HEARTBEAT; see {@link HeartbeatDecoder} for the layout.
 */
public final class HeartbeatEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public HeartbeatEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.HEARTBEAT, FRAME_LENGTH);
        return this;
    }

    /**
     * @param timeNs the sender's timestamp (or the one echoed).
     * @return this.
     */
    public HeartbeatEncoder timeNs(final long timeNs)
    {
        buffer.putLong(offset + TIME_OFFSET, timeNs, LITTLE_ENDIAN);
        return this;
    }
}
