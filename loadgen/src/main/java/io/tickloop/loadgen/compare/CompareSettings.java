package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.engine.LoadConfig;
import io.tickloop.loadgen.game.GameLoadConfig;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What one comparison runs: which models and scenarios, and each scenario's parameters. Fluent setters;
 * defaults sized so the default comparison takes three to five minutes on two cores.
 */
public final class CompareSettings
{
    /** Every socket model the server knows, in the order reports list them. */
    public static final List<String> ALL_MODELS =
        List.of("selector", "reactors", "blocking", "virtual", "async", "polling");

    private List<String> models = ALL_MODELS;
    private List<Scenario> scenarios = List.of(Scenario.RTT, Scenario.RATE, Scenario.C10K, Scenario.GAME);
    private long durationMs = 8_000;
    private long warmupMs = 2_000;
    private int messageSize = 64;
    private int connectRatePerSecond = 5_000;
    private long maxErrors;
    private int rttConnections = 100;
    private int rateConnections = 1_000;
    private long rate = 50_000;
    private int c10kConnections = 10_000;
    private double c10kRatePerConnection = 2.0;
    private int gameBots = 1_000;
    private int gameRooms = 10;
    private double gameMoveHz = 10;
    private double gameChatRate = 0.1;
    private boolean pin;

    /**
     * @param scenario a PING scenario.
     * @return how many connections it opens (the game: bots).
     */
    int connections(final Scenario scenario)
    {
        return switch (scenario)
        {
            case RTT -> rttConnections;
            case RATE -> rateConnections;
            case C10K -> c10kConnections;
            case GAME -> gameBots;
        };
    }

    /**
     * @param scenario a PING scenario (the game runs bots: {@link #gameLoad}).
     * @param target the server.
     * @return the load of one run.
     */
    LoadConfig pingLoad(final Scenario scenario, final InetSocketAddress target)
    {
        final LoadConfig load = baseLoad(target, connections(scenario));
        return switch (scenario)
        {
            case RTT -> load.ratePerSecond(0).pipeline(1);
            case RATE -> load.ratePerSecond(rate);
            case C10K -> load.ratePerSecond(Math.max(1, Math.round(c10kConnections * c10kRatePerConnection)));
            case GAME -> throw new IllegalArgumentException("the game scenario runs bots: see gameLoad");
        };
    }

    private LoadConfig baseLoad(final InetSocketAddress target, final int connections)
    {
        return new LoadConfig()
            .target(target)
            .connections(connections)
            .durationMs(durationMs)
            .warmupMs(warmupMs(connections))
            .messageSize(messageSize)
            .connectRatePerSecond(connectRatePerSecond)
            .maxErrors(maxErrors);
    }

    GameLoadConfig gameLoad(final InetSocketAddress target)
    {
        return new GameLoadConfig(target, gameBots, gameRooms, gameMoveHz, gameChatRate, connectRatePerSecond,
            warmupMs(gameBots) + 1_000, durationMs, maxErrors).validate();
    }

    /** The warm-up covers the connection ramp and a second more. */
    private long warmupMs(final int connections)
    {
        return Math.max(warmupMs, 1_000L * connections / connectRatePerSecond + 1_000);
    }

    public List<String> models()
    {
        return models;
    }

    public CompareSettings models(final List<String> models)
    {
        for (final String model : models)
        {
            if (!ALL_MODELS.contains(model))
            {
                throw new IllegalArgumentException("unknown model '" + model + "', expected some of " + ALL_MODELS);
            }
        }
        this.models = List.copyOf(models);
        return this;
    }

    public List<Scenario> scenarios()
    {
        return scenarios;
    }

    public CompareSettings scenarios(final List<Scenario> scenarios)
    {
        this.scenarios = List.copyOf(scenarios);
        return this;
    }

    public long durationMs()
    {
        return durationMs;
    }

    public CompareSettings durationMs(final long durationMs)
    {
        this.durationMs = durationMs;
        return this;
    }

    public long warmupMs()
    {
        return warmupMs;
    }

    public CompareSettings warmupMs(final long warmupMs)
    {
        this.warmupMs = warmupMs;
        return this;
    }

    public int messageSize()
    {
        return messageSize;
    }

    public CompareSettings messageSize(final int messageSize)
    {
        this.messageSize = messageSize;
        return this;
    }

    public int connectRatePerSecond()
    {
        return connectRatePerSecond;
    }

    public CompareSettings connectRatePerSecond(final int connectRatePerSecond)
    {
        this.connectRatePerSecond = connectRatePerSecond;
        return this;
    }

    public long maxErrors()
    {
        return maxErrors;
    }

    public CompareSettings maxErrors(final long maxErrors)
    {
        this.maxErrors = maxErrors;
        return this;
    }

    public int rttConnections()
    {
        return rttConnections;
    }

    public CompareSettings rttConnections(final int rttConnections)
    {
        this.rttConnections = rttConnections;
        return this;
    }

    public int rateConnections()
    {
        return rateConnections;
    }

    public CompareSettings rateConnections(final int rateConnections)
    {
        this.rateConnections = rateConnections;
        return this;
    }

    public long rate()
    {
        return rate;
    }

    public CompareSettings rate(final long rate)
    {
        this.rate = rate;
        return this;
    }

    public int c10kConnections()
    {
        return c10kConnections;
    }

    public CompareSettings c10kConnections(final int c10kConnections)
    {
        this.c10kConnections = c10kConnections;
        return this;
    }

    public double c10kRatePerConnection()
    {
        return c10kRatePerConnection;
    }

    public CompareSettings c10kRatePerConnection(final double c10kRatePerConnection)
    {
        this.c10kRatePerConnection = c10kRatePerConnection;
        return this;
    }

    public int gameBots()
    {
        return gameBots;
    }

    public CompareSettings gameBots(final int gameBots)
    {
        this.gameBots = gameBots;
        return this;
    }

    public int gameRooms()
    {
        return gameRooms;
    }

    public CompareSettings gameRooms(final int gameRooms)
    {
        this.gameRooms = gameRooms;
        return this;
    }

    public double gameMoveHz()
    {
        return gameMoveHz;
    }

    public CompareSettings gameMoveHz(final double gameMoveHz)
    {
        this.gameMoveHz = gameMoveHz;
        return this;
    }

    public double gameChatRate()
    {
        return gameChatRate;
    }

    public CompareSettings gameChatRate(final double gameChatRate)
    {
        this.gameChatRate = gameChatRate;
        return this;
    }

    public boolean pin()
    {
        return pin;
    }

    public CompareSettings pin(final boolean pin)
    {
        this.pin = pin;
        return this;
    }

    /**
     * @return the largest connection count any chosen scenario opens, for the server's --max-connections.
     */
    public int maxConnections()
    {
        return scenarios.stream().mapToInt(this::connections).max().orElse(1);
    }
}
