package io.tickloop.server.transport;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.gateway.WebSocketGateway;
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
import java.util.List;

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
    /**
     * The service every connection runs: the one configured, or with a WebSocket port the gateway in front of it,
     * which serves the connections that arrive on that port and hands the others straight to it.
     */
    protected final Service service;
    /** Where every thread of the server counts. */
    protected final ServerCounters counters = new ServerCounters();

    private final Service.Threading threading;
    private final WebSocketGateway gateway;
    private NetworkChannel listener;
    private InetSocketAddress webSocketAddress;
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
        this.gateway = config.webSocketPort() < 0 ? null : new WebSocketGateway(service, config);
        this.service = null == gateway ? service : gateway;
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
    public final InetSocketAddress webSocketAddress()
    {
        return webSocketAddress;
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
     * Bind the listening channels, the blocking kind most models accept on: the service's port, then the WebSocket
     * port when there is one. A model accepts on each alike: which service a connection runs is decided by the port
     * it arrived on ({@link WebSocketGateway}).
     *
     * @return the bound channels, the service's first.
     * @throws IOException when an address cannot be bound; every channel is closed.
     */
    protected final List<ServerSocketChannel> bindListeners() throws IOException
    {
        final ServerSocketChannel main = bindListener(config.bindAddress());
        if (null == gateway)
        {
            return List.of(main);
        }
        try
        {
            return List.of(main, onWebSocketBound(bindListener(webSocketBindAddress())));
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(main);
            throw ex;
        }
    }

    /**
     * @return where the WebSocket port is to be bound, for a model that binds its own kind of channel; only when
     * {@link ServerConfig#webSocketPort()} is set.
     */
    protected final InetSocketAddress webSocketBindAddress()
    {
        return new InetSocketAddress(config.bindHost(), config.webSocketPort());
    }

    /**
     * The WebSocket listener is bound: from now on connections arriving on its port are the gateway's.
     *
     * @param channel the bound channel.
     * @param <C> its kind.
     * @return the channel.
     */
    protected final <C extends NetworkChannel> C onWebSocketBound(final C channel)
    {
        webSocketAddress = ServerThreads.localAddress(channel);
        gateway.listenOn(webSocketAddress.getPort());
        return channel;
    }

    private ServerSocketChannel bindListener(final InetSocketAddress address) throws IOException
    {
        final ServerSocketChannel channel = ServerSocketChannel.open();
        try
        {
            SocketOptions.bindListening(channel, address, config.backlog());
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
