package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.game.InputsDecoder.CLIENT_TIME_IN_INPUT;
import static io.tickloop.protocol.game.InputsDecoder.COUNT_OFFSET;
import static io.tickloop.protocol.game.InputsDecoder.INPUTS_OFFSET;
import static io.tickloop.protocol.game.InputsDecoder.INPUT_LENGTH;
import static io.tickloop.protocol.game.InputsDecoder.X_IN_INPUT;
import static io.tickloop.protocol.game.InputsDecoder.Y_IN_INPUT;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes an INPUTS datagram, newest input first; see {@link InputsDecoder} for the layout.
 */
public final class InputsEncoder extends SessionDatagramEncoder
{
    private int count;

    /**
     * @param buffer to write into.
     * @param offset where the datagram starts.
     * @return this, with no input yet (add at least one).
     */
    public InputsEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.INPUTS, INPUTS_OFFSET);
        count = 0;
        buffer.putByte(offset + COUNT_OFFSET, (byte)0);
        return this;
    }

    /**
     * @param playerId the session's player id, from WELCOME.
     * @param token0 the token's first word, from WELCOME.
     * @param token1 the token's second word, from WELCOME.
     * @return this.
     */
    public InputsEncoder credentials(final int playerId, final long token0, final long token1)
    {
        putCredentials(playerId, token0, token1);
        return this;
    }

    /**
     * Append an input: the newest first, then older ones.
     *
     * @param inputSeq its sequence number.
     * @param x the wanted x position.
     * @param y the wanted y position.
     * @param clientTimeNs the client's timestamp.
     * @return this.
     * @throws IllegalStateException past {@link GameProtocol#MAX_INPUTS_PER_DATAGRAM} inputs.
     */
    public InputsEncoder addInput(final int inputSeq, final int x, final int y, final long clientTimeNs)
    {
        if (count == GameProtocol.MAX_INPUTS_PER_DATAGRAM)
        {
            throw new IllegalStateException("at most " + GameProtocol.MAX_INPUTS_PER_DATAGRAM + " inputs a datagram");
        }
        final int at = offset + INPUTS_OFFSET + count * INPUT_LENGTH;
        buffer.putInt(at, inputSeq, LITTLE_ENDIAN);
        buffer.putInt(at + X_IN_INPUT, x, LITTLE_ENDIAN);
        buffer.putInt(at + Y_IN_INPUT, y, LITTLE_ENDIAN);
        buffer.putLong(at + CLIENT_TIME_IN_INPUT, clientTimeNs, LITTLE_ENDIAN);
        buffer.putByte(offset + COUNT_OFFSET, (byte)++count);
        frameLength(InputsDecoder.frameLength(count));
        return this;
    }
}
