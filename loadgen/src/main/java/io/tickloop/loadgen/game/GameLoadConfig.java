package io.tickloop.loadgen.game;

import java.net.InetSocketAddress;

/**
 * What a game load run is configured with.
 *
 * @param target the server.
 * @param bots connections, one bot each.
 * @param rooms rooms the bots join, spread evenly.
 * @param moveHz MOVEs per bot per second.
 * @param chatRate CHATs per bot per second.
 * @param connectRatePerSecond new connections per second.
 * @param warmupMs warm-up, samples kept out of the result.
 * @param durationMs measured time after the warm-up.
 * @param maxErrors errors tolerated before the run fails.
 */
public record GameLoadConfig(
    InetSocketAddress target,
    int bots,
    int rooms,
    double moveHz,
    double chatRate,
    int connectRatePerSecond,
    long warmupMs,
    long durationMs,
    long maxErrors)
{
    /**
     * @return this, when every value is in range.
     * @throws IllegalArgumentException naming the flag out of range.
     */
    public GameLoadConfig validate()
    {
        require(bots >= 1, "--connections must be at least 1");
        require(rooms >= 1 && rooms <= bots, "--rooms must be 1..--connections, was " + rooms);
        require(moveHz > 0 && moveHz <= 1000, "--move-hz must be in (0, 1000], was " + moveHz);
        require(chatRate >= 0 && chatRate <= 100, "--chat-rate must be 0..100, was " + chatRate);
        require(connectRatePerSecond >= 1, "--connect-rate must be at least 1");
        require(durationMs >= 1 && warmupMs >= 0, "--duration must be positive and --warmup not negative");
        return this;
    }

    @Override
    public String toString()
    {
        return "scenario=game target=" + target.getHostString() + ":" + target.getPort() + " bots=" + bots +
            " rooms=" + rooms + " moveHz=" + moveHz + " chatRate=" + chatRate + " connectRate=" +
            connectRatePerSecond + " warmupMs=" + warmupMs + " durationMs=" + durationMs;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
