package io.tickloop.protocol.game;

import org.agrona.DirectBuffer;

/**
 * What every game decoder shares: the frame it is wrapped over. A subclass's {@code wrap} returns itself;
 * {@link #isWellFormed()} must be checked before any field is read.
 */
public abstract class MessageDecoder
{
    /** The wrapped buffer. */
    protected DirectBuffer buffer;
    /** Where the frame (its header) starts. */
    protected int offset;
    /** The frame's length, header included. */
    protected int length;

    /**
     * Package-private: only this package's decoders extend it.
     */
    MessageDecoder()
    {
    }

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     */
    protected final void wrapFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /**
     * @return the wrapped frame's length, header included.
     */
    public final int frameLength()
    {
        return length;
    }

    /**
     * @return true when the frame's length matches its layout; check before reading a field.
     */
    public abstract boolean isWellFormed();
}
