package io.tickloop.server.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a connection's direct buffers are allocated (a model's read buffer, a send buffer as it grows), so that
 * running out of direct memory ({@link OutOfMemoryError} "Cannot reserve ... direct buffer memory") can be
 * provoked in a test without exhausting the JVM's memory. Called once per connection or per growth, never per
 * message.
 */
public final class DirectBuffers
{
    private static final AtomicInteger FAILURES_TO_INJECT = new AtomicInteger();

    private DirectBuffers()
    {
    }

    /**
     * @param capacity bytes.
     * @return a new direct buffer.
     * @throws OutOfMemoryError when direct memory is exhausted, or a test injected the failure.
     */
    public static ByteBuffer allocate(final int capacity)
    {
        if (FAILURES_TO_INJECT.get() > 0 && FAILURES_TO_INJECT.getAndDecrement() > 0)
        {
            throw new OutOfMemoryError("Cannot reserve " + capacity + " bytes of direct buffer memory (injected)");
        }
        return ByteBuffer.allocateDirect(capacity);
    }

    /**
     * A test seam: make the next allocations fail as if direct memory had run out.
     *
     * @param count how many allocations fail; 0 ends the injection.
     */
    public static void failNextAllocations(final int count)
    {
        FAILURES_TO_INJECT.set(count);
    }
}
