package io.tickloop.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static io.tickloop.protocol.FrameDescriptor.MAX_FRAME_LENGTH_LIMIT;

/**
 * Writes whole frames: a header, then a body copied from another buffer.
 */
public final class FrameWriter
{
    private FrameWriter()
    {
    }

    /**
     * @param bodyLength the length of a body.
     * @return the length of the frame that carries it.
     * @throws IllegalArgumentException when no frame can carry a body that long.
     */
    public static int frameLengthFor(final int bodyLength)
    {
        final int frameLength = HEADER_LENGTH + bodyLength;
        if (bodyLength < 0 || frameLength > MAX_FRAME_LENGTH_LIMIT)
        {
            throw new IllegalArgumentException("a frame body must be 0.." +
                (MAX_FRAME_LENGTH_LIMIT - HEADER_LENGTH) + " bytes, was " + bodyLength);
        }
        return frameLength;
    }

    /**
     * Write a frame of the given type carrying a copy of the body.
     *
     * @param destination to write into; it must have room for the whole frame.
     * @param offset where the frame starts.
     * @param type the message type.
     * @param body holding the body.
     * @param bodyOffset where the body starts.
     * @param bodyLength how long the body is.
     * @return the frame's length.
     */
    public static int write(
        final MutableDirectBuffer destination,
        final int offset,
        final int type,
        final DirectBuffer body,
        final int bodyOffset,
        final int bodyLength)
    {
        final int frameLength = frameLengthFor(bodyLength);
        FrameDescriptor.putHeader(destination, offset, frameLength, type);
        destination.putBytes(offset + HEADER_LENGTH, body, bodyOffset, bodyLength);
        return frameLength;
    }
}
