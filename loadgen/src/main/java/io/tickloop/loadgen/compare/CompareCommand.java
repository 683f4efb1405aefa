package io.tickloop.loadgen.compare;

import io.tickloop.cli.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tickloop compare}: every socket model under the same loads, latency histograms side by side.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run every socket model under the same scenarios and compare them. For each (scenario, model): start",
        "the server as a child JVM (same heap and flags for every model), wait until it accepts, drive it from",
        "this process, sample its CPU, RSS, threads and descriptors from /proc every second, stop it gracefully.",
        "A model that fails or falls short is reported as such, with its partial figures, and the run goes on.",
        "",
        "Scenarios: rtt (closed loop, 1 request in flight per connection), rate (open loop at --rate),",
        "c10k (many connections at a low rate each), game (bots in rooms against --service game; its latency",
        "is the input latency, MOVE sent -> first STATE showing it, and its msg/s the MOVEs sent).",
        "",
        "Writes, under --out: index.html (self-contained, charts embedded), summary.md, summary.json, charts/,",
        "and per run scenario/model/ with latency.hgrm, service.hgrm, run.hlog, summary.json,",
        "server-samples.csv, server.log and run.properties. 'tickloop report' redraws it from those files.",
        "",
        "Exit codes: 0 when at least one run produced figures, 1 when none did, 2 for bad flags."
    })
public final class CompareCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--models", defaultValue = "selector,reactors,blocking,virtual,async,polling", split = ",",
        paramLabel = "NAME[,NAME...]", description = "Models to compare. Default: ${DEFAULT-VALUE}.")
    private List<String> models;

    @Option(names = "--scenarios", defaultValue = "rtt,rate,c10k,game", split = ",", paramLabel = "NAME[,NAME...]",
        description = "Scenarios to run. Default: ${DEFAULT-VALUE}.")
    private List<String> scenarios;

    @Option(names = "--duration", defaultValue = "8s", paramLabel = "DURATION",
        description = "Measured time of each run, after its warm-up. Default: ${DEFAULT-VALUE}.")
    private String duration;

    @Option(names = "--warmup", defaultValue = "2s", paramLabel = "DURATION",
        description = "Warm-up of each run, kept out of the figures; stretched to cover the connection ramp. " +
            "Default: ${DEFAULT-VALUE}.")
    private String warmup;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES",
        description = "PING frame length. Default: ${DEFAULT-VALUE}.")
    private int size;

    @Option(names = "--rtt-connections", defaultValue = "100", paramLabel = "N",
        description = "rtt: connections, one request in flight each. Default: ${DEFAULT-VALUE}.")
    private int rttConnections;

    @Option(names = "--rate-connections", defaultValue = "1000", paramLabel = "N",
        description = "rate: connections. Default: ${DEFAULT-VALUE}.")
    private int rateConnections;

    @Option(names = "--rate", defaultValue = "50000", paramLabel = "MSGS_PER_S",
        description = "rate: total PINGs per second. Default: ${DEFAULT-VALUE}.")
    private long rate;

    @Option(names = "--c10k-connections", defaultValue = "10000", paramLabel = "N",
        description = "c10k: connections. Default: ${DEFAULT-VALUE}.")
    private int c10kConnections;

    @Option(names = "--c10k-rate-per-connection", defaultValue = "2", paramLabel = "MSGS_PER_S",
        description = "c10k: PINGs per second per connection. Default: ${DEFAULT-VALUE}.")
    private double c10kRatePerConnection;

    @Option(names = "--game-bots", defaultValue = "1000", paramLabel = "N",
        description = "game: bots. Default: ${DEFAULT-VALUE}.")
    private int gameBots;

    @Option(names = "--game-rooms", defaultValue = "10", paramLabel = "N",
        description = "game: rooms the bots spread over. Default: ${DEFAULT-VALUE}.")
    private int gameRooms;

    @Option(names = "--game-move-hz", defaultValue = "10", paramLabel = "HZ",
        description = "game: MOVEs per bot per second. Default: ${DEFAULT-VALUE}.")
    private double gameMoveHz;

    @Option(names = "--game-chat-rate", defaultValue = "0.1", paramLabel = "PER_S",
        description = "game: CHATs per bot per second. Default: ${DEFAULT-VALUE}.")
    private double gameChatRate;

    @Option(names = "--connect-rate", defaultValue = "5000", paramLabel = "CONNS_PER_S",
        description = "New connections started per second. Default: ${DEFAULT-VALUE}.")
    private int connectRate;

    @Option(names = "--max-errors", defaultValue = "0", paramLabel = "N",
        description = "Errors a run may have before it is reported as 'errors'. Default: ${DEFAULT-VALUE}.")
    private long maxErrors;

    @Option(names = "--pin",
        description = "Pin the servers to the first half of the cores and the load generator to the rest " +
            "(taskset). Default: off; the report says which.")
    private boolean pin;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Report folder. Default: results/compare-<timestamp>.")
    private Path out;

    @Option(names = "--quiet", description = "One line per run instead of a progress line each second.")
    private boolean quiet;

    @Override
    public Integer call() throws IOException
    {
        final CompareSettings settings = settings();
        final PrintStream console = System.out;
        final Path folder = null != out ? out : Path.of("results",
            "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final CpuPinning pinning = pin ? CpuPinning.pinThisProcess() : CpuPinning.none();
        final String context = Machine.describe() + "\n" + pinning.describe() + "\ncommand: tickloop " +
            String.join(" ", spec.commandLine().getParseResult().originalArgs());
        console.println("tickloop compare: " + settings.models().size() * settings.scenarios().size() +
            " runs into " + folder.toAbsolutePath());
        console.println(context);

        final List<RunFigures> runs = new ComparisonRunner(
            settings, TickloopHome.serverJar(), pinning, console, quiet).run(folder);
        final ComparisonReport report = new ComparisonReport(runs, context);
        report.printConsole(console);
        report.write(folder);
        console.println("report: " + folder.resolve("index.html").toAbsolutePath());
        return runs.stream().anyMatch(run -> run.record().hasFigures()) ? 0 : 1;
    }

    private CompareSettings settings()
    {
        try
        {
            final CompareSettings settings = new CompareSettings()
                .models(models.stream().map(String::trim).toList())
                .scenarios(scenarios.stream().map(Scenario::of).toList())
                .durationMs(positive("--duration", Durations.parseMs(duration)))
                .warmupMs(Durations.parseMs(warmup))
                .messageSize(size)
                .rttConnections((int)positive("--rtt-connections", rttConnections))
                .rateConnections((int)positive("--rate-connections", rateConnections))
                .rate(positive("--rate", rate))
                .c10kConnections((int)positive("--c10k-connections", c10kConnections))
                .c10kRatePerConnection(c10kRatePerConnection)
                .gameBots((int)positive("--game-bots", gameBots))
                .gameRooms((int)positive("--game-rooms", gameRooms))
                .gameMoveHz(gameMoveHz)
                .gameChatRate(gameChatRate)
                .connectRatePerSecond((int)positive("--connect-rate", connectRate))
                .maxErrors(maxErrors)
                .pin(pin);
            if (settings.scenarios().contains(Scenario.GAME))
            {
                settings.gameLoad(new java.net.InetSocketAddress("127.0.0.1", 1));
            }
            return settings;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
    }

    private static long positive(final String flag, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(flag + " must be positive, was " + value);
        }
        return value;
    }

}
