package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;

import java.io.Closeable;
import java.nio.channels.NetworkChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connection as the service sees it in a model where several threads touch it (blocking, virtual, async):
 * sends append to a bounded {@link SendQueue} from any thread and never block, past the bound the connection is
 * closed as a slow consumer; a close from any thread happens once, is counted and logged, removes the
 * connection from its registry and closes its channel (which ends whatever I/O is outstanding on it).
 * <p>
 * The model owns the I/O: it reads, hands the bytes to {@link #onRead}, and writes what the send queue gives
 * it; it is told when to act through its {@link Io}.
 */
public final class QueuedConnection implements Connection, ConnectionRegistry.Member
{
    /**
     * How the connection reaches the model's I/O. Called on whichever thread queued, drained, closed or kept
     * time.
     */
    public interface Io
    {
        /**
         * Bytes were queued, or draining began: start a write unless one is outstanding.
         */
        void onQueued();

        /**
         * A read deferred while the writer was behind ({@link SendQueue#deferRead}) may go on: issue it. Also
         * called after a close, so that the read side sees it.
         */
        void onReadResumed();
    }

    /** How long a closed connection may take to send its last words before its channel is closed anyway. */
    public static final long LINGER_MS = 1000;

    private static final long LINGER_NS = TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
    private static final long CLOSING = Long.MAX_VALUE;

    static
    {
        // Loaded with the first connection rather than at a close: a close may run while the process is out of
        // descriptors (EMFILE, before this close frees one), when no class file can be opened.
        ServiceCalls.class.getName();
    }

    private final long id;
    private final Closeable channel;
    private final ServerCounters counters;
    private final ConnectionRegistry<QueuedConnection> registry;
    private final Logger log;
    private final Io io;
    private final SendQueue sendQueue;
    private final InboundLimits inboundLimits;
    /** Set once, by the close that wins: the once-guard, so the reason is there before anyone can see a close. */
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    private final AtomicBoolean channelClosed = new AtomicBoolean();
    /** {@link #CLOSING} until the winning close has decided whether to linger, then when the channel closes. */
    private volatile long lingerUntilNs = CLOSING;
    private volatile ConnectionHandler handler;
    private final AtomicBoolean closeNotified = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile boolean peerClosed;
    private volatile boolean draining;
    private final Runnable handlerHousekeeping = this::onHandlerHousekeeping;

    /**
     * @param id the session id.
     * @param channel the connection's channel, closed on close.
     * @param sendQueueBytes the send-queue bound.
     * @param maxFramesPerSecond the frames the peer may send per second; 0 for no limit.
     * @param counters the server's counters.
     * @param registry the server's open connections.
     * @param log the model's logger, for close lines.
     * @param io how to reach the model's I/O.
     */
    public QueuedConnection(
        final long id,
        final Closeable channel,
        final int sendQueueBytes,
        final long maxFramesPerSecond,
        final ServerCounters counters,
        final ConnectionRegistry<QueuedConnection> registry,
        final Logger log,
        final Io io)
    {
        this.id = id;
        this.channel = channel;
        this.counters = counters;
        this.registry = registry;
        this.log = log;
        this.io = io;
        this.sendQueue = new SendQueue(sendQueueBytes, counters);
        this.inboundLimits = new InboundLimits(maxFramesPerSecond);
    }

    /**
     * Count the connection as open and register it.
     */
    public void open()
    {
        counters.onAccepted();
        registry.add(this);
    }

    /**
     * Handle the result of one read: EOF closes ({@link CloseReason#PEER_CLOSED}, or
     * {@link CloseReason#SHUTTING_DOWN} while draining); bytes are counted and, unless draining, handed to the
     * service, which is closed {@link CloseReason#INTERNAL_ERROR} if it throws. On the reading thread.
     *
     * @param handler the service's handler.
     * @param buffer holding the bytes read, from offset 0.
     * @param bytesRead what the read returned.
     */
    public void onRead(final ConnectionHandler handler, final DirectBuffer buffer, final int bytesRead)
    {
        if (bytesRead < 0)
        {
            if (draining)
            {
                close(CloseReason.SHUTTING_DOWN);
            }
            else
            {
                onPeerClosed();
            }
            return;
        }
        counters.onBytesIn(bytesRead);
        // Entering the service under the send queue's lock: a drain that begins while the service runs
        // waits for its replies before it shuts the output.
        if (bytesRead == 0 || !sendQueue.enterService())
        {
            return;
        }
        try
        {
            ServiceCalls.onBytes(log, this, handler, inboundLimits, buffer, bytesRead);
        }
        finally
        {
            if (sendQueue.exitService())
            {
                io.onQueued();
            }
        }
    }

    /**
     * Tell the service the connection closed, once however often it is called. Call where the reading ends.
     *
     * @param handler the service's handler, or null when it was never made.
     */
    public void notifyClosed(final ConnectionHandler handler)
    {
        if (closeNotified.compareAndSet(false, true))
        {
            ServiceCalls.onClose(log, this, handler, closeReason.get());
        }
    }

    /**
     * @return true once the peer has half-closed (EOF): the reading side stops, what is queued is still written,
     * then the output is shut and the connection closed ({@link #onOutputShut()}).
     */
    public boolean isPeerClosed()
    {
        return peerClosed;
    }

    /**
     * The model shut the output after the last queued byte: a connection whose peer had half-closed is done.
     */
    public void onOutputShut()
    {
        if (peerClosed)
        {
            close(CloseReason.PEER_CLOSED);
        }
    }

    /**
     * Block until the connection is closed: a blocking reader's wait once its peer has half-closed.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void awaitClosed() throws InterruptedException
    {
        closedLatch.await();
    }

    /**
     * @return the bounded queue the model writes from.
     */
    public SendQueue sendQueue()
    {
        return sendQueue;
    }

    /**
     * @return true once the channel is closed: at the close, or once the last words are sent (see
     * {@link #close}). The model's reading and writing stop then.
     */
    public boolean isClosed()
    {
        return channelClosed.get();
    }

    /**
     * @return true once draining began.
     */
    public boolean isDraining()
    {
        return draining;
    }

    @Override
    public long id()
    {
        return id;
    }

    @Override
    public int queuedBytes()
    {
        return sendQueue.queuedBytes();
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        return null == closeReason.get() && queued(sendQueue.append(buffer, offset, length));
    }

    @Override
    public boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        return null == closeReason.get() && queued(sendQueue.appendFrame(type, body, bodyOffset, bodyLength));
    }

    @Override
    public boolean sendWithHeader(
        final DirectBuffer header, final int headerLength, final DirectBuffer body, final int bodyOffset,
        final int bodyLength)
    {
        return null == closeReason.get() &&
            queued(sendQueue.appendWithHeader(header, headerLength, body, bodyOffset, bodyLength));
    }

    @Override
    public ServerCounters counters()
    {
        return counters;
    }

    @Override
    public void onTimer(final long nowNs, final long frameTimeoutNs, final long idleTimeoutNs)
    {
        if (null != closeReason.get())
        {
            if (lingerUntilNs != CLOSING && nowNs - lingerUntilNs >= 0)
            {
                closeChannel();
            }
            return;
        }
        final CloseReason expired = inboundLimits.expired(nowNs, frameTimeoutNs, idleTimeoutNs);
        if (null != expired)
        {
            close(expired);
        }
        else if (sendQueue.resumeStalledRead(nowNs))
        {
            io.onReadResumed();
        }
        else
        {
            sendQueue.shrinkIfIdle();
            sendQueue.runOutsideService(handlerHousekeeping);
        }
    }

    /**
     * The server drains: the service's last words (BYE) are already queued, so the handler's words before the
     * FIN (a WebSocket close frame) go behind them now, before the queue may be shut: appended later, by whichever
     * thread writes, another could shut it between the two.
     */
    @Override
    public void beginDrain()
    {
        final UnsafeBuffer words = new UnsafeBuffer(new byte[ConnectionHandler.MAX_LAST_WORDS]); // once, at shutdown
        final int length = ServiceCalls.drainWords(log, this, handler, words);
        if (length > 0)
        {
            sendQueue.append(words, 0, length);
        }
        draining = true;
        sendQueue.beginDrain();
        io.onQueued();
    }

    /**
     * Close once, from any thread: counted and logged at once. For a close the server decided, the service's last
     * words are queued behind what is pending when they fit under the bound; when they were, or bytes were already
     * queued (a KICK the service sent itself), the connection drains as at shutdown (the writer flushes, then
     * half-closes; nothing more reaches the service), and the channel is closed when the reading side ends (the
     * client's EOF) or {@value #LINGER_MS} ms later; the closing thread never waits for the writer. Otherwise, and
     * for any later call, the channel closes now.
     */
    @Override
    public void close(final CloseReason reason)
    {
        if (!closeReason.compareAndSet(null, reason))
        {
            if (lingerUntilNs != CLOSING) // else the winning close is still deciding, and closes the channel itself
            {
                closeChannel();
            }
            return;
        }
        final int queuedBytes = sendQueue.queuedBytes();
        CloseReporting.onClosed(log, counters, this, reason, queuedBytes);
        if (owesLastBytes(reason, queuedBytes))
        {
            draining = true;
            sendQueue.beginDrain();
            io.onQueued();
            lingerUntilNs = System.nanoTime() + LINGER_NS;
            return;
        }
        lingerUntilNs = System.nanoTime();
        closeChannel();
    }

    /**
     * Refuse a connection past the connection limit, on the accepting thread, before it has a thread or a read
     * of its own: closed {@link CloseReason#SERVER_FULL} like any other close (counted once, as accepted then
     * closed), the service's last words written at once to the new, idle socket
     * ({@link CloseReporting#sayLastWordsAtOnce}), then the channel closed. The caller tells the service.
     *
     * @param handler the service's handler, or null when it was never made.
     */
    public void refuse(final ConnectionHandler handler)
    {
        this.handler = handler;
        if (!closeReason.compareAndSet(null, CloseReason.SERVER_FULL))
        {
            closeChannel();
            return;
        }
        CloseReporting.onClosed(log, counters, this, CloseReason.SERVER_FULL, 0);
        CloseReporting.sayLastWordsAtOnce(log, this, handler, CloseReason.SERVER_FULL, channel);
        lingerUntilNs = System.nanoTime();
        closeChannel();
    }

    private void onPeerClosed()
    {
        // a half-close is not an abort: replies to what the peer sent are still owed, like a drain's
        peerClosed = true;
        draining = true;
        sendQueue.beginDrain();
        io.onQueued();
    }

    @Override
    public int localPort()
    {
        return channel instanceof NetworkChannel network ? SocketOptions.localPort(network) : -1;
    }

    @Override
    public String toString()
    {
        return "session-" + id;
    }

    /**
     * The service's handler, once made, so that a close can ask it for last words. The reading side sets it.
     *
     * @param handler the service's handler.
     */
    public void handler(final ConnectionHandler handler)
    {
        this.handler = handler;
    }

    /**
     * For a close the server decided: queue the service's last words behind what is pending, when they fit.
     *
     * @return true when the peer is owed bytes before the channel closes: those words, or a last frame the
     * service queued itself just before closing (the game's KICK, whose words are then already said).
     */
    private boolean owesLastBytes(final CloseReason reason, final int queuedBytes)
    {
        if (!reason.isServerDecided())
        {
            return false;
        }
        final UnsafeBuffer words = new UnsafeBuffer(new byte[ConnectionHandler.MAX_LAST_WORDS]); // a close is rare
        final int length = ServiceCalls.lastWords(log, this, handler, reason, words);
        return (length > 0 && sendQueue.append(words, 0, length)) || queuedBytes > 0;
    }

    private void onHandlerHousekeeping()
    {
        ServiceCalls.onHousekeeping(log, this, handler);
    }

    private void closeChannel()
    {
        if (!channelClosed.compareAndSet(false, true))
        {
            return;
        }
        final boolean readDeferred = sendQueue.close();
        registry.remove(this);
        CloseHelper.quietClose(channel);
        closedLatch.countDown();
        if (readDeferred || peerClosed)
        {
            io.onReadResumed(); // the read side, waiting for this close, ends and tells the service
        }
    }

    private boolean queued(final boolean appended)
    {
        if (appended)
        {
            io.onQueued();
        }
        else
        {
            CloseReporting.cutOff(log, this, sendQueue.isOutOfMemory());
        }
        return appended;
    }
}
