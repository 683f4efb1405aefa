package io.tickloop.server.service;

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
     * Called once, before any connection opens, by a model that runs every connection on one loop thread
     * ({@code selector}): a service that returns an agent runs its timed work on that thread and may then
     * skip all locking. Models with several threads never call it.
     *
     * @return work for the loop's thread, or null (the default) for none.
     */
    default LoopAgent loopAgent()
    {
        return null;
    }

    /**
     * @return a line of the service's own measurements since the last call, for {@code --stats}, or null.
     */
    default String intervalStats()
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
     * Release what the service started itself (threads), after the server has closed. Idempotent.
     */
    default void close()
    {
    }
}
