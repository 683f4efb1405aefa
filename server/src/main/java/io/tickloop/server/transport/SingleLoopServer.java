package io.tickloop.server.transport;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * A server whose every connection lives on one {@link ConnectionLoop} that also accepts: the {@code selector}
 * and {@code polling} models. It hands the bound listening channels to the model's loop, runs the loop on a
 * thread of its own, and on close asks the loop to drain and joins it.
 */
public final class SingleLoopServer extends AbstractServer
{
    /** Makes a model's loop around a bound listening channel. */
    @FunctionalInterface
    public interface LoopFactory
    {
        /**
         * @param service the service every connection runs (with a WebSocket port, the gateway in front of it).
         * @param listeners the bound, listening channels the loop accepts on.
         * @param counters where the loop counts.
         * @param agent the service's work for the loop's thread, or null.
         * @return the loop, not yet running.
         * @throws IOException when it cannot be made (for example no Selector can be opened).
         */
        ConnectionLoop create(Service service, List<ServerSocketChannel> listeners, ServerCounters counters, LoopAgent agent)
            throws IOException;
    }

    private final String threadName;
    private final LoopFactory loopFactory;
    private ConnectionLoop loop;
    private Thread thread;

    /**
     * @param config the server's configuration.
     * @param service the service to run.
     * @param threading where the service's timed work runs: on the loop ({@code selector}) or its own thread.
     * @param threadName the loop thread's name.
     * @param loopFactory makes the model's loop.
     */
    public SingleLoopServer(
        final ServerConfig config,
        final Service service,
        final Service.Threading threading,
        final String threadName,
        final LoopFactory loopFactory)
    {
        super(config, service, threading);
        this.threadName = threadName;
        this.loopFactory = loopFactory;
    }

    @Override
    protected NetworkChannel serve(final LoopAgent agent) throws IOException
    {
        final List<ServerSocketChannel> listeners = bindListeners();
        try
        {
            loop = loopFactory.create(service, listeners, counters, agent);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietCloseAll(listeners);
            throw ex;
        }
        thread = new Thread(loop, threadName);
        thread.start();
        return listeners.get(0);
    }

    @Override
    protected int threadsAlive()
    {
        return ServerThreads.alive(thread);
    }

    @Override
    protected void stopAccepting()
    {
        loop.stopAccepting(config.shutdownTimeoutMs());
    }

    @Override
    protected void drainAndStop()
    {
        loop.requestShutdown();
        ServerThreads.joinUninterruptibly(thread);
    }
}
