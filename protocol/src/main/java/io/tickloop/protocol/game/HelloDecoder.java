package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * HELLO, the first message a client sends: its protocol version and the name it wants.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |         length (u16)          |        type (u16) = 16        |
 *  +-------------------------------+---------------+---------------+
 *  |        version (u16)          | nameLength u8 |  name (UTF-8, |
 *  +-------------------------------+---------------+  1..32 bytes) |
 *  |                                                            ...
 * </pre>
 */
public final class HelloDecoder extends MessageDecoder
{
    /** Offset of the u16 protocol version. */
    public static final int VERSION_OFFSET = HEADER_LENGTH;
    /** Offset of the u8 name length. */
    public static final int NAME_LENGTH_OFFSET = VERSION_OFFSET + Short.BYTES;
    /** Offset of the name's bytes. */
    public static final int NAME_OFFSET = NAME_LENGTH_OFFSET + Byte.BYTES;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public HelloDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapFrame(buffer, offset, length);
        return this;
    }

    @Override
    public boolean isWellFormed()
    {
        if (length < NAME_OFFSET)
        {
            return false;
        }
        final int nameLength = nameLength();
        return nameLength >= 1 && nameLength <= GameProtocol.MAX_NAME_BYTES && length == NAME_OFFSET + nameLength;
    }

    /**
     * @return the protocol version the client speaks.
     */
    public int version()
    {
        return buffer.getShort(offset + VERSION_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @return the name's length in bytes.
     */
    public int nameLength()
    {
        return buffer.getByte(offset + NAME_LENGTH_OFFSET) & 0xFF;
    }

    /**
     * @return the name, decoded (allocates: a HELLO comes once per connection).
     */
    public String name()
    {
        return buffer.getStringWithoutLengthUtf8(offset + NAME_OFFSET, nameLength());
    }
}
