package io.tickloop.protocol;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Feeds chunks to a {@link FrameReader} the way a connection does (each chunk at an odd offset of a buffer
 * exactly as long as the read, so that a read past the chunk fails) and records what comes out: each frame as
 * "type:hex" and the error that ended the stream, if any. Two logs of the same stream must be equal however the
 * stream was cut.
 */
public final class FrameLog implements FrameHandler
{
    private static final int CHUNK_OFFSET = 3;

    private final FrameReader reader;
    private final FrameHandler next;
    private final List<String> entries = new ArrayList<>();
    private CloseReason error;

    /**
     * @param maxFrameLength the reader's maximum frame length.
     * @param next also called with each frame, after it is recorded; may be null.
     */
    public FrameLog(final int maxFrameLength, final FrameHandler next)
    {
        this.reader = new FrameReader(maxFrameLength);
        this.next = next;
    }

    /**
     * Feed every chunk until the reader reports an error; after one, a connection would be closed.
     *
     * @param chunks the stream as it arrived.
     * @return this.
     */
    public FrameLog feed(final byte[]... chunks)
    {
        for (final byte[] chunk : chunks)
        {
            if (null != error)
            {
                break;
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CHUNK_OFFSET + chunk.length]);
            buffer.putBytes(CHUNK_OFFSET, chunk);
            error = reader.onBytes(buffer, CHUNK_OFFSET, chunk.length, this);
            if (null != error && !error.isProtocolError())
            {
                throw new AssertionError("the reader returned a reason that is no protocol error: " + error);
            }
        }
        if (null != error)
        {
            entries.add("error:" + error);
        }
        else if (reader.hasPartialFrame())
        {
            entries.add("partial");
        }
        return this;
    }

    @Override
    public void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        assertEquals(FrameDescriptor.frameType(buffer, offset), type, "the type handed over is the header's");
        assertEquals(FrameDescriptor.frameLength(buffer, offset), length, "the length handed over is the header's");
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        entries.add(type + ":" + hex(frame));
        if (null != next)
        {
            next.onFrame(type, buffer, offset, length);
        }
    }

    /**
     * @return each frame and the end of the stream, in order.
     */
    public List<String> entries()
    {
        return entries;
    }

    /**
     * @param bytes any bytes.
     * @return them in hex.
     */
    public static String hex(final byte[] bytes)
    {
        final StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (final byte b : bytes)
        {
            hex.append(Character.forDigit(b >> 4 & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
