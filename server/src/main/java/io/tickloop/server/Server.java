package io.tickloop.server;

import io.tickloop.server.metrics.MetricsSnapshot;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A running service under one socket model.
 */
public interface Server extends AutoCloseable
{
    /**
     * Bind and start serving.
     *
     * @throws IOException when the address cannot be bound.
     */
    void start() throws IOException;

    /**
     * @return the address the server listens on, with the real port when port 0 was asked for.
     */
    InetSocketAddress localAddress();

    /**
     * @return the address of the WebSocket port ({@code --ws-port}), with the real port, or null when there is none.
     */
    InetSocketAddress webSocketAddress();

    /**
     * @return the counters as they are now.
     */
    MetricsSnapshot metrics();

    /**
     * Shut down gracefully: stop accepting, flush what is queued (within the shutdown timeout), close every
     * connection, stop every thread. Returns when done; calling it again does nothing.
     */
    @Override
    void close();
}
