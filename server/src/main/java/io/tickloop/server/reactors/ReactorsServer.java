package io.tickloop.server.reactors;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.selector.SelectorLoop;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.BlockingAcceptor;
import io.tickloop.server.transport.Closes;
import io.tickloop.server.transport.ServerThreads;
import io.tickloop.server.transport.SocketOptions;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code reactors} model: one acceptor thread blocks in {@code accept()} and hands each connection,
 * round-robin, to one of N {@link SelectorLoop}s, each on its own thread; a connection stays on its loop for
 * life. Session ids come from one counter shared by the loops, so they are unique across the server.
 */
public final class ReactorsServer implements Server
{
    private static final Logger LOG = LoggerFactory.getLogger(ReactorsServer.class);

    /** The loop threads' name prefix; the loop's index follows. */
    public static final String LOOP_THREAD_PREFIX = "tickloop-reactor-";

    private final ServerConfig config;
    private final Service service;
    private final ServerCounters counters = new ServerCounters();
    private final AtomicLong sessionIds = new AtomicLong();
    private ServerSocketChannel listener;
    private BlockingAcceptor acceptor;
    private Thread acceptorThread;
    private SelectorLoop[] loops;
    private Thread[] loopThreads;
    private int nextLoop;
    private boolean closed;

    /**
     * @param config the validated configuration; {@link ServerConfig#reactors()} loops are started.
     * @param service the service to run.
     */
    public ReactorsServer(final ServerConfig config, final Service service)
    {
        this.config = config;
        this.service = service;
    }

    @Override
    public void start() throws IOException
    {
        listener = ServerSocketChannel.open();
        loops = new SelectorLoop[config.reactors()];
        try
        {
            SocketOptions.bindListening(listener, config.bindAddress(), config.backlog());
            for (int i = 0; i < loops.length; i++)
            {
                loops[i] = new SelectorLoop(config, service, counters, sessionIds, null);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(listener);
            throw ex;
        }
        loopThreads = new Thread[loops.length];
        for (int i = 0; i < loops.length; i++)
        {
            loopThreads[i] = new Thread(loops[i]::run, LOOP_THREAD_PREFIX + i);
            loopThreads[i].start();
        }
        acceptor = new BlockingAcceptor(listener, config, counters, this::onAccepted);
        acceptorThread = new Thread(acceptor, BlockingAcceptor.THREAD_NAME);
        acceptorThread.start();
    }

    @Override
    public InetSocketAddress localAddress()
    {
        return ServerThreads.localAddress(listener);
    }

    @Override
    public MetricsSnapshot metrics()
    {
        return counters.snapshot(
            ServerThreads.alive(acceptorThread) + (null == loopThreads ? 0 : ServerThreads.alive(loopThreads)));
    }

    /**
     * Stop the acceptor first, so no loop is handed a connection after it began draining; then ask every loop
     * to drain (each flushes, half-closes and closes within the shutdown timeout) and join them all.
     */
    @Override
    public void close()
    {
        if (closed || null == acceptorThread)
        {
            return;
        }
        Closes.beforeDrain(LOG, service);
        closed = true;
        acceptor.close();
        ServerThreads.joinUninterruptibly(acceptorThread);
        for (final SelectorLoop loop : loops)
        {
            loop.requestShutdown();
        }
        ServerThreads.joinUninterruptibly(loopThreads);
    }

    private void onAccepted(final SocketChannel channel)
    {
        final SelectorLoop loop = loops[nextLoop];
        nextLoop = nextLoop + 1 == loops.length ? 0 : nextLoop + 1;
        // Counted here, on the one acceptor thread, so that the limit check sees every admitted connection.
        counters.onAccepted();
        loop.handOff(channel);
    }
}
