package io.tickloop.server.async;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.AbstractServer;
import io.tickloop.server.transport.CloseReporting;
import io.tickloop.server.transport.ConnectionRegistry;
import io.tickloop.server.transport.Housekeeping;
import io.tickloop.server.transport.InboundLimits;
import io.tickloop.server.transport.QueuedConnection;
import io.tickloop.server.transport.ServerThreads;
import io.tickloop.server.transport.SocketOptions;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code async} model: NIO.2 {@link AsynchronousServerSocketChannel} on a fixed pool of
 * {@link ServerConfig#threads()} threads ({@code tickloop-async-<n>}) that wait for completions and run the
 * handlers: one accept outstanding per listening channel, re-issued from its completion; per connection see
 * {@link AsyncSession}.
 */
public final class AsyncServer extends AbstractServer
{
    /** The channel group threads' name prefix. */
    public static final String THREAD_PREFIX = "tickloop-async-";

    private static final Logger LOG = LoggerFactory.getLogger(AsyncServer.class);
    private static final long ACCEPT_PAUSE_MS = 100;

    private final ConnectionRegistry<QueuedConnection> registry = new ConnectionRegistry<>();
    private final List<Thread> groupThreads = new CopyOnWriteArrayList<>();
    private final AcceptCompletion onAccept = new AcceptCompletion();
    private final ReentrantLock acceptLock = new ReentrantLock();
    private long lastSessionId;
    private boolean stopping;
    private AsynchronousChannelGroup group;
    private final List<AsynchronousServerSocketChannel> listeners = new ArrayList<>();
    private Housekeeping housekeeping;

    /**
     * @param config the server's configuration.
     * @param service the service to run.
     */
    public AsyncServer(final ServerConfig config, final Service service)
    {
        super(config, service, Service.Threading.OWN_THREAD);
    }

    @Override
    protected NetworkChannel serve(final LoopAgent agent) throws IOException
    {
        group = AsynchronousChannelGroup.withFixedThreadPool(config.threads(), task ->
        {
            final Thread thread = new Thread(task, THREAD_PREFIX + groupThreads.size());
            groupThreads.add(thread);
            return thread;
        });
        try
        {
            listeners.add(bindListener(config.bindAddress()));
            if (config.webSocketPort() >= 0)
            {
                listeners.add(onWebSocketBound(bindListener(webSocketBindAddress())));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietCloseAll(listeners);
            group.shutdownNow();
            throw ex;
        }
        final long frameTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.frameTimeoutMs());
        final long idleTimeoutNs = InboundLimits.idleTimeoutNs(config, service);
        housekeeping = new Housekeeping(() -> registry.onTimer(System.nanoTime(), frameTimeoutNs, idleTimeoutNs));
        listeners.forEach(this::accept);
        return listeners.get(0);
    }

    @Override
    protected int threadsAlive()
    {
        return (housekeeping.isRunning() ? 1 : 0) + ServerThreads.alive(groupThreads.toArray(new Thread[0]));
    }

    /**
     * Stop accepting (close the listener under the accept lock, so no connection is registered after); drain
     * every connection (flush, half-close, wait for the client's EOF) within the shutdown timeout and close
     * what is left; shut the channel group down and join its threads, then the housekeeping thread.
     */
    @Override
    protected void stopAccepting()
    {
        acceptLock.lock();
        try
        {
            stopping = true;
            CloseHelper.quietCloseAll(listeners);
        }
        finally
        {
            acceptLock.unlock();
        }
    }

    @Override
    protected void drainAndStop()
    {
        stopAccepting();
        registry.drain(config.shutdownTimeoutMs());
        group.shutdown();
        try
        {
            while (!group.awaitTermination(1, TimeUnit.SECONDS))
            {
                LOG.warn("waiting for completion handlers to return");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        ServerThreads.joinUninterruptibly(groupThreads.toArray(new Thread[0]));
        housekeeping.close();
    }

    private AsynchronousServerSocketChannel bindListener(final InetSocketAddress address) throws IOException
    {
        final AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group);
        try
        {
            SocketOptions.bindListening(listener, address, config.backlog());
            return listener;
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(listener);
            throw ex;
        }
    }

    private void accept(final AsynchronousServerSocketChannel listener)
    {
        try
        {
            listener.accept(listener, onAccept);
        }
        catch (final RuntimeException ex)
        {
            LOG.debug("stopped accepting: {}", ex.toString());
        }
    }

    private void onAccepted(final AsynchronousSocketChannel channel, final AsynchronousServerSocketChannel listener)
    {
        final AsyncSession session;
        try
        {
            session = register(channel);
        }
        finally
        {
            accept(listener); // whatever registering threw, the next accept is issued: one failure never stops accepting
        }
        if (null != session)
        {
            session.start(service);
        }
    }

    private AsyncSession register(final AsynchronousSocketChannel channel)
    {
        acceptLock.lock();
        try
        {
            if (stopping)
            {
                CloseHelper.quietClose(channel);
                return null;
            }
            final boolean full = CloseReporting.isFull(LOG, config, counters);
            SocketOptions.configureAccepted(channel);
            final AsyncSession session = new AsyncSession(++lastSessionId, channel, config.sendQueueBytes(),
                config.maxFramesPerSecond(), counters, registry, full);
            session.open();
            return session;
        }
        catch (final IOException ex)
        {
            LOG.debug("could not configure an accepted connection: {}", ex.toString());
            CloseHelper.quietClose(channel);
            return null;
        }
        catch (final RuntimeException ex)
        {
            LOG.error("could not register an accepted connection", ex); // a bug: it costs this connection only
            CloseHelper.quietClose(channel);
            return null;
        }
        finally
        {
            acceptLock.unlock();
        }
    }

    private void onAcceptFailed(final Throwable ex, final AsynchronousServerSocketChannel listener)
    {
        if (!listener.isOpen())
        {
            return;
        }
        counters.onAcceptFailed();
        LOG.warn("accept failed, pausing accepts for {} ms: {}", ACCEPT_PAUSE_MS, ex.toString());
        housekeeping.schedule(() -> accept(listener), ACCEPT_PAUSE_MS);
    }

    /** One for every listener: the attachment says which one completed. */
    private final class AcceptCompletion
        implements CompletionHandler<AsynchronousSocketChannel, AsynchronousServerSocketChannel>
    {
        @Override
        public void completed(final AsynchronousSocketChannel channel, final AsynchronousServerSocketChannel listener)
        {
            onAccepted(channel, listener);
        }

        @Override
        public void failed(final Throwable ex, final AsynchronousServerSocketChannel listener)
        {
            onAcceptFailed(ex, listener);
        }
    }
}
