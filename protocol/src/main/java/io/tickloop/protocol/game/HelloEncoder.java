package io.tickloop.protocol.game;

import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

import static io.tickloop.protocol.game.HelloDecoder.NAME_LENGTH_OFFSET;
import static io.tickloop.protocol.game.HelloDecoder.NAME_OFFSET;
import static io.tickloop.protocol.game.HelloDecoder.VERSION_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a HELLO; see {@link HelloDecoder} for the layout.
 */
public final class HelloEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public HelloEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.HELLO, NAME_OFFSET);
        buffer.putByte(offset + NAME_LENGTH_OFFSET, (byte)0);
        return this;
    }

    /**
     * @param version the protocol version.
     * @return this.
     */
    public HelloEncoder version(final int version)
    {
        buffer.putShort(offset + VERSION_OFFSET, (short)version, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param name the player's name, 1..{@value GameProtocol#MAX_NAME_BYTES} bytes in UTF-8.
     * @return this.
     * @throws IllegalArgumentException when the name is empty or too long.
     */
    public HelloEncoder name(final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 1 || bytes.length > GameProtocol.MAX_NAME_BYTES)
        {
            throw new IllegalArgumentException("a name is 1.." + GameProtocol.MAX_NAME_BYTES + " UTF-8 bytes, was " +
                bytes.length);
        }
        buffer.putByte(offset + NAME_LENGTH_OFFSET, (byte)bytes.length);
        buffer.putBytes(offset + NAME_OFFSET, bytes);
        frameLength(NAME_OFFSET + bytes.length);
        return this;
    }
}
