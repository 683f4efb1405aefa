package io.tickloop.server.polling;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.SingleLoopServer;

/**
 * The {@code polling} model: one thread spins over non-blocking channels with no Selector; see
 * {@link PollingLoop}.
 */
public final class PollingServer
{
    /** The loop thread's name. */
    public static final String THREAD_NAME = "tickloop-polling";

    private PollingServer()
    {
    }

    /**
     * @param config the validated configuration.
     * @param service the service to run.
     * @return the server, not yet started.
     */
    public static Server create(final ServerConfig config, final Service service)
    {
        return new SingleLoopServer(config, service, THREAD_NAME,
            (listener, counters) -> new PollingLoop(config, service, counters, listener));
    }
}
