package io.tickloop.server.transport;

import io.tickloop.server.metrics.ServerCounters;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static io.tickloop.protocol.FrameWriter.frameLengthFor;

/**
 * The bytes queued for one peer when the threads that produce them are not the thread that writes them: a
 * bounded, lock-protected pair of {@link OutboundBuffer}s. Producers append to one while a single writer owns
 * the other, so a write that blocks (or completes later) never holds the lock and never sees an append.
 * <p>
 * The bound counts both: bytes appended and bytes the writer has taken but not finished. A producer whose
 * bytes would pass it is refused, and the model closes the connection as a slow consumer.
 * <p>
 * A blocking writer calls {@link #awaitWrite()}; an asynchronous one calls {@link #beginWrite()} after every
 * append and from the previous write's completion, so at most one write is ever outstanding.
 * <p>
 * Backpressure on the reading side: a writer on another thread can fall behind a reader that produces replies
 * (an echo reads faster than its writer is scheduled), and the bound would cut off a client that reads perfectly
 * well. So while more than half the bound is queued and the writer is making progress, the reader waits
 * ({@link #awaitRoom()}) or defers its next read ({@link #deferRead}). Once a write has been outstanding for
 * {@value #STALL_MS} ms the peer counts as not reading, the reader goes on, and the bound decides.
 */
public final class SendQueue
{
    /** How long a write may be outstanding before the peer counts as not reading. */
    public static final long STALL_MS = 50;

    private static final long STALL_NS = TimeUnit.MILLISECONDS.toNanos(STALL_MS);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final int maxBytes;
    private OutboundBuffer appending;
    private OutboundBuffer writing;
    private int writingBytes;
    private boolean writeInFlight;
    private long writeStartedNs;
    private boolean readDeferred;
    private boolean draining;
    private boolean inService;
    private boolean outputShut;
    private boolean closed;
    private boolean appendedSincePass;

    /**
     * @param maxBytes the most bytes that may be queued at once, appended and being written together.
     */
    public SendQueue(final int maxBytes)
    {
        this(maxBytes, null);
    }

    /**
     * @param maxBytes the most bytes that may be queued at once, appended and being written together.
     * @param counters told of the bytes the buffers hold and of each shrink; null for none.
     */
    public SendQueue(final int maxBytes, final ServerCounters counters)
    {
        this.maxBytes = maxBytes;
        this.appending = new OutboundBuffer(maxBytes, counters);
        this.writing = new OutboundBuffer(maxBytes, counters);
    }

    /**
     * Run a task while no thread is in the service for this connection: a read's handler is not running and
     * cannot start before the task ends (see {@link #enterService()}). Not after a close.
     *
     * @param task the handler's housekeeping; it must not wait.
     */
    public void runOutsideService(final Runnable task)
    {
        lock.lock();
        try
        {
            if (!inService && !closed)
            {
                task.run();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * For housekeeping, every pass: once nothing was appended for a whole pass, free either buffer grown for a
     * burst ({@link OutboundBuffer#shrinkIfGrownAndEmpty()}); the one the writer holds only while no write is
     * outstanding. Idleness is the queue's, not each buffer's: the two take turns, so each alone looks idle every
     * other write.
     */
    public void shrinkIfIdle()
    {
        lock.lock();
        try
        {
            final boolean appended = appendedSincePass;
            appendedSincePass = false;
            if (!closed && !appended)
            {
                appending.shrinkIfGrownAndEmpty();
                if (!writeInFlight)
                {
                    writing.shrinkIfGrownAndEmpty();
                }
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return true once one of the buffers could not grow for want of direct memory. Any thread.
     */
    public boolean isOutOfMemory()
    {
        lock.lock();
        try
        {
            return appending.isOutOfMemory() || writing.isOutOfMemory();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Queue a copy of some bytes. Any thread.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     * @return false, queuing nothing, when the bytes would pass the bound.
     */
    public boolean append(final DirectBuffer buffer, final int offset, final int length)
    {
        lock.lock();
        try
        {
            return closed || hasRoom(length) && signalled(appending.append(buffer, offset, length));
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Queue one frame: a header, then a copy of the body. Any thread.
     *
     * @param type the message type.
     * @param body holding the body.
     * @param bodyOffset where the body starts.
     * @param bodyLength how long the body is.
     * @return false, queuing nothing, when the frame would pass the bound.
     */
    public boolean appendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        lock.lock();
        try
        {
            return closed || hasRoom(frameLengthFor(bodyLength)) &&
                signalled(appending.appendFrame(type, body, bodyOffset, bodyLength));
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Queue a copy of a header and of a body as one append: no other thread's bytes land between them. Any thread.
     *
     * @param header holding the header, from index 0.
     * @param headerLength how long the header is.
     * @param body holding the body.
     * @param bodyOffset where the body starts.
     * @param bodyLength how long the body is.
     * @return false, queuing nothing, when the two would pass the bound.
     */
    public boolean appendWithHeader(
        final DirectBuffer header, final int headerLength, final DirectBuffer body, final int bodyOffset,
        final int bodyLength)
    {
        lock.lock();
        try
        {
            return closed || hasRoom(headerLength + bodyLength) &&
                signalled(appending.appendWithHeader(header, headerLength, body, bodyOffset, bodyLength));
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Take the queued bytes for a write unless a write is already outstanding. The caller owns the returned
     * buffer until it calls {@link #finishWrite()}.
     *
     * @return the bytes to write, or null when nothing is queued or a write is outstanding.
     */
    public OutboundBuffer beginWrite()
    {
        lock.lock();
        try
        {
            return closed || writeInFlight || appending.isEmpty() ? null : swap();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Block until there are bytes to write, then take them. The caller owns the returned buffer until it calls
     * {@link #finishWrite()}. For the one writer thread of a connection.
     *
     * @return the bytes to write, or null when the queue is closed, or draining with nothing left.
     * @throws InterruptedException when the writer is interrupted while waiting.
     */
    public OutboundBuffer awaitWrite() throws InterruptedException
    {
        lock.lock();
        try
        {
            while (!closed && appending.isEmpty() && (!draining || inService))
            {
                changed.await();
            }
            return closed || appending.isEmpty() ? null : swap();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The writer has written every byte it took.
     *
     * @return true when a read deferred by {@link #deferRead} may now go on: the caller issues it.
     */
    public boolean finishWrite()
    {
        lock.lock();
        try
        {
            writingBytes = 0;
            writeInFlight = false;
            if (closed)
            {
                writing.release();
            }
            drained.signalAll();
            return resumeRead(System.nanoTime());
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The writer's write failed and it gives up the bytes it took (the connection is closing): its buffer is freed,
     * so that a failed connection holds no memory and {@code bufferBytes} counts none for it.
     */
    public void abandonWrite()
    {
        lock.lock();
        try
        {
            writingBytes = 0;
            writeInFlight = false;
            writing.release();
            drained.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Block the reading thread while the writer is behind: more than half the bound queued and no write stalled.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void awaitRoom() throws InterruptedException
    {
        lock.lock();
        try
        {
            while (isBehind(System.nanoTime()))
            {
                drained.awaitNanos(STALL_NS);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * For a reader that must not block: when the writer is behind, note that the next read waits, and say so.
     *
     * @param nowNs the time now ({@link System#nanoTime()}).
     * @return true when the caller must not issue its next read now; {@link #finishWrite()},
     *     {@link #resumeStalledRead} or {@link #close()} says when it may.
     */
    public boolean deferRead(final long nowNs)
    {
        lock.lock();
        try
        {
            readDeferred = isBehind(nowNs);
            return readDeferred;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * For a timer: a read deferred while the writer was behind goes on once the write has stalled.
     *
     * @param nowNs the time now ({@link System#nanoTime()}).
     * @return true when the caller issues the deferred read.
     */
    public boolean resumeStalledRead(final long nowNs)
    {
        lock.lock();
        try
        {
            return resumeRead(nowNs);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The reading thread is about to hand bytes to the service, whose replies must still be written if a drain
     * begins meanwhile: until {@link #exitService()}, the output is not shut.
     *
     * @return false, when draining already began: the bytes are not handed to the service.
     */
    public boolean enterService()
    {
        lock.lock();
        try
        {
            inService = !draining;
            return inService;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The service has returned; a writer waiting to shut the output wakes.
     *
     * @return true when draining: the caller pokes an asynchronous writer, which may now shut the output.
     */
    public boolean exitService()
    {
        lock.lock();
        try
        {
            inService = false;
            changed.signalAll();
            return draining;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Start draining: a waiting writer wakes, and {@link #claimOutputShutdown()} succeeds once all is written.
     */
    public void beginDrain()
    {
        lock.lock();
        try
        {
            draining = true;
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return true, once only, when draining and every queued byte has been written: the caller then
     *     half-closes the connection's output.
     */
    public boolean claimOutputShutdown()
    {
        lock.lock();
        try
        {
            if (closed || !draining || inService || outputShut || writeInFlight || !appending.isEmpty())
            {
                return false;
            }
            outputShut = true;
            return true;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Close the queue: its memory is freed (the writer's buffer once its write finishes), later appends are
     * dropped as if queued (nothing would write them), and a waiting writer or reader wakes.
     *
     * @return true when a read was deferred: the caller issues it, so that the reading side sees the close.
     */
    public boolean close()
    {
        lock.lock();
        try
        {
            closed = true;
            appending.release();
            if (!writeInFlight)
            {
                writing.release();
            }
            changed.signalAll();
            drained.signalAll();
            final boolean wasDeferred = readDeferred;
            readDeferred = false;
            return wasDeferred;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return bytes queued, appended and being written together.
     */
    public int queuedBytes()
    {
        lock.lock();
        try
        {
            return appending.pendingBytes() + writingBytes;
        }
        finally
        {
            lock.unlock();
        }
    }

    private boolean isBehind(final long nowNs)
    {
        return !closed && appending.pendingBytes() + writingBytes > maxBytes / 2 &&
            !(writeInFlight && nowNs - writeStartedNs > STALL_NS);
    }

    private boolean resumeRead(final long nowNs)
    {
        if (readDeferred && !isBehind(nowNs))
        {
            readDeferred = false;
            return true;
        }
        return false;
    }

    private boolean hasRoom(final int length)
    {
        return appending.pendingBytes() + writingBytes + length <= maxBytes;
    }

    private boolean signalled(final boolean appended)
    {
        appendedSincePass |= appended;
        if (appended && !writeInFlight)
        {
            changed.signal();
        }
        return appended;
    }

    private OutboundBuffer swap()
    {
        final OutboundBuffer taken = appending;
        appending = writing;
        writing = taken;
        writingBytes = taken.pendingBytes();
        writeInFlight = true;
        writeStartedNs = System.nanoTime();
        return taken;
    }
}
