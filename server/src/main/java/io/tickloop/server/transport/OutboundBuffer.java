package io.tickloop.server.transport;

import io.tickloop.server.metrics.ServerCounters;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static io.tickloop.protocol.FrameDescriptor.putHeader;
import static io.tickloop.protocol.FrameWriter.frameLengthFor;

/**
 * The bytes queued for one peer, bounded. A direct buffer that starts small, made on first use, and grows by
 * doubling up to the bound, so that ten thousand quiet connections cost little and a busy one allocates only
 * while it grows. Bytes are appended at the end and written from the front; the front moves back to zero
 * whenever the buffer drains.
 * <p>
 * Memory comes back: a buffer grown past {@value #INITIAL_CAPACITY} bytes for a burst is freed by
 * {@link #shrinkIfIdle()}, which the connection's housekeeping calls every pass, once it is empty and nothing was
 * appended for a whole pass; the next append starts again at {@value #INITIAL_CAPACITY}. A connection that sends
 * every tick is never idle for a pass, so it keeps its buffer and allocates nothing in its steady state.
 * <p>
 * Not thread safe: used by the thread that owns the connection.
 */
public final class OutboundBuffer
{
    /** The capacity of a buffer's first allocation, and the most an idle connection's buffer keeps. */
    public static final int INITIAL_CAPACITY = 2048;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final int maxBytes;
    private final ServerCounters counters;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private ByteBuffer byteBuffer;
    private int readIndex;
    private int writeIndex;
    private boolean appendedSincePass;
    private boolean outOfMemory;

    /**
     * @param maxBytes the most bytes that may be queued at once.
     */
    public OutboundBuffer(final int maxBytes)
    {
        this(maxBytes, null);
    }

    /**
     * @param maxBytes the most bytes that may be queued at once.
     * @param counters told of the bytes the buffer holds and of each shrink; null for none.
     */
    public OutboundBuffer(final int maxBytes, final ServerCounters counters)
    {
        this.counters = counters;
        if (maxBytes < 1)
        {
            throw new IllegalArgumentException("the send-queue bound must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * @return bytes queued and not yet written.
     */
    public int pendingBytes()
    {
        return writeIndex - readIndex;
    }

    /**
     * @return true once growing the buffer failed for want of direct memory (counted as an allocation failure):
     * an append it refused was refused for that, not for the bound.
     */
    public boolean isOutOfMemory()
    {
        return outOfMemory;
    }

    /**
     * @return true when nothing waits to be written.
     */
    public boolean isEmpty()
    {
        return writeIndex == readIndex;
    }

    /**
     * Queue a copy of some bytes.
     *
     * @param source holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     * @return false, queuing nothing, when the bytes would take the queue past its bound.
     */
    public boolean append(final DirectBuffer source, final int offset, final int length)
    {
        if (!ensureRoom(length))
        {
            return false;
        }
        buffer.putBytes(writeIndex, source, offset, length);
        writeIndex += length;
        return true;
    }

    /**
     * Queue one frame: a header, then a copy of the body.
     *
     * @param type the message type.
     * @param body holding the body.
     * @param bodyOffset where the body starts.
     * @param bodyLength how long the body is.
     * @return false, queuing nothing, when the frame would take the queue past its bound.
     */
    public boolean appendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        final int frameLength = frameLengthFor(bodyLength);
        if (!ensureRoom(frameLength))
        {
            return false;
        }
        putHeader(buffer, writeIndex, frameLength, type);
        buffer.putBytes(writeIndex + HEADER_LENGTH, body, bodyOffset, bodyLength);
        writeIndex += frameLength;
        return true;
    }

    /**
     * Queue a copy of a header and of a body, both or neither.
     *
     * @param header holding the header, from index 0.
     * @param headerLength how long the header is.
     * @param body holding the body.
     * @param bodyOffset where the body starts.
     * @param bodyLength how long the body is.
     * @return false, queuing nothing, when the two would take the queue past its bound.
     */
    public boolean appendWithHeader(
        final DirectBuffer header, final int headerLength, final DirectBuffer body, final int bodyOffset,
        final int bodyLength)
    {
        if (!ensureRoom(headerLength + bodyLength))
        {
            return false;
        }
        buffer.putBytes(writeIndex, header, 0, headerLength);
        buffer.putBytes(writeIndex + headerLength, body, bodyOffset, bodyLength);
        writeIndex += headerLength + bodyLength;
        return true;
    }

    /**
     * Write as much as the channel takes now.
     *
     * @param channel to write to; a non-blocking channel may take less than all.
     * @return bytes written.
     * @throws IOException when the write fails.
     */
    public int writeTo(final WritableByteChannel channel) throws IOException
    {
        if (isEmpty())
        {
            return 0;
        }
        byteBuffer.limit(writeIndex).position(readIndex);
        final int written = channel.write(byteBuffer);
        onWritten(written);
        return written;
    }

    /**
     * The queued bytes as a buffer positioned at the first, for a write that completes later (an asynchronous
     * channel's). Nothing may be appended until {@link #onWritten} has been called for the bytes written.
     *
     * @return the queued bytes, from position to limit.
     */
    public ByteBuffer view()
    {
        if (isEmpty())
        {
            return EMPTY;
        }
        return byteBuffer.limit(writeIndex).position(readIndex);
    }

    /**
     * Mark bytes taken from {@link #view()} as written.
     *
     * @param bytes written.
     */
    public void onWritten(final int bytes)
    {
        readIndex += bytes;
        if (readIndex == writeIndex)
        {
            readIndex = 0;
            writeIndex = 0;
        }
    }

    /**
     * Drop everything queued.
     */
    public void clear()
    {
        readIndex = 0;
        writeIndex = 0;
    }

    /**
     * @return bytes of direct memory the buffer holds now.
     */
    public int capacity()
    {
        return buffer.capacity();
    }

    /**
     * For housekeeping, every pass: free a buffer grown past {@value #INITIAL_CAPACITY} bytes when it is empty and
     * nothing was appended since the previous pass. Only the thread that owns the buffer may call it (for a
     * {@link SendQueue}, under its lock with no write outstanding): the memory is freed at once.
     *
     * @return true when the buffer was freed.
     */
    public boolean shrinkIfIdle()
    {
        final boolean appended = appendedSincePass;
        appendedSincePass = false;
        return !appended && shrinkIfGrownAndEmpty();
    }

    /**
     * Free the buffer when it is empty and grown past {@value #INITIAL_CAPACITY} bytes, for an owner that judges
     * idleness itself (a {@link SendQueue}, whose two buffers take turns). Same thread rule as
     * {@link #shrinkIfIdle()}.
     *
     * @return true when the buffer was freed.
     */
    public boolean shrinkIfGrownAndEmpty()
    {
        if (!isEmpty() || buffer.capacity() <= INITIAL_CAPACITY)
        {
            return false;
        }
        release();
        if (null != counters)
        {
            counters.onBufferShrunk();
        }
        return true;
    }

    /**
     * Drop everything queued and free the memory at once (the connection closed). Only the owning thread, with
     * no write outstanding; a later append allocates again.
     */
    public void release()
    {
        clear();
        if (null == byteBuffer)
        {
            return;
        }
        onCapacityChanged(-buffer.capacity());
        BufferUtil.free(byteBuffer);
        byteBuffer = null;
        buffer.wrap(0, 0);
    }

    private void onCapacityChanged(final long delta)
    {
        if (null != counters)
        {
            counters.onBufferBytes(delta);
        }
    }

    private boolean ensureRoom(final int length)
    {
        final int pending = pendingBytes();
        final long needed = (long)pending + length;
        if (needed > maxBytes)
        {
            return false;
        }
        appendedSincePass = true;
        if (writeIndex + length <= buffer.capacity())
        {
            return true;
        }
        if (pending + length <= buffer.capacity())
        {
            buffer.putBytes(0, buffer, readIndex, pending); // overlapping ranges: Unsafe.copyMemory is memmove
        }
        else
        {
            // past 2^30 the next power of two is not an int: take the bound itself
            final int capacity = needed > 1 << 30 ? maxBytes : Math.min(maxBytes,
                BitUtil.findNextPositivePowerOfTwo(Math.max(INITIAL_CAPACITY, (int)needed)));
            final ByteBuffer grown;
            try
            {
                grown = DirectBuffers.allocate(capacity);
            }
            catch (final OutOfMemoryError ex)
            {
                // Direct memory is spent (many busy clients at once): refuse, so that the owner closes this one
                // connection (isOutOfMemory) instead of the error killing the loop that serves everyone.
                outOfMemory = true;
                if (null != counters)
                {
                    counters.onAllocationFailed();
                }
                return false;
            }
            if (pending > 0)
            {
                new UnsafeBuffer(grown).putBytes(0, buffer, readIndex, pending);
            }
            onCapacityChanged(capacity - buffer.capacity());
            if (null != byteBuffer)
            {
                BufferUtil.free(byteBuffer); // at once, not when a GC finds it: a burst's doublings add up
            }
            byteBuffer = grown;
            buffer.wrap(grown);
        }
        readIndex = 0;
        writeIndex = pending;
        return true;
    }
}
