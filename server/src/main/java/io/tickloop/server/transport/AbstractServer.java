package io.tickloop.server.transport;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * The lifecycle every model's server shares, written once: start the service where the model runs its timed
 * work, bind, start the model's threads; report the address, the counters and the live threads; close once, in
 * order: stop accepting, the service's last words, the model's drain, then the service's own threads. A subclass holds only
 * what makes its model: how it serves ({@link #serve}), which threads it runs ({@link #threadsAlive}) and how
 * it drains ({@link #drainAndStop}).
 */
public abstract class AbstractServer implements Server
{
    private static final Logger LOG = LoggerFactory.getLogger(AbstractServer.class);

    /** The server's configuration. */
    protected final ServerConfig config;
    /** The service every connection runs. */
    protected final Service service;
    /** Where every thread of the server counts. */
    protected final ServerCounters counters = new ServerCounters();

    private final Service.Threading threading;
    private NetworkChannel listener;
    private boolean started;
    private boolean closed;

    /**
     * @param config the server's configuration.
     * @param service the service to run; the server starts and closes it.
     * @param threading where the model runs the service's timed work.
     */
    protected AbstractServer(final ServerConfig config, final Service service, final Service.Threading threading)
    {
        this.config = config;
        this.service = service;
        this.threading = threading;
    }

    @Override
    public final void start() throws IOException
    {
        if (started)
        {
            throw new IllegalStateException("the server is already started");
        }
        final LoopAgent agent = service.start(threading);
        try
        {
            listener = serve(agent);
        }
        catch (final IOException | RuntimeException ex)
        {
            service.close();
            throw ex;
        }
        started = true;
    }

    @Override
    public final InetSocketAddress localAddress()
    {
        return ServerThreads.localAddress(listener);
    }

    @Override
    public final MetricsSnapshot metrics()
    {
        return counters.snapshot(started ? threadsAlive() : 0);
    }

    @Override
    public final void close()
    {
        if (closed || !started)
        {
            return;
        }
        closed = true;
        stopAccepting();
        try
        {
            service.onDrain();
        }
        catch (final RuntimeException ex)
        {
            LOG.error("the service failed before the drain", ex);
        }
        try
        {
            drainAndStop();
        }
        finally
        {
            service.close();
        }
    }

    /**
     * Bind a listening channel: the blocking kind most models accept on.
     *
     * @return the bound channel.
     * @throws IOException when the address cannot be bound; the channel is closed.
     */
    protected final ServerSocketChannel bindListener() throws IOException
    {
        final ServerSocketChannel channel = ServerSocketChannel.open();
        try
        {
            SocketOptions.bindListening(channel, config.bindAddress(), config.backlog());
            return channel;
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex;
        }
    }

    /**
     * Bind and start the model's threads. On failure, close whatever was made before throwing.
     *
     * @param agent the service's work for a loop thread, when the model asked for {@link Service.Threading#LOOP_THREAD}.
     * @return the bound listening channel.
     * @throws IOException when the address cannot be bound.
     */
    protected abstract NetworkChannel serve(LoopAgent agent) throws IOException;

    /**
     * @return how many of the model's threads are alive.
     */
    protected abstract int threadsAlive();

    /**
     * Close the listening channel, so that a client connecting from now on is refused: called before the
     * service's last words, which no connection accepted later would hear. {@link #drainAndStop()} may do it
     * again. Called once, from {@link #close()}.
     */
    protected abstract void stopAccepting();

    /**
     * Stop accepting, drain every connection within the shutdown timeout, close what is left and join every
     * thread the model started. Called once, from {@link #close()}.
     */
    protected abstract void drainAndStop();
}
