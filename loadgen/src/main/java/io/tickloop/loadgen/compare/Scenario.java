package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.engine.LoadConfig;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;

/**
 * The loads {@code compare} runs against every model. Each turns the comparison's settings into the
 * {@link LoadConfig} of one run.
 */
public enum Scenario
{
    /** Closed loop, one request in flight per connection: round-trip time and throughput. */
    RTT("closed loop, 1 request in flight per connection: throughput and round-trip time")
    {
        @Override
        LoadConfig loadConfig(final CompareSettings settings, final InetSocketAddress target)
        {
            return settings.baseLoad(target, settings.rttConnections()).ratePerSecond(0).pipeline(1);
        }

        @Override
        int connections(final CompareSettings settings)
        {
            return settings.rttConnections();
        }
    },

    /** Open loop at a fixed total rate: latency from the intended send time. */
    RATE("open loop at a fixed total rate: latency from the intended send time")
    {
        @Override
        LoadConfig loadConfig(final CompareSettings settings, final InetSocketAddress target)
        {
            return settings.baseLoad(target, settings.rateConnections()).ratePerSecond(settings.rate());
        }

        @Override
        int connections(final CompareSettings settings)
        {
            return settings.rateConnections();
        }
    },

    /** Many connections at a low rate each: what holding connections costs. */
    C10K("many connections, a low rate each: what holding connections costs")
    {
        @Override
        LoadConfig loadConfig(final CompareSettings settings, final InetSocketAddress target)
        {
            final int connections = settings.c10kConnections();
            return settings.baseLoad(target, connections)
                .ratePerSecond(Math.max(1, Math.round(connections * settings.c10kRatePerConnection())));
        }

        @Override
        int connections(final CompareSettings settings)
        {
            return settings.c10kConnections();
        }
    },

    /** Bots playing the game skeleton: the input latency is the latency. */
    GAME("bots playing the game: MOVE sent -> first STATE that shows it")
    {
        @Override
        LoadConfig loadConfig(final CompareSettings settings, final InetSocketAddress target)
        {
            throw new UnsupportedOperationException("the game scenario runs bots, not PINGs");
        }

        @Override
        int connections(final CompareSettings settings)
        {
            return settings.gameBots();
        }

        @Override
        boolean isGame()
        {
            return true;
        }
    };

    private final String description;

    Scenario(final String description)
    {
        this.description = description;
    }

    abstract LoadConfig loadConfig(CompareSettings settings, InetSocketAddress target);

    abstract int connections(CompareSettings settings);

    /**
     * @return true for the bots' scenario, which runs the game service instead of ping.
     */
    boolean isGame()
    {
        return false;
    }

    /**
     * @return what the scenario measures.
     */
    public String description()
    {
        return description;
    }

    /**
     * @return the name on the command line.
     */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return every scenario's command-line name, in report order.
     */
    public static java.util.List<String> names()
    {
        return Arrays.stream(values()).map(Scenario::cliName).toList();
    }

    /**
     * @param name a scenario's command-line name.
     * @return the scenario.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static Scenario of(final String name)
    {
        for (final Scenario scenario : values())
        {
            if (scenario.cliName().equals(name.trim()))
            {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "', expected one of " +
            Arrays.stream(values()).map(Scenario::cliName).toList());
    }
}
