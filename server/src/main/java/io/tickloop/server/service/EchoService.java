package io.tickloop.server.service;

import org.agrona.DirectBuffer;

/**
 * Raw byte echo: whatever arrives goes back, no framing, so any echo client works against it.
 */
public final class EchoService implements Service
{
    /** The name on the command line. */
    public static final String NAME = "echo";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public ConnectionHandler onOpen(final Connection connection)
    {
        return new Handler(connection);
    }

    private record Handler(Connection connection) implements ConnectionHandler
    {
        @Override
        public void onBytes(final DirectBuffer buffer, final int offset, final int length)
        {
            connection.send(buffer, offset, length);
        }
    }
}
