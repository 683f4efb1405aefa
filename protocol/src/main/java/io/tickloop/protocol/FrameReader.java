package io.tickloop.protocol;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static io.tickloop.protocol.FrameDescriptor.checkMaxFrameLength;
import static io.tickloop.protocol.FrameDescriptor.frameLength;
import static io.tickloop.protocol.FrameDescriptor.frameType;

/**
 * Turns arbitrary TCP reads into whole frames: TCP keeps no message boundaries, so one read may hold half a
 * header, two frames, or one and a half.
 * <p>
 * A frame that lies whole inside the bytes passed to {@link #onBytes} is handed to the handler in place, with
 * no copy. Only the tail of a frame split across reads is copied, into a reassembly buffer made on first need
 * at {@value #INITIAL_PARTIAL_CAPACITY} bytes and doubled as bytes actually arrive, up to the maximum frame
 * length, never beyond: the reader never allocates by a length it was sent (a header announcing the maximum,
 * then one byte, costs {@value #INITIAL_PARTIAL_CAPACITY} bytes), and it rejects a length below the header or
 * above the maximum from the header alone, before waiting for the body. Grown, the buffer is kept (at most the
 * maximum frame length) while a peer keeps splitting frames, so that costs no allocation per frame; once no frame
 * was split for a whole housekeeping pass, {@link #shrinkIfIdle()} lets it go, as the send buffers do.
 * <p>
 * Not thread safe: one reader per connection, used by the thread that reads it.
 */
public final class FrameReader
{
    /** The reassembly buffer's first capacity: a split header and a small frame fit. */
    public static final int INITIAL_PARTIAL_CAPACITY = 64;

    private final int maxFrameLength;
    private UnsafeBuffer partial;
    private int partialLength;
    private long partialFrameSeq;
    private long framesRead;
    private boolean splitSincePass;

    /**
     * @param maxFrameLength the longest frame accepted, header included.
     */
    public FrameReader(final int maxFrameLength)
    {
        this.maxFrameLength = checkMaxFrameLength(maxFrameLength);
    }

    /**
     * @return the longest frame accepted, header included.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @return true when bytes of an incomplete frame wait for the rest.
     */
    public boolean hasPartialFrame()
    {
        return partialLength > 0;
    }

    /**
     * Names the incomplete frame, so that a caller can time how long one frame stays incomplete even while
     * other frames keep completing around it.
     *
     * @return a number that changes each time a new incomplete frame starts, or 0 when there is none.
     */
    public long partialFrameSeq()
    {
        return partialLength > 0 ? partialFrameSeq : 0;
    }

    /**
     * @return whole frames handed to a handler since the reader was made, so that a caller can bound how many
     * one peer sends per turn or per second.
     */
    public long framesRead()
    {
        return framesRead;
    }

    /**
     * @return bytes the reassembly buffer holds (0 until a frame is first split across reads); at most the
     * maximum frame length.
     */
    public int partialCapacity()
    {
        return null == partial ? 0 : partial.capacity();
    }

    /**
     * For the connection's housekeeping, every pass: drop a reassembly buffer grown past
     * {@value #INITIAL_PARTIAL_CAPACITY} bytes when no frame is incomplete and none was split since the previous
     * pass; the next split frame starts again at {@value #INITIAL_PARTIAL_CAPACITY} bytes. Only while no other
     * thread is in {@link #onBytes}: the thread that reads, or one that excludes it.
     *
     * @return true when the buffer was dropped.
     */
    public boolean shrinkIfIdle()
    {
        final boolean split = splitSincePass;
        splitSincePass = false;
        if (split || partialLength > 0 || partialCapacity() <= INITIAL_PARTIAL_CAPACITY)
        {
            return false;
        }
        partial = null;
        return true;
    }

    /**
     * Forget any incomplete frame.
     */
    public void reset()
    {
        partialLength = 0;
    }

    /**
     * Feed bytes as they arrived and receive every frame they complete, in order.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     * @param handler called once per whole frame.
     * @return null when every byte was taken, or the protocol error that makes the stream unreadable; after an
     * error the connection must be closed.
     */
    public CloseReason onBytes(final DirectBuffer buffer, final int offset, final int length, final FrameHandler handler)
    {
        final int end = offset + length;
        int position = offset;

        if (partialLength > 0)
        {
            position = fillPartial(buffer, position, end);
            final CloseReason error = partialLength >= HEADER_LENGTH ? validate(frameLength(partial, 0)) : null;
            if (error != null)
            {
                return error;
            }
            if (partialLength < HEADER_LENGTH || partialLength < frameLength(partial, 0))
            {
                return null;
            }
            partialLength = 0;
            framesRead++;
            handler.onFrame(frameType(partial, 0), partial, 0, frameLength(partial, 0));
        }

        while (end - position >= HEADER_LENGTH)
        {
            final int frameLength = frameLength(buffer, position);
            final CloseReason error = validate(frameLength);
            if (error != null)
            {
                return error;
            }
            if (end - position < frameLength)
            {
                break;
            }
            framesRead++;
            handler.onFrame(frameType(buffer, position), buffer, position, frameLength);
            position += frameLength;
        }

        if (position < end)
        {
            ensurePartialCapacity(end - position);
            partial.putBytes(0, buffer, position, end - position);
            partialLength = end - position;
            partialFrameSeq++;
        }
        return null;
    }

    private int fillPartial(final DirectBuffer buffer, final int offset, final int end)
    {
        int position = offset;
        if (partialLength < HEADER_LENGTH)
        {
            position += copyToPartial(buffer, position, Math.min(HEADER_LENGTH - partialLength, end - position));
            if (partialLength < HEADER_LENGTH || null != validate(frameLength(partial, 0)))
            {
                return position;
            }
        }
        return position + copyToPartial(buffer, position, Math.min(frameLength(partial, 0) - partialLength, end - position));
    }

    private int copyToPartial(final DirectBuffer buffer, final int position, final int length)
    {
        ensurePartialCapacity(partialLength + length);
        partial.putBytes(partialLength, buffer, position, length);
        partialLength += length;
        return length;
    }

    private void ensurePartialCapacity(final int required)
    {
        splitSincePass = true;
        final int capacity = partialCapacity();
        if (required <= capacity)
        {
            return;
        }
        int grown = Math.max(INITIAL_PARTIAL_CAPACITY, capacity);
        while (grown < required)
        {
            grown <<= 1;
        }
        final UnsafeBuffer bigger = new UnsafeBuffer(new byte[Math.min(maxFrameLength, grown)]);
        if (partialLength > 0)
        {
            bigger.putBytes(0, partial, 0, partialLength);
        }
        partial = bigger;
    }

    private CloseReason validate(final int frameLength)
    {
        if (frameLength < HEADER_LENGTH)
        {
            return CloseReason.FRAME_TOO_SHORT;
        }
        if (frameLength > maxFrameLength)
        {
            return CloseReason.FRAME_TOO_LONG;
        }
        return null;
    }
}
