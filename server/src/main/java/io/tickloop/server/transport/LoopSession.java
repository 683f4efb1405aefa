package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;

/**
 * One connection of a {@link ConnectionLoop}: its non-blocking channel, its bounded {@link OutboundBuffer} that
 * sends append to without a lock, and the service's handler; it reads into the loop's shared buffer and writes
 * its own queue when the loop tells it to. Every method runs on the loop's thread but {@link #queuedBytes()}. A
 * send that would pass the bound closes the connection as a {@link CloseReason#SLOW_CONSUMER}.
 */
public final class LoopSession implements Connection
{
    private static final Logger LOG = LoggerFactory.getLogger(LoopSession.class);
    private static final VarHandle QUEUED_BYTES;

    static
    {
        try
        {
            QUEUED_BYTES = MethodHandles.lookup().findVarHandle(LoopSession.class, "queuedBytes", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final InboundLimits inboundLimits;
    ConnectionHandler handler;
    boolean closed;
    boolean draining;
    private boolean drainWordsSaid;
    boolean dirty;
    int index;

    private final long id;
    private final SocketChannel channel;
    private final OutboundBuffer outbound;
    private final ConnectionLoop loop;
    private SelectionKey key;
    private boolean outputShut;
    private boolean inputShut;
    /** The outbound buffer's pending bytes as other threads see them: written by publishQueuedBytes only. */
    private int queuedBytes;

    LoopSession(
        final long id,
        final SocketChannel channel,
        final int sendQueueBytes,
        final long maxFramesPerSecond,
        final ConnectionLoop loop)
    {
        this.inboundLimits = new InboundLimits(maxFramesPerSecond);
        this.id = id;
        this.channel = channel;
        this.outbound = new OutboundBuffer(sendQueueBytes, loop.counters());
        this.loop = loop;
    }

    @Override
    public long id()
    {
        return id;
    }

    /**
     * @return the connection's channel.
     */
    public SocketChannel channel()
    {
        return channel;
    }

    /**
     * @return the channel's key on the loop's Selector, or null under a loop that has none ({@code polling}).
     */
    public SelectionKey key()
    {
        return key;
    }

    /**
     * @param key the channel's key on the loop's Selector, set once when the loop registers it.
     */
    public void key(final SelectionKey key)
    {
        this.key = key;
    }

    /**
     * @return true once the loop has closed the connection.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return true when bytes were queued since the loop last flushed it; it is flushed at the end of the turn.
     */
    public boolean isDirty()
    {
        return dirty;
    }

    /**
     * @return the bytes queued for the peer; the loop writes them.
     */
    public OutboundBuffer outbound()
    {
        return outbound;
    }

    /**
     * Any thread: the world thread of the reactors and polling models checks its outbox bound with it while this
     * loop writes the buffer, so it reads a copy the loop publishes, never the buffer's own plain fields.
     */
    @Override
    public int queuedBytes()
    {
        return (int)QUEUED_BYTES.getAcquire(this);
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        return !closed && queued(outbound.append(buffer, offset, length));
    }

    @Override
    public boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        return !closed && queued(outbound.appendFrame(type, body, bodyOffset, bodyLength));
    }

    @Override
    public boolean sendWithHeader(
        final DirectBuffer header, final int headerLength, final DirectBuffer body, final int bodyOffset,
        final int bodyLength)
    {
        return !closed && queued(outbound.appendWithHeader(header, headerLength, body, bodyOffset, bodyLength));
    }

    @Override
    public void close(final CloseReason reason)
    {
        if (closed)
        {
            return;
        }
        closed = true;
        sayLastWords(reason);
        loop.onClosed(this, reason);
        outbound.release();
        publishQueuedBytes();
        CloseHelper.quietClose(channel);
        ServiceCalls.onClose(LOG, this, handler, reason);
    }

    @Override
    public ServerCounters counters()
    {
        return loop.counters();
    }

    @Override
    public void executeOnOwner(final Runnable task)
    {
        loop.execute(task);
    }

    @Override
    public int localPort()
    {
        return SocketOptions.localPort(channel);
    }

    @Override
    public String toString()
    {
        return "session-" + id;
    }

    /**
     * Read what the channel holds, up to {@code maxReads} times into the loop's shared buffer, and hand the bytes
     * to the service (not while draining); close at end of stream, on an error, or when the service throws.
     * <p>
     * For a framed service at most {@code maxFrames} frames (and the one a read completes) are handled per call:
     * each read asks for no more bytes than the remaining frames could fill at their shortest (the header), so
     * a client sending tiny frames gets its share of a turn, not 65,000 frames of it. The rest stays in the
     * socket for the next turn (TCP holds the flooder back, not the loop).
     *
     * @return how many reads brought bytes.
     */
    int readSome(final ByteBuffer readByteBuffer, final DirectBuffer readBuffer, final int maxReads, final int maxFrames)
    {
        if (inputShut)
        {
            return 0;
        }
        final long framesBefore = null == handler || draining ? -1 : handler.framesIn();
        int reads = 0;
        for (int i = 0; i < maxReads && !closed; i++)
        {
            readByteBuffer.clear();
            if (framesBefore >= 0)
            {
                final long framesLeft = maxFrames - (handler.framesIn() - framesBefore);
                if (framesLeft <= 0)
                {
                    loop.counters().onFrameBudgetHit();
                    break;
                }
                readByteBuffer.limit((int)Math.min(readByteBuffer.capacity(), framesLeft * HEADER_LENGTH));
            }
            final int bytesRead;
            try
            {
                bytesRead = channel.read(readByteBuffer);
            }
            catch (final IOException ex)
            {
                close(CloseReason.IO_ERROR);
                break;
            }
            if (bytesRead < 0)
            {
                onEndOfStream();
                break;
            }
            if (bytesRead == 0)
            {
                break;
            }
            reads++;
            loop.counters().onBytesIn(bytesRead);
            if (!draining)
            {
                ServiceCalls.onBytes(LOG, this, handler, inboundLimits, readBuffer, bytesRead);
            }
            if (bytesRead < readByteBuffer.limit())
            {
                break;
            }
        }
        return reads;
    }

    /**
     * Write what is queued; once it is all written during a drain, half-close.
     *
     * @return true when bytes were written.
     */
    boolean flush()
    {
        if (closed)
        {
            return false;
        }
        try
        {
            int written = outbound.writeTo(channel);
            if (draining && !drainWordsSaid && outbound.isEmpty())
            {
                drainWordsSaid = true; // all that was queued before the drain is out: the handler's words, then FIN
                final UnsafeBuffer words = loop.lastWordsBuffer();
                final int length = ServiceCalls.drainWords(LOG, this, handler, words);
                if (length > 0)
                {
                    outbound.append(words, 0, length);
                    written += outbound.writeTo(channel);
                }
            }
            publishQueuedBytes();
            loop.counters().onBytesOut(written);
            final boolean pending = !outbound.isEmpty();
            if (!pending && inputShut)
            {
                close(CloseReason.PEER_CLOSED);
                return written > 0;
            }
            loop.onOutboundPending(this, pending);
            if (!pending && draining && !outputShut)
            {
                outputShut = true;
                channel.shutdownOutput();
            }
            return written > 0;
        }
        catch (final IOException ex)
        {
            close(CloseReason.IO_ERROR);
            return false;
        }
    }

    /**
     * Housekeeping, every pass: free the send buffer and the handler's buffers a burst grew, once idle for a pass.
     */
    void shrinkIfIdle()
    {
        outbound.shrinkIfIdle();
        ServiceCalls.onHousekeeping(LOG, this, handler);
    }

    /**
     * Best effort, never blocking, for a close the server decided: the service's last words are queued behind what
     * is pending when they fit under the bound (a slow consumer's queue may be full), and what is queued gets one
     * non-blocking write, so a last frame the service queued itself just before closing (the game's KICK, handed
     * over from the world thread with the close) is not dropped with the buffer.
     */
    private void sayLastWords(final CloseReason reason)
    {
        final UnsafeBuffer words = loop.lastWordsBuffer();
        final int length = ServiceCalls.lastWords(LOG, this, handler, reason, words);
        if (length > 0)
        {
            outbound.append(words, 0, length);
        }
        if (!reason.isServerDecided() || outbound.isEmpty())
        {
            return;
        }
        try
        {
            loop.counters().onBytesOut(outbound.writeTo(channel));
        }
        catch (final IOException ex)
        {
            LOG.debug("{}: its last words were not sent: {}", this, ex.toString());
        }
    }

    private void onEndOfStream()
    {
        if (draining)
        {
            close(CloseReason.SHUTTING_DOWN);
            return;
        }
        // a half-close, not an abort: the replies already queued are still owed; closed once they are written
        inputShut = true;
        loop.onInputShut(this);
        loop.markDirty(this);
    }

    /**
     * After every change of the buffer's pending bytes. A release store: a plain write on x86, no fence, no lock;
     * it orders the loop's writes for a reader that uses {@link #queuedBytes()}'s acquire load.
     */
    private void publishQueuedBytes()
    {
        QUEUED_BYTES.setRelease(this, outbound.pendingBytes());
    }

    private boolean queued(final boolean appended)
    {
        publishQueuedBytes();
        if (appended)
        {
            loop.markDirty(this);
        }
        else
        {
            CloseReporting.cutOff(LOG, this, outbound.isOutOfMemory());
        }
        return appended;
    }
}
