package io.tickloop.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Layout of a v1 frame: a 4-byte header and a body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |      length (u16, header      |          type (u16)           |
 *  |      included, 4..max)        |                               |
 *  +-------------------------------+-------------------------------+
 *  |                         body (length - 4 bytes)            ...
 * </pre>
 * The length counts the whole frame, header included. A length below {@link #HEADER_LENGTH} or above the
 * receiver's configured maximum is a protocol error that the receiver can see from the header alone.
 */
public final class FrameDescriptor
{
    /** Offset of the u16 frame length. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the u16 message type. */
    public static final int TYPE_OFFSET = 2;
    /** Length of the header; also the smallest legal frame. */
    public static final int HEADER_LENGTH = 4;
    /** The largest frame the u16 length field can describe. */
    public static final int MAX_FRAME_LENGTH_LIMIT = 0xFFFF;
    /** The default maximum frame length a receiver accepts. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 4096;

    private FrameDescriptor()
    {
    }

    /**
     * @param buffer holding a frame header.
     * @param frameOffset where the frame starts.
     * @return the frame's length field, unsigned.
     */
    public static int frameLength(final DirectBuffer buffer, final int frameOffset)
    {
        return buffer.getShort(frameOffset + LENGTH_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @param buffer holding a frame header.
     * @param frameOffset where the frame starts.
     * @return the frame's type field, unsigned.
     */
    public static int frameType(final DirectBuffer buffer, final int frameOffset)
    {
        return buffer.getShort(frameOffset + TYPE_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * Write a frame header.
     *
     * @param buffer to write into.
     * @param frameOffset where the frame starts.
     * @param frameLength the whole frame's length, header included.
     * @param type the message type.
     */
    public static void putHeader(
        final MutableDirectBuffer buffer, final int frameOffset, final int frameLength, final int type)
    {
        buffer.putShort(frameOffset + LENGTH_OFFSET, (short)frameLength, LITTLE_ENDIAN);
        buffer.putShort(frameOffset + TYPE_OFFSET, (short)type, LITTLE_ENDIAN);
    }

    /**
     * Check a configured maximum frame length.
     *
     * @param maxFrameLength the maximum a receiver is asked to accept.
     * @return the same value when it lies in {@code HEADER_LENGTH..MAX_FRAME_LENGTH_LIMIT}.
     * @throws IllegalArgumentException otherwise.
     */
    public static int checkMaxFrameLength(final int maxFrameLength)
    {
        if (maxFrameLength < HEADER_LENGTH || maxFrameLength > MAX_FRAME_LENGTH_LIMIT)
        {
            throw new IllegalArgumentException("max frame length must be in " + HEADER_LENGTH + ".." +
                MAX_FRAME_LENGTH_LIMIT + ", was " + maxFrameLength);
        }
        return maxFrameLength;
    }
}
