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
}
