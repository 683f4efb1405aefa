package io.tickloop.server.blocking;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.AbstractServer;
import io.tickloop.server.transport.BlockingAcceptor;
import io.tickloop.server.transport.ConnectionRegistry;
import io.tickloop.server.transport.Housekeeping;
import io.tickloop.server.transport.InboundLimits;
import io.tickloop.server.transport.QueuedConnection;
import io.tickloop.server.transport.SocketOptions;
import io.tickloop.server.transport.ThreadTracker;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The {@code blocking} and {@code virtual} models, one class: blocking sockets, a thread per client (a reader
 * and a writer, see {@link BlockingConnection}), made by a {@link ThreadFactory} of platform threads or of
 * virtual threads. A platform acceptor thread blocks in {@code accept()}; a housekeeping thread closes
 * connections stuck mid-frame. The connection limit bounds the threads: past it, clients are refused.
 */
public final class ThreadPerConnectionServer extends AbstractServer
{
    private static final Logger LOG = LoggerFactory.getLogger(ThreadPerConnectionServer.class);

    private final ConnectionRegistry<QueuedConnection> registry = new ConnectionRegistry<>();
    private final ThreadTracker connectionThreads;
    private final ThreadFactory threadFactory;
    private long lastSessionId;
    private BlockingAcceptor acceptor;
    private Housekeeping housekeeping;

    /**
     * @param config the server's configuration.
     * @param service the service to run.
     * @param connectionThreads makes each connection's reader and writer: platform or virtual threads.
     */
    public ThreadPerConnectionServer(
        final ServerConfig config, final Service service, final ThreadFactory connectionThreads)
    {
        super(config, service, Service.Threading.OWN_THREAD);
        this.connectionThreads = new ThreadTracker(connectionThreads);
        this.threadFactory = connectionThreads;
    }

    @Override
    protected NetworkChannel serve(final LoopAgent agent) throws IOException
    {
        createPollersWhileDescriptorsAreLeft();
        final List<ServerSocketChannel> listeners = bindListeners();
        final long frameTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.frameTimeoutMs());
        final long idleTimeoutNs = InboundLimits.idleTimeoutNs(config, service);
        boolean serving = false;
        try
        {
            housekeeping = new Housekeeping(() -> housekeeping(frameTimeoutNs, idleTimeoutNs));
            acceptor = new BlockingAcceptor(listeners, config, counters, this::onAccepted);
            serving = true;
            return listeners.get(0);
        }
        finally
        {
            if (!serving)
            {
                CloseHelper.quietClose(housekeeping);
                CloseHelper.quietCloseAll(listeners);
            }
        }
    }

    /**
     * Under virtual threads, the JDK makes its pollers (epoll descriptors, once per JVM) when the first virtual
     * thread waits on a read, and never retries a failure: were that wait to come while a burst of clients held every
     * descriptor, every virtual thread's I/O would fail for good ({@code NoClassDefFoundError: sun.nio.ch.Poller}).
     * So one virtual thread waits on a pipe before the listener opens.
     */
    private void createPollersWhileDescriptorsAreLeft() throws IOException
    {
        final Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink())
        {
            final Thread reader = threadFactory.newThread(() ->
            {
                try
                {
                    source.read(ByteBuffer.allocate(1));
                }
                catch (final IOException ignore)
                {
                    // the pipe closes below either way
                }
            });
            if (!reader.isVirtual())
            {
                return; // a platform thread blocks in the kernel: no poller
            }
            reader.start();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (reader.getState() != Thread.State.WAITING && System.nanoTime() - deadlineNs < 0)
            {
                Thread.onSpinWait(); // until it waits in the read: parked on a poller
            }
            sink.write(ByteBuffer.wrap(new byte[1]));
            reader.join(TimeUnit.SECONDS.toMillis(1));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected int threadsAlive()
    {
        return acceptor.running() + (housekeeping.isRunning() ? 1 : 0) + connectionThreads.running();
    }

    /**
     * Stop the acceptor and join it; drain every connection (each writer flushes and half-closes, each reader
     * waits for the client's EOF) within the shutdown timeout, close what is left; join every connection
     * thread, then the housekeeping thread.
     */
    @Override
    protected void stopAccepting()
    {
        acceptor.close();
    }

    @Override
    protected void drainAndStop()
    {
        acceptor.close();
        registry.drain(config.shutdownTimeoutMs());
        connectionThreads.joinAll();
        housekeeping.close();
    }

    private void onAccepted(final SocketChannel channel, final boolean full)
    {
        try
        {
            SocketOptions.configureAccepted(channel);
        }
        catch (final IOException ex)
        {
            LOG.debug("could not configure an accepted connection: {}", ex.toString());
            CloseHelper.quietClose(channel);
            return;
        }
        final BlockingConnection connection = new BlockingConnection(
            ++lastSessionId, channel, config.sendQueueBytes(), config.maxFramesPerSecond(), counters, registry);
        if (full)
        {
            connection.refuse(service);
        }
        else
        {
            connection.start(service, connectionThreads);
        }
    }

    private void housekeeping(final long frameTimeoutNs, final long idleTimeoutNs)
    {
        registry.onTimer(System.nanoTime(), frameTimeoutNs, idleTimeoutNs);
        connectionThreads.reap();
    }
}
