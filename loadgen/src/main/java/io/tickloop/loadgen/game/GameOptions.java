package io.tickloop.loadgen.game;

import picocli.CommandLine.Option;

/**
 * The flags only the game scenario reads, mixed into {@code tickloop load}.
 */
public final class GameOptions
{
    @Option(names = "--rooms", defaultValue = "10", paramLabel = "N",
        description = "Game: rooms the bots join, spread evenly (room ids 1..N). Default: ${DEFAULT-VALUE}.")
    int rooms;

    @Option(names = "--move-hz", defaultValue = "10", paramLabel = "HZ",
        description = "Game: MOVEs per bot per second, on an open-loop schedule. Default: ${DEFAULT-VALUE}.")
    double moveHz;

    @Option(names = "--chat-rate", defaultValue = "0.1", paramLabel = "PER_S",
        description = "Game: CHATs per bot per second (may be fractional; 0 for none). Default: ${DEFAULT-VALUE}.")
    double chatRate;

    /**
     * @return rooms the bots join.
     */
    public int rooms()
    {
        return rooms;
    }

    /**
     * @return MOVEs per bot per second.
     */
    public double moveHz()
    {
        return moveHz;
    }

    /**
     * @return CHATs per bot per second.
     */
    public double chatRate()
    {
        return chatRate;
    }
}
