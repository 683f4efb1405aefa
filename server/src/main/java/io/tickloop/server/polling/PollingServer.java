package io.tickloop.server.polling;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.Closes;
import io.tickloop.server.transport.ServerThreads;
import io.tickloop.server.transport.SocketOptions;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The {@code polling} model: one thread spins over non-blocking channels with no Selector; see
 * {@link PollingLoop}.
 */
public final class PollingServer implements Server
{
    private static final Logger LOG = LoggerFactory.getLogger(PollingServer.class);

    /** The loop thread's name. */
    public static final String THREAD_NAME = "tickloop-polling";

    private final ServerConfig config;
    private final Service service;
    private final ServerCounters counters = new ServerCounters();
    private ServerSocketChannel listener;
    private PollingLoop loop;
    private Thread thread;

    /**
     * @param config the validated configuration.
     * @param service the service to run.
     */
    public PollingServer(final ServerConfig config, final Service service)
    {
        this.config = config;
        this.service = service;
    }

    @Override
    public void start() throws IOException
    {
        listener = ServerSocketChannel.open();
        try
        {
            SocketOptions.bindListening(listener, config.bindAddress(), config.backlog());
            loop = new PollingLoop(config, service, counters, listener);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(listener);
            throw ex;
        }
        thread = new Thread(loop, THREAD_NAME);
        thread.start();
    }

    @Override
    public InetSocketAddress localAddress()
    {
        return ServerThreads.localAddress(listener);
    }

    @Override
    public MetricsSnapshot metrics()
    {
        return counters.snapshot(ServerThreads.alive(thread));
    }

    /**
     * Ask the loop to drain (it stops accepting, flushes, half-closes, waits for EOFs until the shutdown
     * timeout, closes the rest) and join its thread.
     */
    @Override
    public void close()
    {
        if (null == thread)
        {
            return;
        }
        Closes.beforeDrain(LOG, service);
        loop.requestShutdown();
        ServerThreads.joinUninterruptibly(thread);
    }
}
