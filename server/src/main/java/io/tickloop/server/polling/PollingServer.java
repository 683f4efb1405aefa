package io.tickloop.server.polling;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.SingleLoopServer;

/**
 * The {@code polling} model: one thread spins over non-blocking channels with no Selector; see
 * {@link PollingLoop}. The service's timed work (the game's world) runs on a thread of its own, as under the
 * models with several threads.
 */
public final class PollingServer
{
    /** The loop thread's name. */
    public static final String THREAD_NAME = "tickloop-polling";

    private PollingServer()
    {
    }

    /**
     * @param config the server's configuration.
     * @param service the service to run.
     * @return the server, not yet started.
     */
    public static Server create(final ServerConfig config, final Service service)
    {
        return new SingleLoopServer(config, service, Service.Threading.OWN_THREAD, THREAD_NAME,
            (served, listeners, counters, agent) -> new PollingLoop(config, served, counters, listeners));
    }
}
