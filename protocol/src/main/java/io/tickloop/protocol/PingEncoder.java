package io.tickloop.protocol;

import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.PingDecoder.MIN_FRAME_LENGTH;
import static io.tickloop.protocol.PingDecoder.SEND_NANOS_OFFSET;
import static io.tickloop.protocol.PingDecoder.SEQ_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Flyweight that writes a PING (or a PONG: the bodies are the same) in place. See {@link PingDecoder} for the
 * layout. Padding bytes are left as the buffer holds them.
 */
public final class PingEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer to write into.
     * @param offset where the frame starts.
     * @return this.
     */
    public PingEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Write the frame header.
     *
     * @param type {@link MessageTypes#PING} or {@link MessageTypes#PONG}.
     * @param frameLength the whole frame's length: at least {@link PingDecoder#MIN_FRAME_LENGTH}; more is padding.
     * @return this.
     */
    public PingEncoder header(final int type, final int frameLength)
    {
        if (frameLength < MIN_FRAME_LENGTH || frameLength > FrameDescriptor.MAX_FRAME_LENGTH_LIMIT)
        {
            throw new IllegalArgumentException("a PING frame is " + MIN_FRAME_LENGTH + ".." +
                FrameDescriptor.MAX_FRAME_LENGTH_LIMIT + " bytes, was " + frameLength);
        }
        FrameDescriptor.putHeader(buffer, offset, frameLength, type);
        return this;
    }

    /**
     * @param seq the sender's sequence number.
     * @return this.
     */
    public PingEncoder seq(final long seq)
    {
        buffer.putLong(offset + SEQ_OFFSET, seq, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param sendNanos the sender's timestamp.
     * @return this.
     */
    public PingEncoder sendNanos(final long sendNanos)
    {
        buffer.putLong(offset + SEND_NANOS_OFFSET, sendNanos, LITTLE_ENDIAN);
        return this;
    }
}
