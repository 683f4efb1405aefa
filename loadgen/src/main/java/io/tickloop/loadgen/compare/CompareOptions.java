package io.tickloop.loadgen.compare;

import io.tickloop.cli.Flags;
import io.tickloop.loadgen.RunOptions;
import io.tickloop.loadgen.game.BotOptions;
import io.tickloop.loadgen.game.BotTransport;
import io.tickloop.loadgen.lab.LossLab;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * The flags of {@code tickloop compare} that {@code load} does not have: which models and scenarios, and each
 * scenario's parameters. With {@link RunOptions} they make the {@link CompareSettings}; each flag's bounds sit
 * in its setter, the one bound that depends on another flag in {@link #settings}.
 */
public final class CompareOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--models", order = 1, defaultValue = "selector,reactors,blocking,virtual,async,polling",
        split = ",", paramLabel = "NAME",
        description = "Models to compare, of ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private List<ServerModel> models;

    @Option(names = "--scenarios", order = 2, defaultValue = "rtt,rate,c10k,game", split = ",", paramLabel = "NAME",
        description = "Scenarios to run, of ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private List<Scenario> scenarios;

    @Option(names = "--transports", order = 4, defaultValue = "tcp", split = ",", paramLabel = "T",
        description = "game: how MOVE and STATE travel, of ${COMPLETION-CANDIDATES}; the game runs once for each " +
            "(udp as game-udp, its servers started with --udp-port 0; ws as game-ws, its servers started with " +
            "--ws-port on a free port, the bots speaking WebSocket to it). Default: ${DEFAULT-VALUE}.")
    private List<BotTransport> transports;

    @Option(names = "--loss", order = 5, split = ",", paramLabel = "PCT",
        description = "The loss lab: run every scenario once per share of the loopback's packets dropped " +
            "(0..100; labelled -lossN), bin/tickloop running compare in a network namespace made for it where " +
            "nftables drops them. Needs root or unprivileged user namespaces, nft and ip (apt-get install " +
            "nftables iproute2). Default: none, outside the lab.")
    private List<Integer> lossPercents = List.of();

    private int repeat;
    private int rttConnections;
    private int rateConnections;
    private long rate;
    private int c10kConnections;
    private double c10kRatePerConnection;
    private int gameBots;
    private int gameRooms;
    private double gameMoveHz;
    private double gameChatRate;

    @Option(names = "--repeat", order = 3, defaultValue = "3", paramLabel = "N",
        description = "Run each scenario and model N times (1.." + CompareSettings.MAX_REPEAT + "), the models in " +
            "an order rotated by one each repetition, and report the median and spread (min-max) of every " +
            "figure. Default: ${DEFAULT-VALUE}.")
    void repeat(final int repeat)
    {
        this.repeat = Flags.range(spec, "--repeat", repeat, 1, CompareSettings.MAX_REPEAT);
    }

    @Option(names = "--rtt-connections", order = 30, defaultValue = "100", paramLabel = "N",
        description = "rtt: connections, one request in flight each. Default: ${DEFAULT-VALUE}.")
    void rttConnections(final int connections)
    {
        rttConnections = Flags.atLeast(spec, "--rtt-connections", connections, 1);
    }

    @Option(names = "--rate-connections", order = 31, defaultValue = "1000", paramLabel = "N",
        description = "rate: connections. Default: ${DEFAULT-VALUE}.")
    void rateConnections(final int connections)
    {
        rateConnections = Flags.atLeast(spec, "--rate-connections", connections, 1);
    }

    @Option(names = "--rate", order = 32, defaultValue = "50000", paramLabel = "MSGS_PER_S",
        description = "rate: total PINGs per second. Default: ${DEFAULT-VALUE}.")
    void rate(final long rate)
    {
        this.rate = Flags.atLeast(spec, "--rate", rate, 1);
    }

    @Option(names = "--c10k-connections", order = 33, defaultValue = "10000", paramLabel = "N",
        description = "c10k: connections. Default: ${DEFAULT-VALUE}.")
    void c10kConnections(final int connections)
    {
        c10kConnections = Flags.atLeast(spec, "--c10k-connections", connections, 1);
    }

    @Option(names = "--c10k-rate-per-connection", order = 34, defaultValue = "2", paramLabel = "MSGS_PER_S",
        description = "c10k: PINGs per second per connection. Default: ${DEFAULT-VALUE}.")
    void c10kRatePerConnection(final double rate)
    {
        c10kRatePerConnection = Flags.positive(spec, "--c10k-rate-per-connection", rate);
    }

    @Option(names = "--game-bots", order = 35, defaultValue = "1000", paramLabel = "N",
        description = "game: bots. Default: ${DEFAULT-VALUE}.")
    void gameBots(final int bots)
    {
        gameBots = Flags.atLeast(spec, "--game-bots", bots, 1);
    }

    @Option(names = "--game-rooms", order = 36, defaultValue = "10", paramLabel = "N",
        description = "game: rooms the bots spread over (at most --game-bots). Default: ${DEFAULT-VALUE}.")
    void gameRooms(final int rooms)
    {
        gameRooms = Flags.atLeast(spec, "--game-rooms", rooms, 1);
    }

    @Option(names = "--game-move-hz", order = 37, defaultValue = "10", paramLabel = "HZ",
        description = "game: MOVEs per bot per second (above 0, at most 1000). Default: ${DEFAULT-VALUE}.")
    void gameMoveHz(final double moveHz)
    {
        gameMoveHz = BotOptions.moveHz(spec, "--game-move-hz", moveHz);
    }

    @Option(names = "--game-chat-rate", order = 38, defaultValue = "0.1", paramLabel = "PER_S",
        description = "game: CHATs per bot per second (0..100). Default: ${DEFAULT-VALUE}.")
    void gameChatRate(final double chatRate)
    {
        gameChatRate = BotOptions.chatRate(spec, "--game-chat-rate", chatRate);
    }

    /**
     * @param run the flags {@code compare} shares with {@code load}.
     * @return the comparison these flags ask for.
     */
    public CompareSettings settings(final RunOptions run)
    {
        if (scenarios.contains(Scenario.GAME))
        {
            BotOptions.requireRoomsAtMostBots(spec, "--game-rooms", gameRooms, "--game-bots", gameBots);
        }
        for (final int loss : lossPercents)
        {
            Flags.range(spec, "--loss", loss, 0, 100);
        }
        Flags.require(spec, lossPercents.isEmpty() || LossLab.isInside(), "--loss runs in a network namespace " +
            "that bin/tickloop makes: run it through bin/tickloop");
        return new CompareSettings(models, scenarios, repeat, run.durationMs(), run.warmupMs(), run.messageSize(),
            run.connectRatePerSecond(), run.maxErrors(), rttConnections, rateConnections, rate, c10kConnections,
            c10kRatePerConnection, gameBots, gameRooms, gameMoveHz, gameChatRate, run.idle(), transports,
            lossPercents);
    }
}
