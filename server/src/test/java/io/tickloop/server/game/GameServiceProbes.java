package io.tickloop.server.game;

import io.tickloop.server.ServerConfig;

/**
 * Reaches the game's test seam from tests in other packages: a game whose every tick first runs a probe (one
 * that throws stands for a bug in the world, one that sleeps for a world that falls behind).
 */
public final class GameServiceProbes
{
    private GameServiceProbes()
    {
    }

    /**
     * @param settings the game's settings.
     * @param config the server's.
     * @param probe run on the world's thread before each tick's work.
     * @return the game, not started.
     */
    public static GameService withTickProbe(final GameSettings settings, final ServerConfig config,
        final Runnable probe)
    {
        return new GameService(settings, config).tickProbe(probe);
    }
}
