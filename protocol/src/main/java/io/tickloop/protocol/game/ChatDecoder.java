package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * CHAT, a line of UTF-8 text. A client sends it with senderId 0; the server broadcasts it to every other
 * member of the sender's room with the sender's id filled in, and {@code clientTimeNs} copied unchanged (the
 * load generator puts its send time there to measure fan-out latency).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |     length (u16) = 18 + n     |        type (u16) = 23        |
 *  +-------------------------------+-------------------------------+
 *  |                        senderId (u32)                         |
 *  +---------------------------------------------------------------+
 *  |                      clientTimeNs (u64)                       |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |      textLength n (u16)       |  text (UTF-8, 0..256 bytes)...
 *  +-------------------------------+-------------------------------+
 * </pre>
 */
public final class ChatDecoder extends MessageDecoder
{
    /** Offset of the u32 sender id. */
    public static final int SENDER_ID_OFFSET = HEADER_LENGTH;
    /** Offset of the u64 client timestamp. */
    public static final int CLIENT_TIME_OFFSET = SENDER_ID_OFFSET + Integer.BYTES;
    /** Offset of the u16 text length. */
    public static final int TEXT_LENGTH_OFFSET = CLIENT_TIME_OFFSET + Long.BYTES;
    /** Offset of the text's bytes; also the length of a CHAT with no text. */
    public static final int TEXT_OFFSET = TEXT_LENGTH_OFFSET + Short.BYTES;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public ChatDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapFrame(buffer, offset, length);
        return this;
    }

    @Override
    public boolean isWellFormed()
    {
        if (length < TEXT_OFFSET)
        {
            return false;
        }
        final int textLength = textLength();
        return textLength <= GameProtocol.MAX_CHAT_BYTES && length == TEXT_OFFSET + textLength;
    }

    /**
     * @return the sender's player id; 0 from a client.
     */
    public int senderId()
    {
        return buffer.getInt(offset + SENDER_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the sending client's timestamp, copied through by the server.
     */
    public long clientTimeNs()
    {
        return buffer.getLong(offset + CLIENT_TIME_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the text's length in bytes.
     */
    public int textLength()
    {
        return buffer.getShort(offset + TEXT_LENGTH_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @return the buffer's offset of the text's first byte, to copy it without decoding.
     */
    public int textOffset()
    {
        return offset + TEXT_OFFSET;
    }

    /**
     * @return the buffer wrapped.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the text, decoded (allocates).
     */
    public String text()
    {
        return buffer.getStringWithoutLengthUtf8(offset + TEXT_OFFSET, textLength());
    }
}
