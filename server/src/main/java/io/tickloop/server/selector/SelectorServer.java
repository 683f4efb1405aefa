package io.tickloop.server.selector;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.SingleLoopServer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code selector} model: one {@link SelectorLoop} on one thread accepts, reads, writes and keeps time
 * for every connection; a service's {@link Service#loopAgent() loop agent} (the game's world) runs on it too.
 */
public final class SelectorServer
{
    /** The loop thread's name. */
    public static final String THREAD_NAME = "tickloop-selector";

    private SelectorServer()
    {
    }

    /**
     * @param config the validated configuration.
     * @param service the service to run.
     * @return the server, not yet started.
     */
    public static Server create(final ServerConfig config, final Service service)
    {
        return new SingleLoopServer(config, service, THREAD_NAME, (listener, counters) ->
        {
            final SelectorLoop loop = new SelectorLoop(config, service, counters, new AtomicLong(), listener);
            loop.agent(service.loopAgent());
            return loop;
        });
    }
}
