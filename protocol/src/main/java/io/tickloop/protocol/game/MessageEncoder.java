package io.tickloop.protocol.game;

import io.tickloop.protocol.FrameDescriptor;
import org.agrona.MutableDirectBuffer;

/**
 * What every game encoder shares: the buffer it writes into and the frame's length so far. A subclass's
 * {@code wrap} writes the header for its type and shortest length and returns itself; variable parts grow the
 * length as they are written.
 */
public abstract class MessageEncoder
{
    /** The buffer written into. */
    protected MutableDirectBuffer buffer;
    /** Where the frame (its header) starts. */
    protected int offset;
    private int frameLength;
    private int type;

    /**
     * Package-private: only this package's encoders extend it.
     */
    MessageEncoder()
    {
    }

    /**
     * @param buffer to write into; it must have room for the whole frame.
     * @param offset where the frame starts.
     * @param type the message type.
     * @param frameLength the frame's length before any variable part.
     */
    protected final void wrapFrame(final MutableDirectBuffer buffer, final int offset, final int type, final int frameLength)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.type = type;
        frameLength(frameLength);
    }

    /**
     * @param frameLength the frame's new length, written into its header.
     */
    protected final void frameLength(final int frameLength)
    {
        this.frameLength = frameLength;
        FrameDescriptor.putHeader(buffer, offset, frameLength, type);
    }

    /**
     * @return the length of the frame written so far, header included: the bytes to send from the offset.
     */
    public final int frameLength()
    {
        return frameLength;
    }
}
