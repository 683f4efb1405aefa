package io.tickloop.server.transport;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Service;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * A server whose every connection lives on one loop thread that also accepts: the {@code selector} and
 * {@code polling} models. It binds the listening channel, hands it to the model's loop, runs the loop on a
 * thread of its own, and on close lets the service say its last words, asks the loop to drain, and joins it.
 */
public final class SingleLoopServer implements Server
{
    private static final Logger LOG = LoggerFactory.getLogger(SingleLoopServer.class);

    /** A model's loop: run on its own thread, drains and returns once asked to shut down. */
    public interface Loop extends Runnable
    {
        /**
         * Stop accepting, flush, close; {@link #run()} returns when done. Any thread; returns at once.
         */
        void requestShutdown();
    }

    /** Makes a model's loop around a bound listening channel. */
    @FunctionalInterface
    public interface LoopFactory
    {
        /**
         * @param listener the bound, listening channel the loop accepts on.
         * @param counters where the loop counts.
         * @return the loop, not yet running.
         * @throws IOException when it cannot be made (for example no Selector can be opened).
         */
        Loop create(ServerSocketChannel listener, ServerCounters counters) throws IOException;
    }

    private final ServerConfig config;
    private final Service service;
    private final String threadName;
    private final LoopFactory loopFactory;
    private final ServerCounters counters = new ServerCounters();
    private ServerSocketChannel listener;
    private Loop loop;
    private Thread thread;
    private boolean closed;

    /**
     * @param config the validated configuration.
     * @param service the service to run.
     * @param threadName the loop thread's name.
     * @param loopFactory makes the model's loop.
     */
    public SingleLoopServer(
        final ServerConfig config, final Service service, final String threadName, final LoopFactory loopFactory)
    {
        this.config = config;
        this.service = service;
        this.threadName = threadName;
        this.loopFactory = loopFactory;
    }

    @Override
    public void start() throws IOException
    {
        listener = ServerSocketChannel.open();
        try
        {
            SocketOptions.bindListening(listener, config.bindAddress(), config.backlog());
            loop = loopFactory.create(listener, counters);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(listener);
            throw ex;
        }
        thread = new Thread(loop, threadName);
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

    @Override
    public void close()
    {
        if (closed || null == thread)
        {
            return;
        }
        closed = true;
        Closes.beforeDrain(LOG, service);
        loop.requestShutdown();
        ServerThreads.joinUninterruptibly(thread);
    }
}
