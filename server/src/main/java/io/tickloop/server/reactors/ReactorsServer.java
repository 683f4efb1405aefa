package io.tickloop.server.reactors;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.selector.SelectorLoop;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.AbstractServer;
import io.tickloop.server.transport.BlockingAcceptor;
import io.tickloop.server.transport.ServerThreads;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code reactors} model: one acceptor thread blocks in {@code accept()} and hands each connection,
 * round-robin, to one of N {@link SelectorLoop}s, each on its own thread; a connection stays on its loop for
 * life. Session ids come from one counter shared by the loops, so they are unique across the server. The
 * service's timed work (the game's world) runs on a thread of its own, since no one loop holds every connection.
 */
public final class ReactorsServer extends AbstractServer
{
    /** The loop threads' name prefix; the loop's index follows. */
    public static final String LOOP_THREAD_PREFIX = "tickloop-reactor-";

    private static final Logger LOG = LoggerFactory.getLogger(ReactorsServer.class);

    private final AtomicLong sessionIds = new AtomicLong();
    private BlockingAcceptor acceptor;
    private SelectorLoop[] loops;
    private Thread[] loopThreads;
    private int nextLoop;

    /**
     * @param config the server's configuration; {@link ServerConfig#reactors()} loops are started.
     * @param service the service to run.
     */
    public ReactorsServer(final ServerConfig config, final Service service)
    {
        super(config, service, Service.Threading.OWN_THREAD);
    }

    @Override
    protected NetworkChannel serve(final LoopAgent agent) throws IOException
    {
        final List<ServerSocketChannel> listeners = bindListeners();
        loops = new SelectorLoop[config.reactors()];
        loopThreads = new Thread[loops.length];
        boolean serving = false;
        try
        {
            for (int i = 0; i < loops.length; i++)
            {
                loops[i] = new SelectorLoop(config, service, counters, sessionIds, List.of(), null);
            }
            for (int i = 0; i < loops.length; i++)
            {
                loopThreads[i] = new Thread(loops[i], LOOP_THREAD_PREFIX + i);
                loopThreads[i].start();
            }
            acceptor = new BlockingAcceptor(listeners, config, counters, this::onAccepted);
            serving = true;
            return listeners.get(0);
        }
        finally
        {
            if (!serving)
            {
                stopLoops();
                CloseHelper.quietCloseAll(listeners);
            }
        }
    }

    @Override
    protected int threadsAlive()
    {
        return acceptor.running() + ServerThreads.alive(loopThreads);
    }

    /**
     * Stop the acceptor first, so no loop is handed a connection after it began draining; then ask every loop
     * to drain (each flushes, half-closes and closes within the shutdown timeout) and join them all.
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
        stopLoops();
    }

    private void stopLoops()
    {
        for (int i = 0; i < loops.length; i++)
        {
            if (null == loopThreads[i])
            {
                CloseHelper.quietClose(loops[i]); // made, never run
            }
            else
            {
                loops[i].requestShutdown();
            }
        }
        ServerThreads.joinUninterruptibly(loopThreads);
    }

    private void onAccepted(final SocketChannel channel, final boolean full)
    {
        // Counted here, under the acceptor's lock, so that the limit check sees every admitted connection.
        counters.onAccepted();
        // round-robin over the loops still running: one that died of an error refuses and the next is asked
        for (int tries = 0; tries < loops.length; tries++)
        {
            final SelectorLoop loop = loops[nextLoop];
            nextLoop = nextLoop + 1 == loops.length ? 0 : nextLoop + 1;
            if (loop.handOff(channel, full))
            {
                return;
            }
        }
        LOG.error("no reactor loop is running, closing an accepted connection");
        CloseHelper.quietClose(channel);
        counters.onClosed(CloseReason.INTERNAL_ERROR);
    }
}
