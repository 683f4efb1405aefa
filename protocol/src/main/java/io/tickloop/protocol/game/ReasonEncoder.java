package io.tickloop.protocol.game;

import io.tickloop.protocol.CloseReason;
import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.ReasonDecoder.FRAME_LENGTH;
import static io.tickloop.protocol.game.ReasonDecoder.REASON_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a KICK or a BYE; see {@link ReasonDecoder} for the layout.
 */
public final class ReasonEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @param type {@link GameProtocol#KICK} or {@link GameProtocol#BYE}.
     * @return this.
     */
    public ReasonEncoder wrap(final MutableDirectBuffer buffer, final int offset, final int type)
    {
        if (type != GameProtocol.KICK && type != GameProtocol.BYE)
        {
            throw new IllegalArgumentException("a reason travels in a KICK or a BYE, not type " + type);
        }
        wrapFrame(buffer, offset, type, FRAME_LENGTH);
        return this;
    }

    /**
     * @param reason why the connection ends.
     * @return this.
     */
    public ReasonEncoder reason(final CloseReason reason)
    {
        buffer.putShort(offset + REASON_OFFSET, (short)reason.code(), LITTLE_ENDIAN);
        return this;
    }
}
