package io.tickloop.server.service;

import java.io.IOException;

/**
 * What happens to bytes. One instance serves every connection of a server; it may be called from several
 * threads at once (one per connection at most), so per-connection state lives in the handlers it makes.
 */
public interface Service
{
    /**
     * @return the service's name, as given on the command line.
     */
    String name();

    /**
     * A connection has opened.
     *
     * @param connection to reply through.
     * @return the handler for this connection's bytes.
     */
    ConnectionHandler onOpen(Connection connection);

    /**
     * Where a service's own timed work (the game's tick) runs. The socket model chooses, when its server is
     * built, and says so through {@link #start}.
     */
    enum Threading
    {
        /** Every connection lives on one loop thread ({@code selector}): the work runs on it, with no locks. */
        LOOP_THREAD,
        /** Connections are served by several threads: the service starts a thread of its own if it needs one. */
        OWN_THREAD
    }

    /**
     * Called once by the server as it starts, before any connection opens; {@link #close()} undoes it.
     *
     * @param threading where the model runs the service's timed work.
     * @return under {@link Threading#LOOP_THREAD}, the work the loop runs on its thread, or null for none; under
     * {@link Threading#OWN_THREAD}, null.
     * @throws IOException when a socket of the service's own cannot be bound (the game's UDP port).
     */
    default LoopAgent start(final Threading threading) throws IOException
    {
        return null;
    }

    /**
     * @return true when the service closes silent connections itself (the game: heartbeats, then a KICK), so
     * that the transport's {@code --idle-timeout} leaves them to it; false (the default) for the transport to
     * close them.
     */
    default boolean closesIdleConnections()
    {
        return false;
    }

    /**
     * @return a line of the service's own measurements since the last call, for {@code --stats}, or null.
     */
    default String intervalStats()
    {
        return null;
    }

    /**
     * @return the service's own recent figures as JSON members without the braces (the game: its tick rate and
     * tick durations over the last second or more), for the WebSocket gateway's {@code GET /stats}, or null.
     * Any thread; it may allocate (a request, not a message).
     */
    default String recentStatsJson()
    {
        return null;
    }

    /**
     * The server is about to drain: a service's last words to its clients (a game's BYE) are queued now, on
     * whatever thread owns the service's state, and the call returns once they are, so that the drain that
     * follows flushes them before it half-closes each connection. Called once, from the thread that closes the
     * server, by every model.
     */
    default void onDrain()
    {
    }

    /**
     * Stop what {@link #start} started (threads). The server calls it once its connections are closed;
     * idempotent.
     */
    default void close()
    {
    }
}
