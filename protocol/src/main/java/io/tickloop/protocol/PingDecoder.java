package io.tickloop.protocol;

import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Flyweight that reads a PING or a PONG in place. A PONG's body is byte-identical to the PING it answers, so
 * a client that stamps its PINGs measures latency from the reply alone.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |         length (u16)          |    type (u16) = 1 or 2        |
 *  +-------------------------------+-------------------------------+
 *  |                           seq (u64)                           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        sendNanos (u64)                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     padding (length - 20)                  ...
 * </pre>
 */
public final class PingDecoder
{
    /** Offset of the u64 sequence number. */
    public static final int SEQ_OFFSET = HEADER_LENGTH;
    /** Offset of the u64 send timestamp. */
    public static final int SEND_NANOS_OFFSET = SEQ_OFFSET + Long.BYTES;
    /** The shortest well-formed PING frame: a header and two u64 fields. */
    public static final int MIN_FRAME_LENGTH = SEND_NANOS_OFFSET + Long.BYTES;

    private DirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return this.
     */
    public PingDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /**
     * @return true when the wrapped frame is long enough to hold both fields; check before reading them.
     */
    public boolean isWellFormed()
    {
        return length >= MIN_FRAME_LENGTH;
    }

    /**
     * @return the sender's sequence number.
     */
    public long seq()
    {
        return buffer.getLong(offset + SEQ_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the sender's timestamp.
     */
    public long sendNanos()
    {
        return buffer.getLong(offset + SEND_NANOS_OFFSET, LITTLE_ENDIAN);
    }
}
