package io.tickloop.server.command;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.async.AsyncServer;
import io.tickloop.server.blocking.ThreadPerConnectionServer;
import io.tickloop.server.polling.PollingServer;
import io.tickloop.server.reactors.ReactorsServer;
import io.tickloop.server.selector.SelectorServer;
import io.tickloop.server.service.Service;

import java.util.Locale;

/**
 * The socket models a service can run under, by their command-line names ({@link #toString()}, which picocli
 * reads and lists). The one place that knows every model's server class.
 */
public enum SocketModel
{
    /** One Selector loop does accept, read, write and timers. */
    SELECTOR
    {
        @Override
        public Server create(final ServerConfig config, final Service service)
        {
            return SelectorServer.create(config, service);
        }
    },

    /** One acceptor thread hands connections round-robin to N Selector loops, one thread each. */
    REACTORS
    {
        @Override
        public Server create(final ServerConfig config, final Service service)
        {
            return new ReactorsServer(config, service);
        }
    },

    /** Blocking sockets, a platform thread per client to read and one to write. */
    BLOCKING
    {
        @Override
        public Server create(final ServerConfig config, final Service service)
        {
            return new ThreadPerConnectionServer(config, service, Thread.ofPlatform().factory());
        }
    },

    /** The same code as {@code blocking}, on virtual threads. */
    VIRTUAL
    {
        @Override
        public Server create(final ServerConfig config, final Service service)
        {
            return new ThreadPerConnectionServer(config, service, Thread.ofVirtual().factory());
        }
    },

    /** NIO.2 asynchronous channels: completion handlers on a fixed thread pool (Overlapped I/O, IOCP). */
    ASYNC
    {
        @Override
        public Server create(final ServerConfig config, final Service service)
        {
            return new AsyncServer(config, service);
        }
    },

    /** Non-blocking sockets checked in a busy loop on one thread, no Selector: correct, and burns a core. */
    POLLING
    {
        @Override
        public Server create(final ServerConfig config, final Service service)
        {
            return PollingServer.create(config, service);
        }
    };

    /**
     * @param config the validated configuration.
     * @param service the service to run.
     * @return a server, not yet started.
     */
    public abstract Server create(ServerConfig config, Service service);

    /**
     * @return the name on the command line.
     */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString()
    {
        return cliName();
    }
}
