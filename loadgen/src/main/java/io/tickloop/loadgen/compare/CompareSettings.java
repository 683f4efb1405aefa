package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.engine.EngineIdle;
import io.tickloop.loadgen.engine.LoadConfig;
import io.tickloop.loadgen.game.BotTransport;
import io.tickloop.loadgen.game.GameLoadConfig;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one comparison runs: which models and scenarios, and each scenario's parameters, as
 * {@link CompareOptions} read them from the command line; it turns each scenario into the load of one run.
 *
 * @param models the socket models, in the order they run.
 * @param scenarios the scenarios, in the order they run.
 * @param repeat how many times each (scenario, model) runs.
 * @param durationMs measured time of each run.
 * @param warmupMs warm-up of each run, at least; stretched to cover the connection ramp.
 * @param messageSize PING frame length in bytes.
 * @param connectRatePerSecond new connections started per second.
 * @param maxErrors errors a run may have before it is reported as {@code errors}.
 * @param rttConnections rtt: connections, one request in flight each.
 * @param rateConnections rate: connections.
 * @param rate rate: PINGs per second over all connections.
 * @param c10kConnections c10k: connections.
 * @param c10kRatePerConnection c10k: PINGs per second per connection.
 * @param gameBots game: bots.
 * @param gameRooms game: rooms the bots spread over.
 * @param gameMoveHz game: MOVEs per bot per second.
 * @param gameChatRate game: CHATs per bot per second.
 * @param idle how the load's engine threads wait between sends.
 * @param transports game: how MOVE and STATE travel, a run for each.
 * @param lossPercents the loss lab: every scenario runs once per share of packets dropped; empty outside it.
 */
public record CompareSettings(
    List<ServerModel> models,
    List<Scenario> scenarios,
    int repeat,
    long durationMs,
    long warmupMs,
    int messageSize,
    int connectRatePerSecond,
    long maxErrors,
    int rttConnections,
    int rateConnections,
    long rate,
    int c10kConnections,
    double c10kRatePerConnection,
    int gameBots,
    int gameRooms,
    double gameMoveHz,
    double gameChatRate,
    EngineIdle idle,
    List<BotTransport> transports,
    List<Integer> lossPercents)
{
    /** The most repetitions {@code --repeat} takes. */
    public static final int MAX_REPEAT = 100;
    /** Every PING run of a comparison: one engine thread, as {@code tickloop load} by default. */
    private static final int THREADS = 1;
    /** One request in flight per connection in closed loop (rtt). */
    private static final int PIPELINE = 1;
    /** A PING without a reply for this long is a timeout error, as {@code tickloop load} by default. */
    private static final long TIMEOUT_MS = 5_000;

    /**
     * Keeps its own copies of the lists.
     */
    public CompareSettings
    {
        models = List.copyOf(models);
        scenarios = List.copyOf(scenarios);
        transports = List.copyOf(transports);
        lossPercents = List.copyOf(lossPercents);
    }

    /**
     * @return what runs, in order: each scenario (the game once per transport), each once per share of packets
     * dropped in the loss lab.
     */
    public List<ScenarioRun> scenarioRuns()
    {
        final List<Integer> losses = lossPercents.isEmpty() ? List.of(ScenarioRun.NO_LOSS_LAB) : lossPercents;
        final List<ScenarioRun> runs = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            for (final BotTransport transport : scenario.isGame() ? transports : List.of(BotTransport.TCP))
            {
                for (final int loss : losses)
                {
                    runs.add(new ScenarioRun(scenario, transport, loss));
                }
            }
        }
        return runs;
    }

    /**
     * @return how many runs the comparison makes: every scenario run, model and repetition.
     */
    public int runCount()
    {
        return scenarioRuns().size() * models.size() * repeat;
    }

    /**
     * @param repetition a repetition, from 1.
     * @return the models in the order that repetition runs them: rotated left by one per repetition, so that
     * over {@code models().size()} repetitions each model runs once in every place, after every other.
     */
    List<ServerModel> modelsInOrder(final int repetition)
    {
        final List<ServerModel> rotated = new ArrayList<>(models);
        Collections.rotate(rotated, -(repetition - 1));
        return rotated;
    }

    /**
     * @param scenario a scenario.
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
        final long ratePerSecond = switch (scenario)
        {
            case RTT -> 0;
            case RATE -> rate;
            case C10K -> Math.max(1, Math.round(c10kConnections * c10kRatePerConnection));
            case GAME -> throw new IllegalArgumentException("the game scenario runs bots: see gameLoad");
        };
        final int connections = connections(scenario);
        return new LoadConfig(target, connections, ratePerSecond, PIPELINE, durationMs, warmupMs(connections),
            messageSize, THREADS, connectRatePerSecond, TIMEOUT_MS, maxErrors, List.of(), idle);
    }

    /**
     * The bots start measuring at the first whole second of their run after the warm-up, so their warm-up is
     * rounded up to whole seconds: otherwise the part of a second it overruns comes out of the measured time.
     *
     * @param target the server.
     * @param transport how MOVE and STATE travel.
     * @return the bots' load of one run.
     */
    GameLoadConfig gameLoad(final InetSocketAddress target, final BotTransport transport)
    {
        final long warmupMs = Math.ceilDiv(warmupMs(gameBots) + 1_000, 1_000) * 1_000;
        return new GameLoadConfig(target, gameBots, gameRooms, gameMoveHz, gameChatRate, connectRatePerSecond,
            warmupMs, durationMs, maxErrors, idle, List.of(), transport);
    }

    /** The warm-up covers the connection ramp and a second more. */
    private long warmupMs(final int connections)
    {
        return Math.max(warmupMs, 1_000L * connections / connectRatePerSecond + 1_000);
    }

    /**
     * @return the largest connection count any chosen scenario opens, for the server's --max-connections.
     */
    public int maxConnections()
    {
        return scenarios.stream().mapToInt(this::connections).max().orElse(1);
    }
}
