package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.EngineIdle;
import io.tickloop.loadgen.engine.LoadConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a game load run is configured with: {@code tickloop load --scenario game} makes it from its flags, which
 * check every value ({@link BotOptions}), {@code compare} from its {@code --game-*} flags.
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
 * @param idle how the bots' thread waits between sends.
 * @param sourceAddresses local addresses to bind the bots to, round robin; empty for none (see
 * {@link #effectiveSourceAddresses()}).
 * @param transport how MOVE and STATE travel.
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
    long maxErrors,
    EngineIdle idle,
    List<InetAddress> sourceAddresses,
    BotTransport transport)
{
    /**
     * Keeps its own copy of the source addresses.
     */
    public GameLoadConfig
    {
        sourceAddresses = List.copyOf(sourceAddresses);
    }

    /**
     * @return the addresses the bots bind to, as {@link LoadConfig#effectiveSourceAddresses(InetSocketAddress,
     * int, List)} chooses them.
     */
    public List<InetAddress> effectiveSourceAddresses()
    {
        return LoadConfig.effectiveSourceAddresses(target, bots, sourceAddresses);
    }

    @Override
    public String toString()
    {
        return "scenario=game target=" + target.getHostString() + ":" + target.getPort() + " bots=" + bots +
            " rooms=" + rooms + " moveHz=" + moveHz + " chatRate=" + chatRate + " connectRate=" +
            connectRatePerSecond + " warmupMs=" + warmupMs + " durationMs=" + durationMs + " idle=" + idle +
            " transport=" + transport +
            (sourceAddresses.isEmpty() ? "" : " sourceAddresses=" + sourceAddresses);
    }
}
