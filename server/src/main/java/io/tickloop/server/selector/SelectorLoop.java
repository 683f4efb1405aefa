package io.tickloop.server.selector;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.ConnectionLoop;
import io.tickloop.server.transport.LoopSession;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.nio.channels.SelectionKey.OP_ACCEPT;
import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;

/**
 * A {@link ConnectionLoop} whose readiness comes from one Selector, which this loop's thread owns with every
 * key on it. It sleeps in {@code select} until a channel is ready or the loop's next timer is due, and handles
 * ready keys through a consumer held in a field (no garbage). A write that leaves bytes behind sets OP_WRITE,
 * cleared once drained. Other threads reach it through {@link #handOff}, {@link #execute} and
 * {@link #requestShutdown}, which queue and wake it with a guarded {@code wakeup()}.
 */
public final class SelectorLoop extends ConnectionLoop
{
    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);
    private static final int MAX_ACCEPTS_PER_TURN = 256;
    /** A listener's key carries this attachment, where a connection's carries its session. */
    private static final Object LISTENER = new Object();

    private final Selector selector;
    private final List<SelectionKey> acceptKeys = new ArrayList<>();
    private final LoopAgent agent;
    private final SelectionKey agentKey;
    private final ManyToOneConcurrentLinkedQueue<SocketChannel> handOffs = new ManyToOneConcurrentLinkedQueue<>();
    private final ManyToOneConcurrentLinkedQueue<SocketChannel> fullHandOffs = new ManyToOneConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Object handOffLock = new Object();
    private boolean refusingHandOffs;
    private final Consumer<SelectionKey> onReadyKey = this::onReadyKey;

    /**
     * @param config the server's configuration.
     * @param service the service every connection runs.
     * @param counters where the loop counts.
     * @param sessionIds source of session ids, shared by every loop of a server.
     * @param listeners the bound listening channels this loop accepts on, none when channels arrive by hand-off.
     * @param agent work to run on this loop's thread on a schedule (the game's world), or null.
     * @throws IOException when the Selector cannot be opened.
     */
    public SelectorLoop(
        final ServerConfig config,
        final Service service,
        final ServerCounters counters,
        final AtomicLong sessionIds,
        final List<ServerSocketChannel> listeners,
        final LoopAgent agent) throws IOException
    {
        super(config, service, counters, sessionIds, listeners, agent, MAX_ACCEPTS_PER_TURN);
        selector = Selector.open();
        this.agent = agent;
        try
        {
            for (final ServerSocketChannel listener : listeners)
            {
                acceptKeys.add(listener.register(selector, OP_ACCEPT, LISTENER));
            }
            final SelectableChannel agentChannel = null == agent ? null : agent.channel();
            agentKey = null == agentChannel ? null : agentChannel.register(selector, OP_READ);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(selector);
            throw ex;
        }
    }

    /**
     * Hand an accepted channel to this loop; it is registered on the loop's own thread. Any thread. The acceptor
     * has already counted it as accepted ({@link ServerCounters#onAccepted()}), so that the connection limit it
     * applies is exact even while hand-offs wait in the queue.
     * <p>
     * A loop that has stopped (shut down, or died of an error) refuses, so that no connection waits forever in
     * a queue nobody reads: the caller gives it to another loop. One lock per accept, never per message.
     *
     * @param channel an accepted connection, counted.
     * @param full true when it is past the connection limit: the loop opens it and closes it as SERVER_FULL.
     * @return false when the loop has stopped and the channel is still the caller's.
     */
    public boolean handOff(final SocketChannel channel, final boolean full)
    {
        synchronized (handOffLock)
        {
            if (refusingHandOffs)
            {
                return false;
            }
            (full ? fullHandOffs : handOffs).offer(channel);
        }
        wakeUp();
        return true;
    }

    @Override
    protected int pollIo(final boolean mayWait, final long deadlineNs)
    {
        int workCount;
        try
        {
            if (mayWait && handOffs.isEmpty() && fullHandOffs.isEmpty())
            {
                final long timeoutMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime() + 999_999);
                workCount = selector.select(onReadyKey, Math.max(1, timeoutMs));
            }
            else
            {
                workCount = selector.selectNow(onReadyKey);
            }
        }
        catch (final IOException ex)
        {
            LOG.error("select failed", ex);
            workCount = 0;
        }
        wakeupPending.set(false);
        SocketChannel channel;
        while (null != (channel = handOffs.poll()))
        {
            register(channel, true, false);
            workCount++;
        }
        while (null != (channel = fullHandOffs.poll()))
        {
            register(channel, true, true);
            workCount++;
        }
        if (0 == workCount && mayWait)
        {
            counters().onEmptyPoll(); // a timer, a stray wake-up, or (if it climbs) a spin
        }
        return workCount;
    }

    @Override
    protected void onRegistered(final LoopSession session) throws IOException
    {
        session.key(session.channel().register(selector, OP_READ, session));
    }

    @Override
    protected void onOutboundPending(final LoopSession session, final boolean pending)
    {
        final SelectionKey key = session.key();
        if (pending != ((key.interestOps() & OP_WRITE) != 0))
        {
            if (pending)
            {
                key.interestOpsOr(OP_WRITE);
            }
            else
            {
                key.interestOpsAnd(~OP_WRITE);
            }
        }
    }

    @Override
    protected void onInputShut(final LoopSession session)
    {
        session.key().interestOpsAnd(~OP_READ);
    }

    @Override
    protected void onAcceptPaused(final boolean paused)
    {
        for (final SelectionKey acceptKey : acceptKeys)
        {
            if (acceptKey.isValid())
            {
                acceptKey.interestOps(paused ? 0 : OP_ACCEPT);
            }
        }
    }

    /**
     * A channel registered with a Selector is really closed (its port stops listening) only once its cancelled key
     * is deregistered, at the next selection: select now, or a client could still connect until the next turn.
     */
    @Override
    protected void onAcceptorClosed()
    {
        try
        {
            selector.selectNow(onReadyKey);
        }
        catch (final IOException ex)
        {
            LOG.error("select failed", ex);
        }
    }

    @Override
    protected void wakeUp()
    {
        if (!wakeupPending.getAndSet(true))
        {
            selector.wakeup();
        }
    }

    @Override
    protected void onStopped()
    {
        synchronized (handOffLock)
        {
            refusingHandOffs = true;
        }
        closeHandOffs(handOffs);
        closeHandOffs(fullHandOffs);
        CloseHelper.quietClose(selector);
    }

    private void closeHandOffs(final ManyToOneConcurrentLinkedQueue<SocketChannel> queue)
    {
        SocketChannel channel;
        while (null != (channel = queue.poll()))
        {
            CloseHelper.quietClose(channel);
            counters().onClosed(CloseReason.SHUTTING_DOWN);
        }
    }

    private void onReadyKey(final SelectionKey key)
    {
        if (key.attachment() == LISTENER)
        {
            acceptSome();
            return;
        }
        if (key == agentKey)
        {
            agent.onChannelReadable(System.nanoTime());
            return;
        }
        final LoopSession session = (LoopSession)key.attachment();
        if (session.isClosed())
        {
            // closed earlier in this batch by a service cutting it off: the key is cancelled and readyOps() would
            // throw. JDK 25 skips such keys itself; Selector's contract does not promise it.
            return;
        }
        try
        {
            final int readyOps = key.readyOps();
            if ((readyOps & OP_WRITE) != 0)
            {
                flush(session);
            }
            if ((readyOps & OP_READ) != 0)
            {
                readSome(session);
            }
        }
        catch (final RuntimeException ex)
        {
            // services are guarded in ServiceCalls; this is the loop's own last line: one connection, not the loop
            LOG.error("{}: failed on a ready key", session, ex);
            session.close(CloseReason.INTERNAL_ERROR);
        }
    }
}
