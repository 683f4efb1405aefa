package io.tickloop.server.selector;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.SingleLoopServer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code selector} model: one {@link SelectorLoop} on one thread accepts, reads, writes and keeps time for
 * every connection; the service's timed work (the game's world) runs on that thread too.
 */
public final class SelectorServer
{
    /** The loop thread's name. */
    public static final String THREAD_NAME = "tickloop-selector";

    private SelectorServer()
    {
    }

    /**
     * @param config the server's configuration.
     * @param service the service to run.
     * @return the server, not yet started.
     */
    public static Server create(final ServerConfig config, final Service service)
    {
        return new SingleLoopServer(config, service, Service.Threading.LOOP_THREAD, THREAD_NAME,
            (served, listeners, counters, agent) ->
                new SelectorLoop(config, served, counters, new AtomicLong(), listeners, agent));
    }
}
