package io.tickloop.server;

import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.Service;

/**
 * Serves as another service does, except that a read whose first byte is {@code 'X'} fails as it is told to: a
 * bug on purpose, for tests of what a model does when its service throws.
 */
final class FailingOnX implements Service
{
    private final Service service;
    private final String name;
    private final Runnable failure;

    /**
     * @param service the service to serve as.
     * @param name this one's name.
     * @param failure throws, on an {@code 'X'}.
     */
    FailingOnX(final Service service, final String name, final Runnable failure)
    {
        this.service = service;
        this.name = name;
        this.failure = failure;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public ConnectionHandler onOpen(final Connection connection)
    {
        final ConnectionHandler handler = service.onOpen(connection);
        return (buffer, offset, length) ->
        {
            if (buffer.getByte(offset) == 'X')
            {
                failure.run();
            }
            handler.onBytes(buffer, offset, length);
        };
    }
}
