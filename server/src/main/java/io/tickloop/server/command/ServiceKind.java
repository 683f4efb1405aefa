package io.tickloop.server.command;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.game.GameService;
import io.tickloop.server.game.GameSettings;
import io.tickloop.server.service.EchoService;
import io.tickloop.server.service.PingService;
import io.tickloop.server.service.Service;

import java.util.Locale;

/**
 * The services a server can run, by their command-line names ({@link #toString()}, which picocli reads and
 * lists). The one place that knows every service's class.
 */
public enum ServiceKind
{
    /** Raw byte echo, no framing. */
    ECHO
    {
        @Override
        public Service create(final ServerConfig config, final GameSettings game)
        {
            return new EchoService();
        }
    },

    /** Framed PING -> PONG. */
    PING
    {
        @Override
        public Service create(final ServerConfig config, final GameSettings game)
        {
            return new PingService(config.maxFrameLength());
        }
    },

    /** The game skeleton. */
    GAME
    {
        @Override
        public Service create(final ServerConfig config, final GameSettings game)
        {
            return new GameService(game, config);
        }
    };

    /**
     * @param config the server's configuration.
     * @param game the game's settings, read only by {@link #GAME}.
     * @return a new service, not yet started (the server starts it).
     */
    public abstract Service create(ServerConfig config, GameSettings game);

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
