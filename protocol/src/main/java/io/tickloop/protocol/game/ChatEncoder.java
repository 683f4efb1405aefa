package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

import static io.tickloop.protocol.game.ChatDecoder.CLIENT_TIME_OFFSET;
import static io.tickloop.protocol.game.ChatDecoder.SENDER_ID_OFFSET;
import static io.tickloop.protocol.game.ChatDecoder.TEXT_LENGTH_OFFSET;
import static io.tickloop.protocol.game.ChatDecoder.TEXT_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes a CHAT; see {@link ChatDecoder} for the layout.
 */
public final class ChatEncoder extends MessageEncoder
{
    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public ChatEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapFrame(buffer, offset, GameProtocol.CHAT, TEXT_OFFSET);
        buffer.putShort(offset + TEXT_LENGTH_OFFSET, (short)0, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param senderId the sender's player id; 0 from a client.
     * @return this.
     */
    public ChatEncoder senderId(final int senderId)
    {
        buffer.putInt(offset + SENDER_ID_OFFSET, senderId, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param clientTimeNs the sending client's timestamp.
     * @return this.
     */
    public ChatEncoder clientTimeNs(final long clientTimeNs)
    {
        buffer.putLong(offset + CLIENT_TIME_OFFSET, clientTimeNs, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Copy text without decoding it.
     *
     * @param source holding UTF-8 bytes.
     * @param sourceOffset of the first byte.
     * @param textLength bytes, at most {@value GameProtocol#MAX_CHAT_BYTES}.
     * @return this.
     */
    public ChatEncoder text(final DirectBuffer source, final int sourceOffset, final int textLength)
    {
        if (textLength < 0 || textLength > GameProtocol.MAX_CHAT_BYTES)
        {
            throw new IllegalArgumentException("chat text is 0.." + GameProtocol.MAX_CHAT_BYTES + " bytes, was " +
                textLength);
        }
        buffer.putShort(offset + TEXT_LENGTH_OFFSET, (short)textLength, LITTLE_ENDIAN);
        buffer.putBytes(offset + TEXT_OFFSET, source, sourceOffset, textLength);
        frameLength(TEXT_OFFSET + textLength);
        return this;
    }

    /**
     * @param text the text, at most {@value GameProtocol#MAX_CHAT_BYTES} bytes in UTF-8 (allocates).
     * @return this.
     */
    public ChatEncoder text(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return text(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
