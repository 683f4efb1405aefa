package io.tickloop.server.selector;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.Closes;
import io.tickloop.server.transport.ServerThreads;
import io.tickloop.server.transport.SocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code selector} model: one {@link SelectorLoop} on one thread accepts, reads, writes and keeps time
 * for every connection.
 */
public final class SelectorServer implements Server
{
    private static final Logger LOG = LoggerFactory.getLogger(SelectorServer.class);

    /** The loop thread's name. */
    public static final String THREAD_NAME = "tickloop-selector";

    private final ServerConfig config;
    private final Service service;
    private final ServerCounters counters = new ServerCounters();
    private ServerSocketChannel acceptor;
    private SelectorLoop loop;
    private Thread thread;

    /**
     * @param config the validated configuration.
     * @param service the service to run.
     */
    public SelectorServer(final ServerConfig config, final Service service)
    {
        this.config = config;
        this.service = service;
    }

    @Override
    public void start() throws IOException
    {
        acceptor = ServerSocketChannel.open();
        try
        {
            SocketOptions.bindListening(acceptor, config.bindAddress(), config.backlog());
            loop = new SelectorLoop(config, service, counters, new AtomicLong(), acceptor);
            loop.agent(service.loopAgent());
        }
        catch (final IOException | RuntimeException ex)
        {
            acceptor.close();
            throw ex;
        }
        thread = new Thread(loop::run, THREAD_NAME);
        thread.start();
    }

    @Override
    public InetSocketAddress localAddress()
    {
        return ServerThreads.localAddress(acceptor);
    }

    @Override
    public MetricsSnapshot metrics()
    {
        return counters.snapshot(ServerThreads.alive(thread));
    }

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
