package io.tickloop.loadgen.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The loads {@code compare} runs against every model, by their names on the command line ({@link #toString()});
 * {@link CompareSettings} holds each one's parameters and turns them into the load of one run.
 */
public enum Scenario
{
    /** Closed loop, one request in flight per connection: round-trip time and throughput. */
    RTT("closed loop, 1 request in flight per connection: throughput and round-trip time"),
    /** Open loop at a fixed total rate: latency from the intended send time. */
    RATE("open loop at a fixed total rate: latency from the intended send time"),
    /** Many connections at a low rate each: what holding connections costs. */
    C10K("many connections, a low rate each: what holding connections costs"),
    /** Bots playing the game skeleton: the input latency is the latency. */
    GAME("bots playing the game: MOVE sent -> first STATE that shows it");

    private final String description;

    Scenario(final String description)
    {
        this.description = description;
    }

    /**
     * @return true for the bots' scenario, which runs the game service and bots instead of ping and PINGs.
     */
    boolean isGame()
    {
        return this == GAME;
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
     * @return the name on the command line, which picocli reads and lists.
     */
    @Override
    public String toString()
    {
        return cliName();
    }

    /**
     * @return every scenario's command-line name, in report order.
     */
    public static List<String> names()
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
        throw new IllegalArgumentException("unknown scenario '" + name + "', expected one of " + names());
    }
}
